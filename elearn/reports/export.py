"""One table, written as CSV or XLSX, so every report exports exactly the rows and
numbers its page shows, and no cell becomes a live formula: names, titles and answers
come from people (a learner, a trainer, an import file), and ``=HYPERLINK(...)`` in one
would send the reader's data away when clicked. Text starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with ``'`` in CSV (OWASP's rule for CSV
injection) and written as a string cell in XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from flask import Response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def table_response(
    name: str, fmt: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> Response:
    """``name.csv`` or ``name.xlsx`` as a download. Text stays text: a NIP is never
    turned into a number that a spreadsheet would round."""
    fmt = fmt if fmt == "xlsx" else "csv"
    body = table_bytes(fmt, header, rows)
    return Response(
        body,
        mimetype=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def table_bytes(fmt: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The table as an XLSX workbook or a UTF-8 CSV file Excel opens as such."""
    if fmt == "xlsx":
        return _xlsx(header, rows)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([inert(cell) for cell in header])
    writer.writerows([inert(cell) for cell in row] for row in rows)
    return ("\ufeff" + text.getvalue()).encode()  # the BOM tells Excel it is UTF-8


def inert(value: Any) -> Any:
    """A CSV cell a spreadsheet shows and never runs."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    def cells(values: Sequence[Any]) -> list[Any]:
        written = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with "=": never a formula
            written.append(cell)
        return written

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(cells(header))
    for row in rows:
        sheet.append(cells(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
