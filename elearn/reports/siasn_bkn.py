"""Training history in the shape BKN's SIASN web service takes (riwayat kursus): one
record per training with exactly the fields the service names, the reference ids set
by BKPSDM, and the certificate file. No network call: the file is what an operator
uploads, or what a later integration sends. The records that cannot be sent yet (no
SIASN id on the account, a kind of training with no ``jenisDiklatId``, JP not whole or
still waiting for approval) are reported, never silently dropped."""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.audit import audit
from elearn.competencies import COMPETENCIES
from elearn.models import Enrolment, JpApproval, SiasnReference, User
from elearn.models.approvals import PENDING
from elearn.models.types import LOCAL_TIME, aware, utcnow
from elearn.progress.jp import not_yet_credited
from elearn.reports.siasn import TrainingRecord

FIELDS = (
    "pnsOrangId",
    "instansiId",
    "namaKursus",
    "jenisDiklatId",
    "jenisKursusSertipikat",
    "institusiPenyelenggara",
    "jumlahJam",
    "tahunKursus",
    "tanggalKursus",
    "tanggalSelesaiKursus",
    "nomorSertipikat",
    "lokasiId",
    "berkasSertipikat",
)
SOURCES = {"certificate": _l("course on this platform"), "external": _l("training elsewhere")}
GENERAL = ("instansiId", "lokasiId", "jenisKursusSertipikat")


def kind_key(source: str, competency: str) -> str:
    return f"jenisDiklatId:{source}:{competency}"


KIND_KEYS = [kind_key(source, c) for source in SOURCES for c in COMPETENCIES]


def references(session: Session) -> dict[str, str]:
    stored = {r.key: r.value for r in session.scalars(sa.select(SiasnReference))}
    return {key: stored.get(key, "") for key in (*GENERAL, *KIND_KEYS)}


def set_references(session: Session, admin: User, values: dict[str, str]) -> None:
    for key in (*GENERAL, *KIND_KEYS):
        row = session.get(SiasnReference, key) or SiasnReference(key=key)
        row.value, row.updated_at, row.updated_by_id = (
            values.get(key, "").strip(),
            utcnow(),
            admin.id,
        )
        session.add(row)
    audit(
        session,
        admin,
        "siasn.references",
        "siasn",
        "; ".join(f"{k}={v}" for k, v in values.items() if v),
    )


@dataclass(frozen=True)
class Unsendable:
    """A training that cannot go to SIASN yet, and why."""

    nip: str
    name: str
    title: str
    reasons: tuple[str, ...]


def record_fields(record: TrainingRecord, refs: dict[str, str]) -> dict:
    return {
        "pnsOrangId": record.siasn_id or "",
        "instansiId": refs["instansiId"],
        "namaKursus": record.title,
        "jenisDiklatId": refs.get(kind_key(record.source[0], record.competency), ""),
        "jenisKursusSertipikat": refs["jenisKursusSertipikat"],
        "institusiPenyelenggara": record.organiser,
        "jumlahJam": int(record.jp) if float(record.jp).is_integer() else record.jp,
        "tahunKursus": record.end.year,
        "tanggalKursus": record.start.strftime("%d-%m-%Y"),
        "tanggalSelesaiKursus": record.end.strftime("%d-%m-%Y"),
        "nomorSertipikat": record.number,
        "lokasiId": refs["lokasiId"],
        "berkasSertipikat": record.file_name,
    }


def sendable(
    session: Session, records: list[TrainingRecord], year: int, agency_ids: set[int] | None
) -> tuple[list[tuple[TrainingRecord, dict]], list[Unsendable]]:
    """The records ready for SIASN (with their fields) and those that are not (with
    why), completions whose JP still wait for approval among them."""
    refs = references(session)
    ready, blocked = [], []
    for record in records:
        fields = record_fields(record, refs)
        reasons = []
        if not fields["pnsOrangId"]:
            reasons.append(str(_l("the account has no SIASN id")))
        if not fields["jenisDiklatId"]:
            reasons.append(
                str(
                    _l(
                        "no jenisDiklatId is set for %(kind)s (%(competency)s)",
                        kind=SOURCES[record.source[0]],
                        competency=record.competency,
                    )
                )
            )
        if not isinstance(fields["jumlahJam"], int):
            reasons.append(str(_l("SIASN takes whole JP; this has %(jp)s", jp=record.jp)))
        if not refs["instansiId"]:
            reasons.append(str(_l("the instansiId is not set")))
        if reasons:
            blocked.append(Unsendable(record.nip, record.name, record.title, tuple(reasons)))
        else:
            ready.append((record, fields))
    blocked += _waiting_for_jp(session, year, agency_ids)
    return ready, blocked


def _waiting_for_jp(session: Session, year: int, agency_ids: set[int] | None) -> list[Unsendable]:
    """Courses completed in ``year`` whose JP wait for BKPSDM's approval."""
    from elearn.models import CourseVersion

    query = (
        sa.select(User.nip, User.full_name, CourseVersion.title, Enrolment.completed_at)
        .join(User, User.id == Enrolment.user_id)
        .join(CourseVersion, CourseVersion.id == Enrolment.completed_version_id)
        .join(JpApproval, JpApproval.version_id == Enrolment.completed_version_id)
        .where(
            JpApproval.status == PENDING,
            User.nip.is_not(None),
            not_yet_credited(),
        )
    )
    if agency_ids is not None:
        query = query.where(User.agency_id.in_(agency_ids))
    waiting = str(_l("its JP wait for approval"))
    return [
        Unsendable(nip, name, title, (waiting,))
        for nip, name, title, completed_at in session.execute(query)
        if completed_at and aware(completed_at).astimezone(LOCAL_TIME).year == year
    ]


def json_lines(ready: list[tuple[TrainingRecord, dict]]) -> bytes:
    """One JSON object per line, its fields in the service's order."""
    return "".join(
        json.dumps({name: fields[name] for name in FIELDS}, ensure_ascii=False) + "\n"
        for _record, fields in ready
    ).encode()


def table_rows(ready: list[tuple[TrainingRecord, dict]]) -> list[list]:
    return [[fields[name] for name in FIELDS] for _record, fields in ready]
