"""Importing ASN accounts from a CSV or XLSX file: read, check every row (bad NIP,
duplicate, unknown agency, unknown supervisor), show what would change, then write the
valid rows in one transaction. Re-importing the same file changes nothing.

New accounts get no usable password: their owners set one with "Lupa kata sandi",
which sends a link to the e-mail address in the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy.orm import Session

from elearn.accounts.nip import validate_nip
from elearn.accounts.users import AccountDetails, apply_account
from elearn.models import Agency, User
from elearn.patterns import pattern

MAX_ROWS = 20_000
MAX_COLUMNS = 40
MAX_CELL = 500  # characters: a name, an e-mail address, a position
MAX_BYTES = 8 * 1024 * 1024
SCIENTIFIC = pattern(r"^\s*\d+(?:[.,]\d+)?[eE][+-]?\d+\s*$")  # 1,99003E+17: a NIP as a number
NO_PASSWORD = "!set-by-the-owner"  # noqa: S105 (not a hash: sign-in fails until reset)
COLUMNS = {  # the file's header (Indonesian or English) -> field
    "nip": "nip",
    "nama": "name",
    "name": "name",
    "nama lengkap": "name",
    "email": "email",
    "e-mail": "email",
    "surel": "email",
    "instansi": "agency",
    "agency": "agency",
    "kode instansi": "agency",
    "opd": "agency",
    "jabatan": "position",
    "position": "position",
    "id siasn": "siasn",
    "siasn": "siasn",
    "siasn_id": "siasn",
    "pns_orang_id": "siasn",
    "pnsorangid": "siasn",
    "nip atasan": "supervisor",
    "nip_atasan": "supervisor",
    "supervisor nip": "supervisor",
    "supervisor_nip": "supervisor",
}
REQUIRED = ("nip", "name", "agency")


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class Row:
    """One row of the file, what it would do, and what is wrong with it."""

    line: int
    values: dict[str, str]
    action: str = "create"  # create | update | unchanged | error
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


def read_rows(
    filename: str,
    data: bytes,
    columns: dict[str, str] = COLUMNS,
    required: tuple[str, ...] = REQUIRED,
) -> list[Row]:
    """The file's rows, by their line in the file (the header is line 1), with the
    fields ``columns`` names (a header -> field map). Bounded before anything is parsed
    in full: the file's size, its rows (read up to one past the most allowed, whatever
    the sheet declares), its columns and each cell's length."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(str(_l("An import file is at most 8 MB.")))
    table = _xlsx_table(data) if filename.lower().endswith(".xlsx") else _csv_table(data)
    header = _checked_header(table, columns, required)
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {
            name: str(cell if cell is not None else "").strip()
            for name, cell in zip(header, cells, strict=False)
            if name
        }
        for name in ("nip", "supervisor"):  # a CSV saved by a spreadsheet: 1,99003E+17
            if SCIENTIFIC.match(values.get(name, "")):
                values[name] = LOST_DIGITS
        if any(values.values()):
            rows.append(Row(number, values))
    return rows


