"""Reminders of mandatory courses: each person hears of a course assigned to them, then
a week before it is due, the day before, and once when it is overdue, each once (a
notice's ``once_key`` names the course, the due date and the stage).

The sweep runs them at most every ``REMIND_EVERY`` in a process; an admin's new
assignment runs them at once, by a job, so its notices come within the minute.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.jobs import job, periodic
from elearn.mandatory import everyone, today
from elearn.models import Notification, User
from elearn.notifications import path_of, write

REMIND_EVERY = timedelta(hours=1)
_last_run: dict[str, float] = {}


def stage_of(due: date, now: date) -> str | None:
    """The reminder due for a course not yet completed: week, day, overdue or none."""
    days = (due - now).days
    if days < 0:
        return "overdue"
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    return None


def remind(session: Session) -> int:
    """Write the notices nobody has had yet; returns how many (the caller commits)."""
    now = today()
    wanted: dict[tuple[int, str], tuple[str, dict]] = {}
    for person in everyone(session, None):
        duty = person.duty
        if duty.state not in ("open", "overdue"):
            continue
        params = {"course": duty.title, "due": duty.due.isoformat(), "key": duty.course_key}
        base = f"mandatory:{duty.course_id}:{duty.due.isoformat()}"
        wanted[(person.user_id, f"{base}:assigned")] = ("mandatory.assigned", params)
        stage = stage_of(duty.due, now)
        if stage is not None:
            wanted[(person.user_id, f"{base}:{stage}")] = (f"mandatory.{stage}", params)
    if not wanted:
        return 0
    keys = {key for _, key in wanted}
    had = set(
        session.execute(
            sa.select(Notification.user_id, Notification.once_key).where(
                Notification.once_key.in_(keys)
            )
        ).all()
    )
    new = {k: v for k, v in wanted.items() if k not in had}
    users = {
        user.id: user
        for user in session.scalars(sa.select(User).where(User.id.in_({u for u, _ in new})))
    }
    for (user_id, once_key), (kind, params) in sorted(new.items()):
        link = path_of("learn.course", {"key": params["key"]})
        shown = {"course": params["course"], "due": params["due"]}
        write(session, users[user_id], kind, link, once_key, shown)
    return len(new)


@periodic("mandatory reminders")
def remind_now_and_then(session: Session) -> int:
    """The sweep's turn: at most every ``REMIND_EVERY`` in this process."""
    if time.monotonic() - _last_run.get("at", float("-inf")) < REMIND_EVERY.total_seconds():
        return 0
    _last_run["at"] = time.monotonic()
    return remind(session)


@job("mandatory.remind")
def remind_job(session: Session, _payload: dict) -> dict:
    """Run at once after an admin assigns a course, so its notices need not wait."""
    return {"written": remind(session)}
