"""Registering for an event: a seat while there is one, else the waiting list, promoted
in order when a seat frees; the supervisor's approval first when the event asks for it.

Seats hold under concurrency because every change to an event's seats first locks the
event's row (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite a writing request holds
the database's write lock from its first statement, see ``elearn.db``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, joinedload

from elearn.models import Agency, EventRegistration, TrainingEvent, User
from elearn.models.types import aware, utcnow
from elearn.notifications import notify

# a registration that still counts: holding a seat, queued, or awaiting the supervisor
ACTIVE = ("registered", "waiting", "awaiting")


class RegistrationRefused(Exception):
    """Why a person cannot register now; ``str()`` is the message to show."""


class NotCancellable(Exception):
    pass


def tell(
    session: Session,
    person: User,
    kind: str,
    event: TrainingEvent,
    with_calendar: bool = False,
    **params,
) -> None:
    """A notice about ``event`` linking its page; ``with_calendar`` mails its .ics too."""
    extra = {"event_id": event.id} if with_calendar else {}
    notify(session, person, kind, "kegiatan.event", {"event_id": event.id},
           event=event.title, **extra, **params)  # fmt: skip


def locked_event(session: Session, event_id: int) -> TrainingEvent | None:
    return session.scalar(
        sa.select(TrainingEvent).where(TrainingEvent.id == event_id).with_for_update()
    )


def position_words(event: TrainingEvent) -> list[str]:
    return [w.strip().casefold() for w in event.audience_positions.split(",") if w.strip()]


def in_audience(session: Session, event: TrainingEvent, user: User) -> bool:
    """The person's position holds one of the event's position words (when it names
    any), and the event is open to all agencies or theirs (or a parent) is named."""
    words = position_words(event)
    if words and not any(word in (user.position or "").casefold() for word in words):
        return False
    if event.open_to_all:
        return True
    audience = {agency.id for agency in event.audience}
    agency_id, seen = user.agency_id, set()
    while agency_id is not None and agency_id not in seen:
        if agency_id in audience:
            return True
        seen.add(agency_id)
        agency_id = session.scalar(sa.select(Agency.parent_id).where(Agency.id == agency_id))
    return False


def refusal(session: Session, event: TrainingEvent, user: User) -> str | None:
    """Why ``user`` may not register for ``event`` now, or None."""
    now = utcnow()
    if not event.published:
        return _l("This event is not open for registration.")
    if event.registration_opens_at and now < aware(event.registration_opens_at):
        return _l("Registration has not opened yet.")
    if now >= aware(event.registration_closes_at):
        return _l("Registration has closed.")
    if not in_audience(session, event, user):
        return _l("This event is for other agencies or positions.")
    return None


def registration_of(session: Session, event_id: int, user_id: int) -> EventRegistration | None:
    return session.scalar(
        sa.select(EventRegistration).where(
            EventRegistration.event_id == event_id, EventRegistration.user_id == user_id
        )
    )


def seats_taken(session: Session, event_id: int) -> int:
    return session.scalar(
        sa.select(sa.func.count()).where(
            EventRegistration.event_id == event_id, EventRegistration.status == "registered"
        )
    )


def waiting_place(session: Session, registration: EventRegistration) -> int:
    """1 for the first on the waiting list."""
    return 1 + session.scalar(
        sa.select(sa.func.count()).where(
            EventRegistration.event_id == registration.event_id,
            EventRegistration.status == "waiting",
            sa.or_(
                EventRegistration.queued_at < registration.queued_at,
                sa.and_(
                    EventRegistration.queued_at == registration.queued_at,
                    EventRegistration.id < registration.id,
                ),
            ),
        )
    )


def register(session: Session, event_id: int, user: User) -> EventRegistration:
    """Register ``user`` (the caller commits); a second call returns the same one."""
    event = locked_event(session, event_id)
    if event is None:
        raise RegistrationRefused(_l("This event is not open for registration."))
    registration = registration_of(session, event.id, user.id)
    if registration is not None and registration.status in ACTIVE:
        return registration
    problem = refusal(session, event, user)
    if problem:
        raise RegistrationRefused(problem)
    if registration is None:
        registration = EventRegistration(event_id=event.id, user_id=user.id, status="waiting")
        session.add(registration)
    registration.queued_at, registration.completed_at = utcnow(), None
    registration.decided_by_id, registration.decision_note = None, ""
    supervisor = session.get(User, user.supervisor_id) if user.supervisor_id else None
    if event.needs_supervisor and supervisor is not None and supervisor.active:
        registration.status, registration.supervisor_id = "awaiting", supervisor.id
        session.flush()
        notify(
            session,
            supervisor,
            "event.awaiting",
            "learn.team",
            learner=user.full_name,
            event=event.title,
        )
        return registration
    _seat(session, event, registration, user)
    return registration


def _seat(
    session: Session, event: TrainingEvent, registration: EventRegistration, user: User
) -> None:
    """A seat if one is free, else the end of the waiting list (the event is locked)."""
    registration.status = (
        "registered" if seats_taken(session, event.id) < event.capacity else "waiting"
    )
    session.flush()
    if registration.status == "registered":
        tell(session, user, "event.registered", event, with_calendar=True)
    else:
        tell(session, user, "event.waiting", event, place=waiting_place(session, registration))


def decide(
    session: Session, supervisor: User, registration_id: int, approve: bool, note: str = ""
) -> EventRegistration | None:
    """The supervisor's decision on a registration awaiting them; None when it is not
    theirs or not awaiting any more."""
    registration = session.get(EventRegistration, registration_id)
    if registration is None or registration.supervisor_id != supervisor.id:
        return None
    event = locked_event(session, registration.event_id)
    session.refresh(registration)
    if registration.status != "awaiting":
        return None
    registration.decided_by_id, registration.decision_note = supervisor.id, note
    learner = session.get(User, registration.user_id)
    if approve:
        _seat(session, event, registration, learner)
    else:
        registration.status = "declined"
        tell(session, learner, "event.declined", event, supervisor=supervisor.full_name, note=note)
    return registration


def cancel(session: Session, registration: EventRegistration) -> EventRegistration | None:
    """Give up a registration before the event's deadline; the first on the waiting
    list takes a freed seat. Returns the registration promoted, if any."""
    event = locked_event(session, registration.event_id)
    session.refresh(registration)
    if registration.status not in ACTIVE:
        return None
    if utcnow() >= aware(event.cancel_until):
        raise NotCancellable
    freed = registration.status == "registered"
    registration.status = "cancelled"
    session.flush()
    return promote(session, event) if freed else None


def promote(session: Session, event: TrainingEvent) -> EventRegistration | None:
    """Give a free seat to the first on the waiting list (the event is locked)."""
    if seats_taken(session, event.id) >= event.capacity:
        return None
    first = session.scalar(
        sa.select(EventRegistration)
        .where(EventRegistration.event_id == event.id, EventRegistration.status == "waiting")
        .order_by(EventRegistration.queued_at, EventRegistration.id)
        .limit(1)
    )
    if first is None:
        return None
    first.status = "registered"
    session.flush()
    tell(session, session.get(User, first.user_id), "event.promoted", event, with_calendar=True)
    return first


def awaiting_supervisor(session: Session, supervisor_id: int) -> list[EventRegistration]:
    """Registrations waiting for this supervisor's decision, with their person and event."""
    return list(
        session.scalars(
            sa.select(EventRegistration)
            .options(joinedload(EventRegistration.user), joinedload(EventRegistration.event))
            .where(
                EventRegistration.supervisor_id == supervisor_id,
                EventRegistration.status == "awaiting",
            )
            .order_by(EventRegistration.queued_at)
        )
    )
