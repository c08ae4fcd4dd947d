"""Workplace learning, the 20 and 70 of the 10:20:70 model: coaching, mentoring and
on-the-job assignments that an ASN logs and their direct supervisor approves for JP,
within the yearly limits an admin sets per kind."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from elearn.db import Base
from elearn.models.accounts import User
from elearn.models.types import UtcDateTime, utcnow

KINDS = ("coaching", "mentoring", "penugasan")
STATUSES = ("pending", "approved", "rejected")


class WorkplaceLearning(Base):
    __tablename__ = "workplace_learning"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN {KINDS!r}", name="known_kind"),
        sa.Index("ix_workplace_learning_supervisor_status", "supervisor_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The supervisor when it was logged: the one who may approve it.
    supervisor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(sa.String(16))
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text)
    # Who coached or mentored, or who gave the assignment.
    partner: Mapped[str] = mapped_column(sa.String(200))
    start_date: Mapped[date] = mapped_column(sa.Date)
    end_date: Mapped[date] = mapped_column(sa.Date)
    jp: Mapped[float] = mapped_column(sa.Float)  # as logged
    competency: Mapped[str] = mapped_column(sa.String(32))
    competency_code: Mapped[str | None] = mapped_column(sa.String(8))
    status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    jp_credited: Mapped[float | None] = mapped_column(sa.Float)  # after the limits
    review_note: Mapped[str] = mapped_column(sa.Text, default="")
    reviewer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class WorkplaceLimit(Base):
    """The most JP one entry of a kind may earn, and the most a person may earn from
    that kind in a year. A kind with no row uses ``DEFAULT_LIMITS``."""

    __tablename__ = "workplace_limits"
    __table_args__ = (sa.CheckConstraint(f"kind IN {KINDS!r}", name="known_kind"),)

    kind: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    per_entry: Mapped[float] = mapped_column(sa.Float)
    per_year: Mapped[float] = mapped_column(sa.Float)
    changed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