def _checked_header(
    table: list[list[Any]], columns: dict[str, str], required: tuple[str, ...]
) -> list[str | None]:
    """The column each cell of the first row names; the table's bounds checked."""
    if table and max(map(len, table)) > MAX_COLUMNS:
        raise ImportFileError(
            str(lazy_ngettext("At most %(num)d column.", "At most %(num)d columns.", MAX_COLUMNS))
        )
    if any(isinstance(c, str) and len(c) > MAX_CELL for row in table for c in row):
        raise ImportFileError(
            str(
                lazy_ngettext(
                    "A cell holds more than %(num)d character.",
                    "A cell holds more than %(num)d characters.",
                    MAX_CELL,
                )
            )
        )
    if not table:
        raise ImportFileError(str(_l("The file is empty.")))
    header = [columns.get(str(cell or "").strip().lower()) for cell in table[0]]
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFileError(
            str(
                _l(
                    "The first row must name the columns; missing: %(names)s.",
                    names=", ".join(missing),
                )
            )
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(
            str(
                lazy_ngettext(
                    "At most %(num)d row per file.", "At most %(num)d rows per file.", MAX_ROWS
                )
            )
        )
    return header


def _csv_table(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # Excel's "CSV" on Windows
        except UnicodeDecodeError as exc:
            raise ImportFileError(str(_l("The file is not a text (CSV) file."))) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return list(islice(csv.reader(io.StringIO(text), delimiter=delimiter), MAX_ROWS + 2))
    except csv.Error as exc:  # a field over csv's own limit, a stray NUL
        raise ImportFileError(
            str(_l("The file is not a readable CSV table (%(problem)s).", problem=str(exc)))
        ) from exc


def _xlsx_table(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise ImportFileError(str(_l("The file is not a readable XLSX workbook."))) from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the rows it holds, not the size it declares (A1:ZZ50000)
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        return [_trimmed([_cell_text(c) for c in row]) for row in islice(rows, MAX_ROWS + 2)]
    finally:
        workbook.close()


def _trimmed(cells: list[Any]) -> list[Any]:
    """A row without the empty cells after its last value."""
    while cells and cells[-1] in (None, ""):
        cells.pop()
    return cells


LOST_DIGITS = "#number#"


def _cell_text(value: Any) -> Any:
    """A number cell as text. A spreadsheet keeps numbers to 15 digits, so an 18-digit
    NIP typed as a number has already lost its last digits: mark it, never guess."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if abs(value) >= 1e15:
            return LOST_DIGITS
        return str(int(value)) if float(value).is_integer() else str(value)
    return value


def check_rows(session: Session, rows: list[Row]) -> list[Row]:
    """Decide what each row does and find everything wrong with it, in three queries."""
    agencies = {a.code.lower(): a.id for a in session.scalars(sa.select(Agency))}
    nips = {_clean_nip(r.values.get("nip", "")) for r in rows}
    nips |= {_clean_nip(r.values.get("supervisor", "")) for r in rows}
    existing = {u.nip: u for u in session.scalars(sa.select(User).where(User.nip.in_(nips - {""})))}
    emails = {r.values.get("email", "").lower() for r in rows} - {""}
    taken_emails = dict(
        session.execute(sa.select(User.email, User.nip).where(User.email.in_(emails))).all()
    )
    in_file: dict[str, int] = {}
    for row in rows:
        _check_row(row, agencies, existing, taken_emails, in_file)
    file_nips = {row.values["nip"] for row in rows if row.valid}
    for row in rows:
        supervisor = row.values.get("supervisor", "")
        if supervisor and supervisor not in file_nips and supervisor not in existing:
            row.problems.append(
                str(_l("The supervisor's NIP %(nip)s is not known.", nip=supervisor))
            )
        if supervisor and supervisor == row.values.get("nip"):
            row.problems.append(str(_l("A person cannot be their own supervisor.")))
    for row in rows:
        if not row.valid:
            row.action = "error"
        elif row.values["nip"] in existing:
            row.action = (
                "unchanged" if _same(existing[row.values["nip"]], row, existing) else "update"
            )
    return rows


def _clean_nip(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _check_row(row: Row, agencies, existing, taken_emails, in_file) -> None:
    values = row.values
    for name in ("nip", "supervisor"):
        if values.get(name) == LOST_DIGITS:
            values[name] = ""
            row.problems.append(
                str(
                    _l(
                        "A NIP was stored as a number, and spreadsheets keep only 15 digits "
                        "of a number: format the NIP columns as text and type them again."
                    )
                )
            )
    if not values.get("nip") and row.problems:
        return
    try:
        values["nip"] = validate_nip(values.get("nip", ""))
    except ValueError as problem:
        row.problems.append(str(_l("NIP: %(problem)s", problem=str(problem))))
    else:
        if values["nip"] in in_file:
            row.problems.append(
                str(_l("This NIP is also on line %(line)d.", line=in_file[values["nip"]]))
            )
        in_file.setdefault(values["nip"], row.line)
    if values.get("supervisor"):
        values["supervisor"] = _clean_nip(values["supervisor"])
    if not values.get("name"):
        row.problems.append(str(_l("The name is empty.")))
    elif len(values["name"]) > 200:
        row.problems.append(str(_l("The name is longer than 200 characters.")))
    code = values.get("agency", "").lower()
    if code not in agencies:
        row.problems.append(
            str(_l("There is no agency with the code %(code)s.", code=values.get("agency", "")))
        )
    values["agency_id"] = agencies.get(code)
    if values.get("email"):
        try:
            email = validate_email(values["email"], check_deliverability=False).normalized
            values["email"] = email.lower()
        except EmailNotValidError:
            row.problems.append(
                str(_l("%(email)s is not an e-mail address.", email=values["email"]))
            )
        else:
            owner = taken_emails.get(values["email"])
            if owner is not None and owner != values.get("nip"):
                row.problems.append(str(_l("The e-mail address belongs to another account.")))
    if len(values.get("siasn", "")) > 64:
        row.problems.append(str(_l("The SIASN id is longer than 64 characters.")))
    if len(values.get("position", "")) > 200:
        row.problems.append(str(_l("The position is longer than 200 characters.")))


def _same(user: User, row: Row, existing: dict[str, User]) -> bool:
    values = row.values
    supervisor = existing.get(values.get("supervisor", ""))
    return (
        user.full_name == values["name"]
        and (user.email or "") == values.get("email", "")
        and user.agency_id == values["agency_id"]
        and (user.position or "") == values.get("position", "")
        and (not values.get("siasn") or user.siasn_id == values["siasn"])
        and user.supervisor_id == (supervisor.id if supervisor else None)
        and bool(values.get("supervisor")) == bool(supervisor)
    )


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0


def apply_rows(session: Session, rows: list[Row]) -> ImportSummary:
    """Write every valid row: all of them, or none on a failure (rolled back). The caller
    commits, with its audit entry."""
    summary = ImportSummary(refused=sum(1 for r in rows if not r.valid))
    valid = [r for r in rows if r.valid]
    by_nip = {
        u.nip: u
        for u in session.scalars(
            sa.select(User).where(User.nip.in_([r.values["nip"] for r in valid]))
        )
    }
    try:
        for row in valid:
            if row.action == "unchanged":
                summary.unchanged += 1
                continue
            user = by_nip.get(row.values["nip"])
            if user is None:
                user = User(
                    nip=row.values["nip"], full_name=row.values["name"], password_hash=NO_PASSWORD
                )
                user.set_roles(["learner"])
                session.add(user)
                by_nip[user.nip] = user
                summary.created += 1
            else:
                summary.updated += 1
        session.flush()  # the new accounts' ids, for supervisors named in the same file
        supervisors = _supervisor_ids(session, valid)
        for row in valid:
            if row.action == "unchanged":
                continue
            user = by_nip[row.values["nip"]]
            details = AccountDetails(
                full_name=row.values["name"],
                email=row.values.get("email"),
                agency_id=row.values["agency_id"],
                position=row.values.get("position"),
                siasn_id=row.values.get("siasn") or user.siasn_id,
                supervisor_id=supervisors.get(row.values.get("supervisor", "")),
            )
            apply_account(user, details)
        session.flush()
    except Exception:
        session.rollback()
        raise
    return summary


def _supervisor_ids(session: Session, rows: list[Row]) -> dict[str, int]:
    wanted = {r.values["supervisor"] for r in rows if r.values.get("supervisor")}
    if not wanted:
        return {}
    return dict(session.execute(sa.select(User.nip, User.id).where(User.nip.in_(wanted))).all())
