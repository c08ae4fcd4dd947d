"""What an event's organisers and BKPSDM read of it: registrations by state, attendance
per session, completions and JP credited, the same by agency (a joint event's
co-organisers each see their own people), and the evaluation's averages. Each figure
is one grouped query, whatever the number of participants."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.models import (
    Agency,
    Certificate,
    EventAttendance,
    EventRegistration,
    EventSession,
    JpCredit,
    TrainingEvent,
    User,
)


@dataclass
class AgencyFigures:
    name: str
    registered: int = 0
    completed: int = 0
    jp: float = 0.0


@dataclass
class EventFigures:
    states: Counter
    completed: int
    jp_credited: float
    per_session: dict[int, int]
    agencies: list[AgencyFigures] = field(default_factory=list)


def figures(session: Session, event: TrainingEvent) -> EventFigures:
    states = Counter(
        dict(
            session.execute(
                sa.select(EventRegistration.status, sa.func.count())
                .where(EventRegistration.event_id == event.id)
                .group_by(EventRegistration.status)
            ).all()
        )
    )
    per_session = dict(
        session.execute(
            sa.select(EventAttendance.session_id, sa.func.count())
            .join(EventSession, EventSession.id == EventAttendance.session_id)
            .where(EventSession.event_id == event.id)
            .group_by(EventAttendance.session_id)
        ).all()
    )
    by_agency = session.execute(
        sa.select(
            Agency.name,
            sa.func.count(EventRegistration.id),
            sa.func.count(EventRegistration.completed_at),
            sa.func.coalesce(sa.func.sum(JpCredit.jp), 0),
        )
        .select_from(EventRegistration)
        .join(User, User.id == EventRegistration.user_id)
        .outerjoin(Agency, Agency.id == User.agency_id)
        .outerjoin(
            JpCredit,
            sa.and_(
                JpCredit.user_id == EventRegistration.user_id,
                JpCredit.training_event_id == event.id,
            ),
        )
        .where(EventRegistration.event_id == event.id, EventRegistration.status == "registered")
        .group_by(Agency.name)
        .order_by(Agency.name)
    ).all()
    agencies = [AgencyFigures(name or "–", n, done, float(jp)) for name, n, done, jp in by_agency]
    return EventFigures(
        states=states,
        completed=sum(a.completed for a in agencies),
        jp_credited=sum(a.jp for a in agencies),
        per_session=per_session,
        agencies=agencies,
    )


PARTICIPANT_HEADER = [
    "NIP",
    "Nama",
    "Perangkat daerah",
    "Status",
    "Sesi dihadiri",
    "Lulus",
    "JP",
    "Nomor sertifikat",
]


def participant_rows(session: Session, event: TrainingEvent) -> list[list]:
    """One row a registration, as the export writes it (Indonesian headers, as the
    agency's records keep them)."""
    attended = (
        sa.select(sa.func.count(EventAttendance.id))
        .join(EventSession, EventSession.id == EventAttendance.session_id)
        .where(
            EventSession.event_id == event.id,
            EventAttendance.user_id == EventRegistration.user_id,
        )
        .correlate(EventRegistration)
        .scalar_subquery()
    )
    rows = session.execute(
        sa.select(
            User.nip,
            User.full_name,
            Agency.name,
            EventRegistration.status,
            attended,
            EventRegistration.completed_at,
            JpCredit.jp,
            Certificate.number,
        )
        .select_from(EventRegistration)
        .join(User, User.id == EventRegistration.user_id)
        .outerjoin(Agency, Agency.id == User.agency_id)
        .outerjoin(
            JpCredit,
            sa.and_(JpCredit.user_id == User.id, JpCredit.training_event_id == event.id),
        )
        .outerjoin(
            Certificate,
            sa.and_(Certificate.user_id == User.id, Certificate.training_event_id == event.id),
        )
        .where(EventRegistration.event_id == event.id)
        .order_by(User.full_name)
    ).all()
    return [
        [
            nip or "",
            name,
            agency or "",
            STATUS_WORDS.get(status, status),
            count,
            completed.date().isoformat() if completed else "",
            jp if jp is not None else "",
            number or "",
        ]
        for nip, name, agency, status, count, completed, jp, number in rows
    ]


STATUS_WORDS = {
    "registered": "terdaftar",
    "waiting": "daftar tunggu",
    "awaiting": "menunggu atasan",
    "cancelled": "batal",
    "declined": "ditolak atasan",
}
