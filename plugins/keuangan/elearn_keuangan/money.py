"""Rupiah and percentages as Indonesians write and read them: ``Rp 1.250.000``,
``84,5%``, and a learner's ``1,25 juta`` or ``Rp 1.250.000,-``."""

from __future__ import annotations

import re

from flask_babel import format_decimal

from elearn.plugin_api import learner_number_readings, parse_number

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
CURRENCY = re.compile(r"^\s*(?:rp\.?|idr)\s*", re.IGNORECASE)
SCALE = re.compile(r"\s*(?P<word>[a-z]+)\.?\s*$", re.IGNORECASE)


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
    text = CURRENCY.sub("", str(text or "")).strip()
    text = re.sub(r",-$", "", text).strip()
    found = SCALE.search(text)
    if found and found["word"].lower() in SCALES:
        return text[: found.start()].strip(), SCALES[found["word"].lower()]
    return text, 1.0


def read_rupiah(text: str) -> list[float]:
    """Every reasonable reading of an amount a learner typed; ``(50.000)``, as
    accountants write a deficit, is negative."""
    text = str(text or "").strip()
    if (text.startswith("(") and text.endswith(")")) or text.startswith("-"):
        inner = text[1:-1] if text.startswith("(") else text[1:]
        return [-value for value in read_rupiah(inner)]
    number, scale = _strip(text)
    return [value * scale for value in learner_number_readings(number)] if number else []


THOUSANDS = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")


def parse_amount(text: str) -> float:
    """An amount as a trainer writes it (``Rp 1.250.000``, ``2,5 miliar``, ``1.000``:
    in an amount a dot before three digits always groups thousands); raises
    ``ValueError`` when it is not one."""
    number, scale = _strip(text)
    if THOUSANDS.match(number):
        return float(number.replace(".", "").replace(",", ".")) * scale
    return parse_number(number) * scale


TOLERANCE = re.compile(r"^(?P<value>.+?)\s*(?:±|\+-|\+/-)\s*(?P<tolerance>.+?)\s*$")


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
