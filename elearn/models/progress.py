"""Learner state: enrolments, progress per item, and JP credited on completion.

Written only by ``elearn.progress``. Progress refers to items by their stable key, so
it carries over when a course gets a new version.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from elearn.db import Base
from elearn.models.catalog import Course, CourseItem, CourseVersion
from elearn.models.types import JSONType, UtcDateTime, utcnow


class Enrolment(Base):
    __tablename__ = "enrolments"
    __table_args__ = (sa.UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    course_id: Mapped[int] = mapped_column(
        sa.ForeignKey("courses.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("course_versions.id"))
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The version completed: its JP approval decides the credit, even after newer ones.
    completed_version_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("course_versions.id", ondelete="SET NULL")
    )
    last_item_key: Mapped[str | None] = mapped_column(sa.String(100))
    last_activity_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    course: Mapped[Course] = relationship()
    version: Mapped[CourseVersion] = relationship(foreign_keys=[version_id])
    items: Mapped[list[ItemProgress]] = relationship(
        back_populates="enrolment", cascade="all, delete-orphan"
    )


class ItemProgress(Base):
    __tablename__ = "item_progress"
    __table_args__ = (sa.UniqueConstraint("enrolment_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(sa.ForeignKey("enrolments.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(sa.String(100))
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("course_versions.id"))
    first_viewed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    enrolment: Mapped[Enrolment] = relationship(back_populates="items")

    @property
    def done(self) -> bool:
        return self.completed_at is not None


class JpCredit(Base):
    """JP earned in a calendar year, by competency; a course is credited once."""

    __tablename__ = "jp_credits"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "course_id"),
        sa.Index("ix_jp_credits_user_year", "user_id", "year"),
        # an event is credited once too
        sa.Index("uq_jp_credits_user_event", "user_id", "training_event_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    course_id: Mapped[int | None] = mapped_column(sa.ForeignKey("courses.id", ondelete="SET NULL"))
    version_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("course_versions.id", ondelete="SET NULL")
    )
    year: Mapped[int]
    jp: Mapped[float] = mapped_column(sa.Float)
    competency: Mapped[str] = mapped_column(sa.String(32))
    # M.01-M.08 for a managerial competency named by its code.
    competency_code: Mapped[str | None] = mapped_column(sa.String(8))
    title: Mapped[str] = mapped_column(sa.String(300))
    # Set for JP from verified training done elsewhere (course_id is then empty).
    external_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("external_learning.id", ondelete="CASCADE"), unique=True
    )
    # Set for JP from approved workplace learning (coaching, mentoring, assignments).
    workplace_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("workplace_learning.id", ondelete="CASCADE"), unique=True
    )
    # Set for JP from a seminar, workshop or other event whose attendance rule was met.
    training_event_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("training_events.id", ondelete="SET NULL")
    )
    credited_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class Attempt(Base):
    """One attempt at a quiz, bound to the quiz version it was started on.

    ``layout`` is what the learner was shown (the drawn questions in order, and each
    one's presented options), made from ``seed`` once, so the attempt can be shown again
    exactly and re-graded. ``revision`` grows with every save, so a stale form is refused.
    """

    __tablename__ = "attempts"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "item_id", "number"),
        sa.Index("ix_attempts_user_course_item", "user_id", "course_id", "item_key"),
        # a course's reports read its attempts without a learner
        sa.Index("ix_attempts_course_item", "course_id", "item_key"),
        # the few attempts waiting for a trainer's grade, counted for the menu
        sa.Index(
            "ix_attempts_waiting",
            "course_id",
            sqlite_where=sa.text("pending"),
            postgresql_where=sa.text("pending"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(sa.String(100))
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("course_items.id"))
    number: Mapped[int]
    seed: Mapped[int] = mapped_column(sa.BigInteger)
    state: Mapped[str] = mapped_column(sa.String(16), default="open")  # open|grading|graded
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    deadline: Mapped[datetime | None] = mapped_column(UtcDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    layout: Mapped[list[Any]] = mapped_column(JSONType)
    responses: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    revision: Mapped[int] = mapped_column(default=0)
    results: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    score: Mapped[float | None] = mapped_column(sa.Float)
    max_score: Mapped[float] = mapped_column(sa.Float, default=0)
    percent: Mapped[float | None] = mapped_column(sa.Float)
    passed: Mapped[bool | None] = mapped_column(sa.Boolean)
    pending: Mapped[bool] = mapped_column(sa.Boolean, default=False)

    item: Mapped[CourseItem] = relationship()

    @property
    def open(self) -> bool:
        return self.state == "open"


class AttemptGrant(Base):
    """Extra attempts at one quiz given to one learner by a trainer or an admin, with the
    reason; a learner who used every attempt is otherwise stuck for good."""

    __tablename__ = "attempt_grants"
    __table_args__ = (sa.Index("ix_attempt_grants_learner", "user_id", "course_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(sa.String(100))
    extra: Mapped[int]
    reason: Mapped[str] = mapped_column(sa.String(500))
    granted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
