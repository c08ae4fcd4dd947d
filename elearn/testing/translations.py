"""Checks that a package (the core or a plugin) speaks Indonesian: every string marked
for translation has an Indonesian translation, and the compiled catalogue is current."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

KEYWORDS = {
    "_": None,
    "gettext": None,
    "_l": None,
    "lazy_gettext": None,
    "ngettext": (1, 2),
    "lazy_ngettext": (1, 2),
}
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]


def extracted_messages(package: Path) -> set[str]:
    """Every message id marked in the package's Python code and templates."""
    return {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(package), method_map=METHODS, keywords=KEYWORDS
        )
    }


def _catalogue(package: Path) -> Path:
    return package / "translations" / "id" / "LC_MESSAGES"


def untranslated(package: Path) -> list[str]:
    """Messages of ``package`` with no (or a fuzzy) Indonesian translation."""
    with open(_catalogue(package) / "messages.po", "rb") as handle:
        catalogue = read_po(handle, locale="id")
    return [
        m
        for m in sorted(extracted_messages(package))
        if m not in catalogue or not catalogue[m].string or catalogue[m].fuzzy
    ]


def compiled_is_current(package: Path) -> bool:
    """Whether ``messages.mo`` holds exactly what ``messages.po`` says."""

    def entries(messages) -> dict:  # plural forms come as a tuple or a list
        return {_key(m.id): _key(m.string) for m in messages if m.id}

    with open(_catalogue(package) / "messages.po", "rb") as handle:
        source = entries(read_po(handle, locale="id"))
    with open(_catalogue(package) / "messages.mo", "rb") as handle:
        compiled = entries(read_mo(handle))
    return compiled == source


def _key(value):
    return tuple(value) if isinstance(value, list | tuple) else value
