"""The competency taxonomy of PermenPANRB 38/2017: technical, managerial (with its eight
competencies, M.01 to M.08) and socio-cultural, as courses, training records and reports
use it."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

COMPETENCIES = ("teknis", "manajerial", "sosial_kultural")
COMPETENCY_LABELS = {
    "teknis": _l("technical"),
    "manajerial": _l("managerial"),
    "sosial_kultural": _l("socio-cultural"),
}
MANAGERIAL = {
    "M.01": _l("Integrity"),
    "M.02": _l("Cooperation"),
    "M.03": _l("Communication"),
    "M.04": _l("Results orientation"),
    "M.05": _l("Public service"),
    "M.06": _l("Developing oneself and others"),
    "M.07": _l("Managing change"),
    "M.08": _l("Decision making"),
}
MANAGERIAL_CODES = tuple(MANAGERIAL)

# "M.04", "m04", "M 4", "manajerial M.04", "managerial: M.04 Orientasi pada Hasil"
_CODE = re.compile(r"^(?:(?:manajerial|managerial)\s*[:\-]?\s*)?m\s*\.?\s*(\d{1,2})\b", re.I)


def managerial_code(text: str) -> str | None:
    """``M.0n`` if ``text`` names a managerial competency by its code, else None.
    A code outside M.01-M.08 gives ``"?"`` so that the caller can report it."""
    found = _CODE.match(text.strip())
    if not found:
        return None
    code = f"M.{int(found.group(1)):02d}"
    return code if code in MANAGERIAL else "?"


def competency_choices() -> list[SelectChoice]:
    """One select for forms: technical, managerial in general or one of M.01-M.08,
    socio-cultural. The value is ``competency`` or ``manajerial/M.0n``."""
    managerial = str(COMPETENCY_LABELS["manajerial"])
    return [
        SelectChoice("teknis", str(COMPETENCY_LABELS["teknis"])),
        SelectChoice("manajerial", managerial),
        *(
            SelectChoice(f"manajerial/{code}", f"{managerial}: {code} {name}")
            for code, name in MANAGERIAL.items()
        ),
        SelectChoice("sosial_kultural", str(COMPETENCY_LABELS["sosial_kultural"])),
    ]


def split_choice(value: str) -> tuple[str, str | None]:
    """``manajerial/M.04`` -> ("manajerial", "M.04"); ``teknis`` -> ("teknis", None)."""
    competency, _, code = value.partition("/")
    if competency not in COMPETENCIES:
        raise ValueError(f"unknown competency {value!r}")
    if code and (competency != "manajerial" or code not in MANAGERIAL):
        raise ValueError(f"unknown managerial competency {value!r}")
    return competency, code or None


def competency_text(competency: str, code: str | None) -> str:
    """How a page or an export names it: ``manajerial: M.04 Orientasi pada Hasil``."""
    label = str(COMPETENCY_LABELS.get(competency, competency))
    return f"{label}: {code} {MANAGERIAL[code]}" if code in MANAGERIAL else label


class CompetencyField(SelectField):
    """A form's competency, managerial ones by code; ``split`` gives the two columns."""

    def __init__(self, label=None, **kwargs):
        super().__init__(label, choices=competency_choices, **kwargs)

    @property
    def split(self) -> tuple[str, str | None]:
        return split_choice(self.data)
