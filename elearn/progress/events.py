"""Learner events, shaped like xAPI statements, and the plugins that listen to them.

An event is stored in the caller's transaction, whoever commits it (the route or the
command: services only flush), and plugins hear it once that transaction has
committed: never an event that was rolled back, never before the change it reports is
in the database."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import current_app, has_app_context
from sqlalchemy.orm import Session

from elearn.models import Event, User
from elearn.plugins import get_host

PENDING = "elearn.pending_events"  # in session.info: copies of events to tell plugins


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
    session.info.setdefault(PENDING, []).append(_copy(event))
    return event


def _copy(event: Event) -> Event:
    """A detached copy: the stored event expires at commit, and the listeners run where
    the session can no longer load it."""
    columns = sa.inspect(Event).column_attrs
    return Event(**{column.key: getattr(event, column.key) for column in columns})


@sa.event.listens_for(Session, "after_commit")
def _tell_plugins(session: Session) -> None:
    events = session.info.pop(PENDING, [])
    if events and has_app_context():
        host = get_host(current_app)
        for event in events:
            host.call_each("learner_event", event=event)


@sa.event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, previous_transaction: Any) -> None:
    """The whole transaction rolled back: its events never happened. A savepoint rolled
    back (a certificate serial taken by a concurrent completion, say) leaves the events
    recorded before it, which are still committed with the rest."""
    if previous_transaction.parent is None:
        session.info.pop(PENDING, None)
