"""Learner events, shaped like xAPI statements: actor, verb, object, result, context."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from elearn.db import Base
from elearn.models.types import JSONType, UtcDateTime, utcnow


class Event(Base):
    """One thing a person did, for reports and for plugins that listen."""

    __tablename__ = "events"
    __table_args__ = (
        sa.Index("ix_events_actor_time", "actor_id", "timestamp"),
        sa.Index("ix_events_object", "object_type", "object_id"),
    )

    id: Mapped[int] = mapped_column(
        sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True
    )
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    verb: Mapped[str] = mapped_column(sa.String(64))
    object_type: Mapped[str] = mapped_column(sa.String(64))
    object_id: Mapped[str] = mapped_column(sa.String(128))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    context: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    timestamp: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
