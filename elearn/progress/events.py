"""Learner events, shaped like xAPI statements, and the plugins that listen to them.

An event is stored in the caller's transaction, whoever commits it (the route or the
command: services only flush), and plugins hear it once that transaction has
committed: never an event that was rolled back, never before the change it reports is
in the database."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from elearn.db import after_commit
from elearn.models import Event, User
from elearn.plugins import get_host


def record_event(
    session: Session,
    *,
    actor: User | None,
    verb: str,
    object_type: str,
    object_id: str | int,
    result: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
) -> Event:
    """Add an xAPI-shaped event to the caller's unit of work; listening plugins hear it
    after the commit (their failures are isolated and cannot undo it)."""
    event = Event(
        actor_id=actor.id if actor else None,
        verb=verb,
        object_type=object_type,
        object_id=str(object_id),
        result=result,
        context=context,
    )
    session.add(event)
    session.flush()  # its id and time, for the copy plugins will read
    host, heard = get_host(current_app), _copy(event)
    after_commit(session, lambda: host.call_each("learner_event", event=heard))
    return event


def _copy(event: Event) -> Event:
    """A copy apart from the session, for plugins to read as they like."""
    columns = sa.inspect(Event).column_attrs
    return Event(**{column.key: getattr(event, column.key) for column in columns})
