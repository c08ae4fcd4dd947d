"""Demo events for a fresh instance: a workshop held with a university for two offices
jointly, a webinar of the communications office, and a joint seminar needing the
supervisor's approval; Sari is registered for the workshop."""

from __future__ import annotations

from datetime import time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.demo import DEMO_PARTNER_EMAIL, DEMO_SUPERVISES
from elearn.kegiatan.schedule import moment
from elearn.models import (
    Agency,
    EventRegistration,
    EventSession,
    EventSpeaker,
    TrainingEvent,
    User,
)
from elearn.models.types import LOCAL_TIME, utcnow

WORKSHOP = """Lokakarya dua hari untuk merancang **inovasi pelayanan publik** yang dapat
diuji coba di unit kerja masing-masing, bersama dosen Departemen Administrasi Publik.

- Hari pertama: memetakan masalah layanan dari pengaduan dan survei kepuasan masyarakat
  (SKM), lalu merumuskan gagasan perubahan.
- Hari kedua: menyusun rencana uji coba, indikator keberhasilan, dan jadwal aktualisasi.

Bawa data pengaduan atau hasil SKM unit kerja Anda tahun berjalan."""

WEBINAR = """Webinar tentang kewajiban ASN menurut **UU Nomor 27 Tahun 2022 tentang
Pelindungan Data Pribadi**: data pribadi yang dikelola instansi, dasar pemrosesan,
pemberitahuan kegagalan pelindungan data paling lambat 3 × 24 jam, dan kebiasaan aman
sehari-hari (kata sandi, berbagi berkas, pesan *phishing*)."""

SEMINAR = """Seminar bersama Dinas Kesehatan dan Dinas Komunikasi dan Informatika:
pemanfaatan data posyandu dan aplikasi layanan untuk menurunkan angka *stunting*."""


def load_demo_events(session: Session) -> None:
    agencies = {a.code: a for a in session.scalars(sa.select(Agency))}
    partner = session.scalar(sa.select(User).where(User.email == DEMO_PARTNER_EMAIL))
    sari = session.scalar(sa.select(User).where(User.nip == DEMO_SUPERVISES))
    today = utcnow().astimezone(LOCAL_TIME).date()

    def sessions(*plan: tuple[int, str, str, str, str]) -> list[EventSession]:
        return [
            EventSession(
                starts_at=moment(today + timedelta(days=day), time.fromisoformat(start), zone),
                ends_at=moment(today + timedelta(days=day), time.fromisoformat(end), zone),
                time_zone=zone,
                place=place if not place.startswith("https://") else "",
                online_url=place if place.startswith("https://") else "",
            )
            for day, start, end, zone, place in plan
        ]

    def deadline(days: int):
        return moment(today + timedelta(days=days), time(23, 59), "Asia/Jakarta")

    workshop = TrainingEvent(
        kind="lokakarya",
        title="Lokakarya Inovasi Pelayanan Publik",
        description=WORKSHOP,
        institution="Universitas Andalas",
        competency="manajerial",
        competency_code="M.05",
        jp_claimed=16,
        jp_status="approved",
        jp_approved=16,
        capacity=30,
        evaluation_required=True,
        registration_closes_at=deadline(8),
        cancel_until=deadline(8),
        attendance_percent=100,
        state="published",
        published_at=utcnow(),
        created_by_id=partner.id if partner else None,
        organisers=[agencies["DINKES"], agencies["DISKOMINFO"]],
        speakers=[
            EventSpeaker(
                position=0,
                name="Dr. Rina Kusuma, M.Si.",
                institution="Universitas Andalas",
                bio="Dosen administrasi publik; meneliti inovasi layanan di pemerintah daerah.",
            )
        ],
        sessions=sessions(
            (10, "08:30", "15:30", "Asia/Jakarta", "Aula Balai Kota Sawahlunto"),
            (11, "08:30", "15:30", "Asia/Jakarta", "Aula Balai Kota Sawahlunto"),
        ),
    )
    webinar = TrainingEvent(
        kind="webinar",
        title="Webinar Pelindungan Data Pribadi bagi ASN",
        description=WEBINAR,
        competency="teknis",
        jp_claimed=2,
        capacity=300,
        registration_closes_at=deadline(14),
        cancel_until=deadline(14),
        state="published",
        published_at=utcnow(),
        organisers=[agencies["DISKOMINFO"]],
        speakers=[EventSpeaker(position=0, name="Tim Keamanan Informasi Diskominfo")],
        sessions=sessions(
            (14, "09:00", "11:00", "Asia/Jakarta", "https://meet.google.com/abc-defg-hij")
        ),
    )
    seminar = TrainingEvent(
        kind="seminar",
        title="Seminar Data untuk Penurunan Stunting",
        description=SEMINAR,
        competency="sosial_kultural",
        jp_claimed=4,
        capacity=60,
        needs_supervisor=True,
        registration_closes_at=deadline(20),
        cancel_until=deadline(20),
        state="published",
        published_at=utcnow(),
        organisers=[agencies["DINKES"], agencies["DISKOMINFO"]],
        sessions=sessions((21, "13:00", "16:00", "Asia/Jakarta", "Ruang Rapat Dinas Kesehatan")),
    )
    for event in (workshop, webinar, seminar):
        event.starts_at = min(s.starts_at for s in event.sessions)
        session.add(event)
    session.flush()
    if sari is not None:
        session.add(EventRegistration(event_id=workshop.id, user_id=sari.id, status="registered"))
    session.commit()
