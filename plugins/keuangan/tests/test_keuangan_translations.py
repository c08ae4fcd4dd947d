"""The plugin speaks Indonesian, the platform's default language."""

from pathlib import Path

import elearn_keuangan

from elearn.testing.translations import compiled_is_current, untranslated

PACKAGE = Path(elearn_keuangan.__file__).parent


def test_every_string_has_an_indonesian_translation():
    assert untranslated(PACKAGE) == []


def test_the_compiled_catalogue_is_current():
    assert compiled_is_current(PACKAGE)
