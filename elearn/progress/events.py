"""Learner events, shaped like xAPI statements, and the plugins that listen to them."""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from elearn.models import Event, User
from elearn.plugins import get_host


def record_event(
    db: Session,
    *,
    actor: User | None,
    verb: str,
    object_type: str,
    object_id: str | int,
    result: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
) -> Event:
    """Store an xAPI-shaped event together with the caller's pending changes, commit them
    as one unit, then tell listening plugins (whose failures are isolated and cannot
    undo the event)."""
    event = Event(
        actor_id=actor.id if actor else None,
        verb=verb,
        object_type=object_type,
        object_id=str(object_id),
        result=result,
        context=context,
    )
    db.add(event)
    db.commit()
    get_host(current_app).call_each("learner_event", event=event)
    return event
