"""The reaction survey (Kirkpatrick's level 1): four statements on a scale of 1 to 5 and
a free comment, answered once by a participant who attended, kept without their name,
and required for completion when the event says so."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.kegiatan.completion import sessions_attended, settle
from elearn.models import EventEvaluation, EventRegistration, TrainingEvent
from elearn.models.training_events import EVALUATION_ITEMS

STATEMENTS = {
    "speakers": _l("The speakers knew their subject and explained it clearly."),
    "material": _l("The material fits my work."),
    "organisation": _l("The event was well organised (time, place or online room)."),
    "usefulness": _l("I will use what I learned in my work."),
}
# the statements as a chart's bars name them
SHORT = {
    "speakers": _l("Speakers"),
    "material": _l("Material"),
    "organisation": _l("Organisation"),
    "usefulness": _l("Usefulness"),
}
SCALE = {
    1: _l("Strongly disagree"),
    2: _l("Disagree"),
    3: _l("Neutral"),
    4: _l("Agree"),
    5: _l("Strongly agree"),
}


def may_evaluate(session: Session, registration: EventRegistration | None) -> bool:
    """A participant holding a seat, present at a session at least, who has not answered."""
    return (
        registration is not None
        and registration.status == "registered"
        and not registration.evaluated
        and sessions_attended(session, registration.event_id, registration.user_id) > 0
    )


def record_evaluation(
    session: Session,
    event: TrainingEvent,
    registration: EventRegistration,
    answers: dict[str, int],
    comment: str,
) -> None:
    """Keep the answers apart from the person and mark that they answered (the caller
    commits); a completion that waited for the form is settled now."""
    session.add(EventEvaluation(event_id=event.id, comment=comment, **answers))
    registration.evaluated = True
    session.flush()
    settle(session, event, registration)


def summary(session: Session, event_id: int) -> tuple[int, dict[str, float], list[str]]:
    """How many answered, each statement's average, and the comments (shuffled by their
    random ids, so their order says nothing of who wrote them)."""
    row = session.execute(
        sa.select(
            sa.func.count(EventEvaluation.id),
            *(sa.func.avg(getattr(EventEvaluation, item)) for item in EVALUATION_ITEMS),
        ).where(EventEvaluation.event_id == event_id)
    ).one()
    comments = session.scalars(
        sa.select(EventEvaluation.comment)
        .where(EventEvaluation.event_id == event_id, EventEvaluation.comment != "")
        .order_by(EventEvaluation.id)
    ).all()
    averages = {
        item: round(float(value), 2)
        for item, value in zip(EVALUATION_ITEMS, row[1:], strict=True)
        if value is not None
    }
    return row[0], averages, list(comments)
