"""Mandatory courses: a course an admin assigns to an agency (with the agencies under
it), to a position, or to a position within an agency, to be completed by a due date."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from elearn.db import Base
from elearn.models.accounts import Agency
from elearn.models.catalog import Course
from elearn.models.types import UtcDateTime, utcnow


class MandatoryCourse(Base):
    __tablename__ = "mandatory_courses"
    __table_args__ = (
        sa.CheckConstraint(
            "agency_id IS NOT NULL OR position IS NOT NULL", name="agency_or_position"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(
        sa.ForeignKey("courses.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agencies.id", ondelete="CASCADE"), index=True
    )
    # Matched without regard to case or surrounding spaces.
    position: Mapped[str | None] = mapped_column(sa.String(200))
    due_date: Mapped[date] = mapped_column(sa.Date)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    course: Mapped[Course] = relationship(lazy="joined")
    agency: Mapped[Agency | None] = relationship(lazy="joined")
