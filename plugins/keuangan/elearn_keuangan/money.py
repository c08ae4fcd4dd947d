"""Rupiah and percentages as Indonesians write and read them: ``Rp 1.250.000``,
``84,5%``, and a learner's ``1,25 juta`` or ``Rp 1.250.000,-``."""

from __future__ import annotations

import math

from flask_babel import format_decimal

from elearn.plugin_api import learner_number_readings, parse_number, pattern

SCALES = {
    "ribu": 1e3,
    "rb": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "m": 1e9,
    "triliun": 1e12,
    "t": 1e12,
}
CURRENCY = pattern(r"^\s*(?:rp\.?|idr)\s*", ignore_case=True)


def rupiah(value: float | int | None) -> str:
    """``Rp 1.250.000`` (``Rp 1.250.000,50`` when there are sen)."""
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    pattern = "#,##0" if float(value).is_integer() else "#,##0.00"
    return f"{sign}Rp {format_decimal(abs(value), format=pattern)}"


def percent(value: float | int | None, digits: int = 1) -> str:
    """``84,5%``: a percentage (already times 100) with up to ``digits`` decimals."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return f"{format_decimal(value, format=pattern)}%"


def _strip(text: str) -> tuple[str, float]:
    """The number and its scale: ``Rp 1,25 juta`` -> ("1,25", 1e6). One pass from each
    end, in linear time whatever the text (a regex searching for a trailing word from
    every position was quadratic on a long run of spaces)."""
    text = CURRENCY.sub("", str(text or "")).strip()
    text = text.removesuffix(",-").rstrip()
    word_end = len(text) - 1 if text.endswith(".") else len(text)
    start = word_end
    while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        start -= 1
    word = text[start:word_end].lower()
    if word in SCALES:
        return text[:start].strip(), SCALES[word]
    return text, 1.0


def read_rupiah(text: str) -> list[float]:
    """Every reasonable reading of an amount a learner typed; ``(50.000)``, as
    accountants write a deficit, is negative (once: ``--5`` is not an amount)."""
    text = str(text or "").strip()
    sign = 1.0
    if text.startswith("(") and text.endswith(")"):
        sign, text = -1.0, text[1:-1].strip()
    elif text.startswith("-"):
        sign, text = -1.0, text[1:].strip()
    number, scale = _strip(text)
    if not number or number.startswith(("-", "(")):
        return []
    readings = [sign * value * scale for value in learner_number_readings(number)]
    return [value for value in readings if math.isfinite(value)]


THOUSANDS = pattern(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")


def parse_amount(text: str) -> float:
    """An amount as a trainer writes it (``Rp 1.250.000``, ``2,5 miliar``, ``1.000``:
    in an amount a dot before three digits always groups thousands); raises
    ``ValueError`` when it is not one."""
    number, scale = _strip(text)
    if THOUSANDS.match(number):
        value = float(number.replace(".", "").replace(",", ".")) * scale
    else:
        value = parse_number(number) * scale
    if not math.isfinite(value):
        raise ValueError("too large")
    return value


TOLERANCE = pattern(r"^(?P<value>.+?)\s*(?:±|\+-|\+/-)\s*(?P<tolerance>.+?)\s*$")


def amount_with_tolerance(text: str) -> dict[str, float]:
    """``Rp 12.500.000 ± 1.000`` or ``84 ± 0,5`` or ``90 ± 1%`` -> low, high, value;
    raises ``ValueError`` naming what is wrong."""
    found = TOLERANCE.match(text.strip())
    value_text, tolerance_text = (found["value"], found["tolerance"]) if found else (text, "0")
    value = parse_amount(value_text)
    relative = tolerance_text.strip().endswith("%")
    tolerance = parse_amount(tolerance_text.strip().rstrip("%").strip())
    if tolerance < 0:
        raise ValueError("negative tolerance")
    margin = abs(value) * tolerance / 100 if relative else tolerance
    return {"value": value, "low": value - margin, "high": value + margin}


def within(readings: list[float], low: float, high: float) -> bool:
    """Whether any reading lies in [low, high] (with room for float rounding)."""
    span = max(abs(low), abs(high), 1) * 1e-9
    return any(low - span <= value <= high + span for value in readings)
