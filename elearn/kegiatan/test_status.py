"""Which of an event's tests a participant may take now, and their scores so far."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.kegiatan.completion import sessions_attended
from elearn.kegiatan.event_test import event_test
from elearn.models import EventRegistration, EventTestAttempt, TrainingEvent

LABELS = {"pre": _l("Pre-test"), "post": _l("Post-test")}


def phase_open(
    session: Session, event: TrainingEvent, registration: EventRegistration | None, phase: str
) -> bool:
    """The pre-test before a participant attended any session; the post-test after."""
    if registration is None or registration.status != "registered" or event_test(event) is None:
        return False
    attended = sessions_attended(session, event.id, registration.user_id)
    return (phase == "pre" and event.pre_test and attended == 0) or (
        phase == "post" and attended > 0
    )


def tests_shown(
    session: Session, event: TrainingEvent, registration: EventRegistration | None
) -> list[tuple[str, object, bool, float | None]]:
    """(phase, label, open now, best score) of each test the event has."""
    if registration is None or registration.status != "registered" or not event.test_source:
        return []
    best = dict(
        session.execute(
            sa.select(EventTestAttempt.phase, sa.func.max(EventTestAttempt.percent))
            .where(
                EventTestAttempt.event_id == event.id,
                EventTestAttempt.user_id == registration.user_id,
                EventTestAttempt.submitted_at.is_not(None),
            )
            .group_by(EventTestAttempt.phase)
        ).all()
    )
    phases = ("pre", "post") if event.pre_test else ("post",)
    return [
        (phase, LABELS[phase], phase_open(session, event, registration, phase), best.get(phase))
        for phase in phases
    ]
