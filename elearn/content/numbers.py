"""Numbers as Indonesians write them: ``1.250.000,50``, ``Rp 1.250.000``, ``3,14``.

In a course source a number must mean one thing: ``1,234`` or ``1.234`` (one separator
followed by exactly three digits) could be a thousands separator or a decimal mark, so
it is refused. A learner's answer may be written either way; every reading is kept and
the grader takes the best.
"""

from __future__ import annotations

import math

from elearn.patterns import pattern

_CURRENCY = pattern(r"^\s*(?:rp\.?|idr)\s*", ignore_case=True)
_SHAPE = pattern(r"^[+-]?[0-9][0-9.,]*$")


class NumberError(ValueError):
    """Not a number, or (in a source) a number that can be read two ways."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind  # "not-a-number" | "ambiguous" | "grouping" | "too-large"


def _clean(text: str) -> str:
    text = _CURRENCY.sub("", text.strip()).replace("\u00a0", "").replace(" ", "")
    text = text.replace("\u2212", "-")  # the minus sign
    if not _SHAPE.match(text):
        raise NumberError("not-a-number")
    return text


def _with_thousands(text: str, thousands: str, decimal: str | None) -> float:
    sign = -1.0 if text.startswith("-") else 1.0
    text = text.lstrip("+-")
    whole, _, fraction = text.partition(decimal) if decimal else (text, "", "")
    groups = whole.split(thousands)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise NumberError("grouping")
    if decimal and (not fraction or not fraction.isdigit()):
        raise NumberError("not-a-number")
    digits = "".join(groups)
    if not digits.isdigit():
        raise NumberError("not-a-number")
    return sign * float(f"{digits}.{fraction}" if fraction else digits)


def readings(text: str) -> list[float]:
    """Every value ``text`` can mean (one, or two when it is ambiguous)."""
    text = _clean(text)
    body = text.lstrip("+-")
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if body.count(decimal) > 1:
            raise NumberError("grouping")
        return [_with_thousands(text, thousands, decimal)]
    if not dots and not commas:
        return [float(text)]
    separator = "." if dots else ","
    if body.count(separator) > 1:
        return [_with_thousands(text, separator, None)]
    after = body.split(separator)[1]
    as_decimal = float(text.replace(",", ".")) if after.isdigit() else None
    if as_decimal is None:
        raise NumberError("not-a-number")
    if len(after) == 3:
        return [as_decimal, _with_thousands(text, separator, None)]
    return [as_decimal]


def parse_source_number(text: str) -> float:
    """A number in a course file; raises ``NumberError`` unless it has one reading, and
    one that a float holds (a 1 followed by 400 zeros is not stored as infinity)."""
    values = readings(text)
    if len(values) > 1:
        raise NumberError("ambiguous")
    if not math.isfinite(values[0]):
        raise NumberError("too-large")
    return values[0]


def parse_learner_number(text: str) -> list[float]:
    """What a learner typed: every finite reading, or [] when it is not a number (an
    answer too large for a float is no number: it scores nothing, without an error)."""
    try:
        return [value for value in readings(text) if math.isfinite(value)]
    except NumberError:
        return []
