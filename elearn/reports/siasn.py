"""Completed training in the shape of BKN's training history (riwayat diklat in SIASN),
with the certificate PDFs alongside, so BKPSDM files records without retyping them:
courses finished here (with this platform's certificates) and verified training done
elsewhere (with the certificates the ASN uploaded)."""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.models import (
    Certificate,
    Enrolment,
    EventSession,
    ExternalLearning,
    TrainingEvent,
    User,
)
from elearn.models.types import LOCAL_TIME, aware

HEADER = [
    "NIP",
    "Nama",
    "Nama Diklat",
    "Jenis Diklat",
    "Jumlah Jam (JP)",
    "Tanggal Mulai",
    "Tanggal Selesai",
    "Tahun",
    "Nomor Sertifikat",
    "Penyelenggara",
    "Berkas Sertifikat",
]
KINDS = {
    "teknis": "Pelatihan Teknis",
    "manajerial": "Pelatihan Manajerial",
    "sosial_kultural": "Pelatihan Sosial Kultural",
}

EVENT_KINDS = {
    "seminar": "Seminar",
    "lokakarya": "Lokakarya",
    "klasikal": "Pelatihan Klasikal",
    "webinar": "Webinar",
    "bimtek": "Bimbingan Teknis",
    "forum_inovasi": "Forum Inovasi",
}
# an event's last session's end: the day its training ended
_EVENT_END = (
    sa.select(sa.func.max(EventSession.ends_at))
    .where(EventSession.event_id == TrainingEvent.id)
    .correlate(TrainingEvent)
    .scalar_subquery()
)


@dataclass(frozen=True)
class TrainingRecord:
    nip: str
    name: str
    title: str
    competency: str
    jp: float
    start: date
    end: date
    number: str
    organiser: str
    source: tuple[str, int]  # ("certificate" | "external", id): where its PDF is
    siasn_id: str | None = None  # the account's pnsOrangId
    event_kind: str | None = None  # a seminar, workshop, ...: said as its kind

    @property
    def file_name(self) -> str:
        number = re.sub(r"[^A-Za-z0-9]+", "-", self.number).strip("-") or str(self.source[1])
        return f"sertifikat/{self.nip}-{self.source[0]}-{number}.pdf"

    def row(self) -> list:
        return [
            self.nip,
            self.name,
            self.title,
            EVENT_KINDS.get(self.event_kind)
            if self.event_kind
            else KINDS.get(self.competency, "Pelatihan"),
            self.jp,
            self.start.strftime("%d-%m-%Y"),
            self.end.strftime("%d-%m-%Y"),
            self.end.year,
            self.number,
            self.organiser,
            self.file_name,
        ]


def _local(moment) -> date:
    return aware(moment).astimezone(LOCAL_TIME).date()


def training_records(
    session: Session, year: int, agency_ids: set[int] | None
) -> list[TrainingRecord]:
    """Every completed training of ``year`` by an ASN in scope, in two queries."""
    in_scope = [User.nip.is_not(None)]
    if agency_ids is not None:
        in_scope.append(User.agency_id.in_(agency_ids))
    courses = session.execute(
        sa.select(
            User.nip,
            User.full_name,
            Certificate.course_title,
            Certificate.competency,
            Certificate.jp,
            Enrolment.enrolled_at,
            Enrolment.completed_at,
            Certificate.issued_at,
            Certificate.number,
            Certificate.issuer,
            Certificate.id,
            User.siasn_id,
            Certificate.event_kind,
            TrainingEvent.starts_at.label("event_start"),
            _EVENT_END.label("event_end"),
            TrainingEvent.institution,
        )
        .join(User, User.id == Certificate.user_id)
        .outerjoin(TrainingEvent, TrainingEvent.id == Certificate.training_event_id)
        .outerjoin(
            Enrolment,
            sa.and_(
                Enrolment.user_id == Certificate.user_id,
                Enrolment.course_id == Certificate.course_id,
            ),
        )
        .where(Certificate.year == year, *in_scope)
    ).all()
    external = session.execute(
        sa.select(
            User.nip,
            User.full_name,
            ExternalLearning.title,
            ExternalLearning.competency,
            ExternalLearning.jp,
            ExternalLearning.start_date,
            ExternalLearning.end_date,
            ExternalLearning.certificate_number,
            ExternalLearning.organiser,
            ExternalLearning.id,
            User.siasn_id,
        )
        .join(User, User.id == ExternalLearning.user_id)
        .where(
            ExternalLearning.status == "verified",
            ExternalLearning.end_date >= date(year, 1, 1),
            ExternalLearning.end_date <= date(year, 12, 31),
            *in_scope,
        )
    ).all()
    records = [
        TrainingRecord(
            row.nip,
            row.full_name,
            row.course_title,
            row.competency,
            row.jp,
            _local(row.event_start or row.enrolled_at or row.issued_at),
            _local(row.event_end or row.completed_at or row.issued_at),
            row.number,
            row.institution or row.issuer,
            ("certificate", row.id),
            row.siasn_id,
            row.event_kind,
        )
        for row in courses
    ]
    records += [
        TrainingRecord(
            row.nip,
            row.full_name,
            row.title,
            row.competency,
            row.jp,
            row.start_date,
            row.end_date,
            row.certificate_number,
            row.organiser,
            ("external", row.id),
            row.siasn_id,
        )
        for row in external
    ]
    return sorted(records, key=lambda r: (r.name, r.end, r.title))


def zip_with_certificates(
    session: Session, records: list[TrainingRecord], table: bytes, table_name: str
):
    """A ZIP of the table and every certificate PDF, the PDFs read a few at a time and
    the archive spooled to disk past 32 MB, so a city-wide export stays within memory."""
    spool = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115
    names = {record.source: record.file_name for record in records}
    sources = [
        ("certificate", Certificate.id, Certificate.pdf),
        ("external", ExternalLearning.id, ExternalLearning.certificate_pdf),
    ]
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(table_name, table)
        for kind, key, pdf in sources:
            wanted = [i for k, i in names if k == kind]
            rows = session.execute(
                sa.select(key, pdf)
                .where(key.in_(wanted), pdf.is_not(None))  # a PDF still being rendered
                .execution_options(yield_per=50)
            )
            for record_id, content in rows:
                archive.writestr(names[(kind, record_id)], content)
    spool.seek(0)
    return spool
