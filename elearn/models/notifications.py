"""Notifications: what a person is told (a quiz graded, a course due, a log to approve),
shown under the bell and sent by e-mail as they prefer.

A notification keeps its kind and parameters, not its text: it is written in the
reader's language when shown or mailed (``elearn.notifications``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from elearn.db import Base
from elearn.models.types import JSONType, UtcDateTime, utcnow

EMAIL_CHOICES = ("now", "daily", "off")  # each notice at once, one digest a day, none


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        # a reminder is written once: "mandatory:<course>:<due>:<stage>" per person
        sa.UniqueConstraint("user_id", "once_key"),
        sa.Index("ix_notifications_user_unread", "user_id", "read_at"),
        sa.Index("ix_notifications_unmailed", "mailed_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(40))
    params: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    link: Mapped[str | None] = mapped_column(sa.String(500))  # a path on this platform
    once_key: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # when the e-mail (at once or in a digest) was queued; set also when none is to go
    mailed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
