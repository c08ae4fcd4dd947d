"""A learner's spreadsheet formula evaluated safely against a question's small table,
with the maintained ``formulas`` library (an Excel formula parser and interpreter):
nothing is passed to ``eval``. Before evaluating, the parsed tokens are checked: only
allow-listed functions, only cells inside the table, and a length limit."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

MAX_LENGTH = 200
ALLOWED = {
    "SUM",
    "AVERAGE",
    "COUNT",
    "COUNTA",
    "MIN",
    "MAX",
    "ROUND",
    "ROUNDUP",
    "ROUNDDOWN",
    "IF",
    "AND",
    "OR",
    "NOT",
    "ABS",
    "SUMIF",
    "COUNTIF",
    "AVERAGEIF",
    "MEDIAN",
}
# Indonesian Excel's names for the same functions.
INDONESIAN = {
    "JUMLAH": "SUM",
    "RATA-RATA": "AVERAGE",
    "HITUNG": "COUNT",
    "HITUNGA": "COUNTA",
    "MAKS": "MAX",
    "BULATKAN": "ROUND",
    "JIKA": "IF",
    "DAN": "AND",
    "ATAU": "OR",
    "TIDAK": "NOT",
    "JUMLAH.JIKA": "SUMIF",
    "HITUNG.JIKA": "COUNTIF",
    "RATA-RATA.JIKA": "AVERAGEIF",
    "MUTLAK": "ABS",
    "MEDIAN": "MEDIAN",
}
CELL = re.compile(r"^(?P<col>[A-Z]{1,2})(?P<row>\d{1,4})$")
STRING = re.compile(r'"[^"]*"')
NAME = re.compile(r"(?<![A-Z0-9.])(?P<name>[A-Z][A-Z.\-]*[A-Z])\s*\(")


class FormulaRefused(ValueError):
    """A formula that is not allowed or cannot be read; the message says why."""


def column_letter(index: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]


def _column_index(letters: str) -> int:
    return ord(letters[-1]) - ord("A") if len(letters) == 1 else 99


def normalise(formula: str) -> str:
    """Upper case outside strings, ``;`` as the argument separator becomes ``,``, and
    Indonesian function names become Excel's."""
    text = formula.strip()
    if not text.startswith("="):
        raise FormulaRefused(_("a formula starts with ="))
    if len(text) > MAX_LENGTH:
        raise FormulaRefused(
            ngettext(
                "a formula here is at most %(num)d character long",
                "a formula here is at most %(num)d characters long",
                MAX_LENGTH,
            )
        )
    pieces = STRING.split(text)  # the text outside string literals
    strings = STRING.findall(text)
    indonesian = any(";" in piece for piece in pieces)  # then , is the decimal mark
    out = []
    for index, piece in enumerate(pieces):
        out.append(_outside(piece, indonesian))
        if index < len(strings):
            out.append(strings[index])
    return "".join(out)


def _outside(text: str, indonesian: bool) -> str:
    text = text.upper()
    if indonesian:
        text = re.sub(r"(\d),(\d)", r"\1.\2", text).replace(";", ",")
    return NAME.sub(lambda m: INDONESIAN.get(m["name"], m["name"]) + "(", text)


def _cells(name: str, rows: int, columns: int) -> list[tuple[int, int]]:
    corners = name.split(":")
    found = [CELL.match(corner) for corner in corners]
    if len(corners) > 2 or not all(found):
        raise FormulaRefused(_("%(name)s is not a cell or a range of this table", name=name))
    points = [(int(m["row"]), _column_index(m["col"])) for m in found]
    (top, left), (bottom, right) = points[0], points[-1]
    if not (1 <= top <= bottom <= rows and 0 <= left <= right < columns):
        raise FormulaRefused(_("%(name)s is outside the table", name=name))
    return [(row, col) for row in range(top, bottom + 1) for col in range(left, right + 1)]


def evaluate(formula: str, grid: list[list[Any]]) -> tuple[Any, int]:
    """The value of ``formula`` over ``grid`` (row 1 first, column A first) and how many
    cells or ranges it reads; raises FormulaRefused for anything not allowed or not
    computable."""
    import formulas  # imported here: it is large, and only grading needs it
    import numpy as np

    text = normalise(formula)
    try:
        tokens, builder = formulas.Parser().ast(text)[:2]
    except Exception as exc:
        raise FormulaRefused(_("the formula cannot be read")) from exc
    for token in tokens:
        kind = type(token).__name__
        if kind == "Function" and token.name.upper() not in ALLOWED:
            raise FormulaRefused(_("the function %(name)s is not available here", name=token.name))
    rows, columns = len(grid), max(len(row) for row in grid)
    try:
        function = builder.compile()
    except Exception as exc:
        raise FormulaRefused(_("the formula cannot be read")) from exc
    arguments = []
    for name in function.inputs:
        cells = _cells(name, rows, columns)
        if ":" not in name:
            row, col = cells[0]
            arguments.append(grid[row - 1][col])
            continue
        top, left = cells[0]
        bottom, right = cells[-1]
        block = [[grid[r - 1][c] for c in range(left, right + 1)] for r in range(top, bottom + 1)]
        arguments.append(np.array(block, dtype=object))
    try:
        result = function(*arguments)
    except Exception as exc:
        raise FormulaRefused(_("the formula cannot be computed")) from exc
    value = np.asarray(result, dtype=object).ravel()[0]
    if type(value).__name__ == "XlError":
        raise FormulaRefused(_("the formula gives the error %(error)s", error=value))
    if isinstance(value, bool | np.bool_):
        return bool(value), len(arguments)
    try:
        return float(value), len(arguments)
    except (TypeError, ValueError):
        return str(value), len(arguments)


def same_value(found: Any, expected: Any, tolerance: float) -> bool:
    if isinstance(expected, float) and isinstance(found, float):
        return abs(found - expected) <= max(tolerance, abs(expected) * 1e-9)
    return found == expected
