"""When an event is complete for a participant, and what it earns: present at the
event's share of sessions (``attendance_percent``), with the evaluation form answered
and the post-test passed when the event asks for them, completes it; once BKPSDM approved
the event's JP, a completion is credited in the JP ledger (once, by a unique index) and
an attendance certificate is issued with the same numbering and verification as a
course's."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.kegiatan.event_test import passed_post_test
from elearn.models import (
    EventAttendance,
    EventRegistration,
    EventSession,
    JpCredit,
    TrainingEvent,
    User,
)
from elearn.models.types import LOCAL_TIME, aware, utcnow
from elearn.progress.certificates import issue_event_certificate


def sessions_attended(session: Session, event_id: int, user_id: int) -> int:
    return session.scalar(
        sa.select(sa.func.count())
        .select_from(EventAttendance)
        .join(EventSession, EventSession.id == EventAttendance.session_id)
        .where(EventSession.event_id == event_id, EventAttendance.user_id == user_id)
    )


def attended_enough(attended: int, sessions: int, percent: int) -> bool:
    return sessions > 0 and attended * 100 >= percent * sessions


def settle(session: Session, event: TrainingEvent, registration: EventRegistration) -> bool:
    """Complete ``registration`` if its attendance now meets the rule, and credit it if
    the JP are approved; True when it completed just now."""
    if registration.status != "registered":
        return False
    completed_now = False
    if registration.completed_at is None:
        attended = sessions_attended(session, event.id, registration.user_id)
        if not attended_enough(attended, len(event.sessions), event.attendance_percent):
            return False
        if event.evaluation_required and not registration.evaluated:
            return False
        if event.post_test_required and not passed_post_test(
            session, event.id, registration.user_id
        ):
            return False
        registration.completed_at, completed_now = utcnow(), True
    if event.jp_status == "approved":
        credit(session, event, session.get(User, registration.user_id))
    return completed_now


def credit_year(event: TrainingEvent) -> int:
    """JP count toward the year (in WIB) in which the event's last session ended."""
    last = max((aware(s.ends_at) for s in event.sessions), default=utcnow())
    return last.astimezone(LOCAL_TIME).year


def credit(session: Session, event: TrainingEvent, user: User) -> bool:
    """The event's approved JP to ``user``'s ledger and its certificate, once."""
    row = JpCredit(
        user_id=user.id,
        training_event_id=event.id,
        year=credit_year(event),
        jp=event.jp_approved,
        competency=event.competency,
        competency_code=event.competency_code,
        title=event.title,
    )
    try:
        with session.begin_nested():  # two check-ins of one person at the same moment
            session.add(row)
    except sa.exc.IntegrityError:
        return False
    issue_event_certificate(session, user, event)
    return True


def credit_completed(session: Session, event: TrainingEvent) -> int:
    """After BKPSDM approved the JP: credit everyone who completed already."""
    people = session.scalars(
        sa.select(User)
        .join(EventRegistration, EventRegistration.user_id == User.id)
        .where(
            EventRegistration.event_id == event.id,
            EventRegistration.status == "registered",
            EventRegistration.completed_at.is_not(None),
        )
    ).all()
    return sum(credit(session, event, person) for person in people)
