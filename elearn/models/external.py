"""Training an ASN did elsewhere (a seminar, a course of another institution), with its
certificate: it counts toward the year's JP once an admin has verified it."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from elearn.db import Base
from elearn.models.accounts import User
from elearn.models.types import UtcDateTime, utcnow

STATUSES = ("pending", "verified", "rejected")


class ExternalLearning(Base):
    __tablename__ = "external_learning"
    __table_args__ = (sa.Index("ix_external_learning_status", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    organiser: Mapped[str] = mapped_column(sa.String(300))
    start_date: Mapped[date] = mapped_column(sa.Date)
    end_date: Mapped[date] = mapped_column(sa.Date)
    jp: Mapped[float] = mapped_column(sa.Float)
    competency: Mapped[str] = mapped_column(sa.String(32))
    competency_code: Mapped[str | None] = mapped_column(sa.String(8))
    certificate_number: Mapped[str] = mapped_column(sa.String(100), default="")
    # The PDF loads only when someone opens it, not with every list.
    certificate_pdf: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    review_note: Mapped[str] = mapped_column(sa.Text, default="")
    reviewer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
