"""The day-before reminder of each session, to everyone holding a seat, once (the
notice's ``once_key`` names the session); it carries the event's calendar file."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import format_time
from sqlalchemy.orm import Session

from elearn.jobs import periodic
from elearn.kegiatan.schedule import ZONE_NAMES, local
from elearn.models import EventRegistration, EventSession, Notification, TrainingEvent, User
from elearn.models.types import utcnow
from elearn.notifications import path_of, write

AHEAD = timedelta(days=1)


@periodic("event reminders")
def remind_sessions(session: Session) -> int:
    """Notices for sessions that start within a day; returns how many were written."""
    now = utcnow()
    due = session.execute(
        sa.select(EventSession, TrainingEvent, User)
        .join(TrainingEvent, TrainingEvent.id == EventSession.event_id)
        .join(EventRegistration, EventRegistration.event_id == TrainingEvent.id)
        .join(User, User.id == EventRegistration.user_id)
        .where(
            TrainingEvent.state == "published",
            EventRegistration.status == "registered",
            EventSession.starts_at > now,
            EventSession.starts_at <= now + AHEAD,
        )
    ).all()
    if not due:
        return 0
    had = set(
        session.execute(
            sa.select(Notification.user_id, Notification.once_key).where(
                Notification.once_key.in_({f"event-session:{s.id}" for s, _e, _u in due})
            )
        ).all()
    )
    written = 0
    for sitting, event, person in due:
        once_key = f"event-session:{sitting.id}"
        if (person.id, once_key) in had:
            continue
        starts = local(sitting.starts_at, sitting.time_zone)
        at = f"{format_time(starts, 'HH.mm', rebase=False)} {ZONE_NAMES[sitting.time_zone]}"
        link = path_of("kegiatan.event", {"event_id": event.id})
        params = {
            "event": event.title,
            "day": starts.date().isoformat(),
            "time": at,
            "event_id": event.id,
        }
        write(session, person, "event.reminder", link, once_key, params)
        written += 1
    return written
