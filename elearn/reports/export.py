"""One table, written as CSV or XLSX, so every report exports exactly the rows and
numbers its page shows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from flask import Response

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
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + text.getvalue()).encode()  # the BOM tells Excel it is UTF-8


def _xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
