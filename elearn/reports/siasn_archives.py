"""The SIASN archives (the training history or BKN's riwayat kursus, with every
certificate PDF) are built by a job, not in the request: a city's year is thousands of
PDFs. The admin who asked finds the file under Downloads, and is told by e-mail."""

from __future__ import annotations

import zipfile

from sqlalchemy.orm import Session

from elearn.accounts.agencies import load_agency_tree, within
from elearn.jobs import enqueue, job
from elearn.models import Job, User
from elearn.notifications import notify
from elearn.reports import siasn_bkn
from elearn.reports.export import table_bytes
from elearn.reports.siasn import HEADER, training_records, zip_with_certificates

KINDS = ("zip", "bkn-zip")


def archive_name(kind: str, year: int) -> str:
    return f"siasn-{year}.zip" if kind == "zip" else f"siasn-kursus-{year}.zip"


def build_archive(session: Session, kind: str, year: int, agency_id: int) -> bytes:
    """The archive of ``year`` for the agency (and those under it; 0 for all)."""
    agency_ids = within(load_agency_tree(session), agency_id) if agency_id else None
    records = training_records(session, year, agency_ids)
    if kind == "zip":
        table = table_bytes("xlsx", HEADER, [record.row() for record in records])
        with zip_with_certificates(session, records, table, f"riwayat-diklat-{year}.xlsx") as done:
            return done.read()
    ready, _blocked = siasn_bkn.sendable(session, records, year, agency_ids)
    table = table_bytes("xlsx", siasn_bkn.FIELDS, siasn_bkn.table_rows(ready))
    name = f"riwayat-kursus-{year}.xlsx"
    with zip_with_certificates(session, [r for r, _f in ready], table, name) as archive:
        with zipfile.ZipFile(archive, "a") as bundle:
            bundle.writestr(f"riwayat-kursus-{year}.jsonl", siasn_bkn.json_lines(ready))
        archive.seek(0)
        return archive.read()


@job("siasn.archive")
def prepare_archive(session: Session, payload: dict) -> None:
    row = session.get(Job, payload["job_id"])
    row.result = build_archive(session, payload["kind"], payload["year"], payload["agency_id"])
    row.result_name = archive_name(payload["kind"], payload["year"])
    user = session.get(User, row.user_id) if row.user_id else None
    if user is not None:
        notify(session, user, "export.ready", "learn.downloads", name=row.result_name)


def queue_archive(session: Session, user: User, kind: str, year: int, agency_id: int) -> Job:
    """Queue the archive for ``user``: it shows under Downloads, preparing, then ready."""
    payload = {"kind": kind, "year": year, "agency_id": agency_id}
    row = enqueue(session, "siasn.archive", payload, user.id)
    row.payload = {**payload, "job_id": row.id}  # where the handler keeps the file
    row.result_name = archive_name(kind, year)
    return row
