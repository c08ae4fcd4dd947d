"""Course discussions (questions and answers per course, optionally about one lesson or
quiz) and the reports anyone can make of a post on them or on the idea board, which
moderators act on: trainers for their courses, innovation teams for their agency's
ideas, admins everywhere."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from elearn.db import Base
from elearn.models.accounts import User
from elearn.models.types import UtcDateTime, utcnow

# what a report can be about: a course's question or answer, an idea or its comment
REPORTED_KINDS = ("question", "answer", "idea", "idea_comment")


class Hideable:
    """A post a moderator can hide (with a reason, kept) and restore."""

    hidden_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    hidden_reason: Mapped[str] = mapped_column(sa.String(500), default="")
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    @property
    def hidden(self) -> bool:
        return self.hidden_at is not None


class CourseQuestion(Hideable, Base):
    __tablename__ = "course_questions"
    __table_args__ = (
        sa.Index("ix_course_questions_course_activity", "course_id", "last_activity_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"))
    # the lesson or quiz it is about, by its stable key (None: the course as a whole)
    item_key: Mapped[str | None] = mapped_column(sa.String(100))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)  # Markdown
    answers: Mapped[int] = mapped_column(default=0)
    # the answer a trainer accepted (answers are hidden, never deleted, so no key is
    # needed to keep it pointing somewhere real; and the two tables stay creatable in order)
    accepted_answer_id: Mapped[int | None]
    pinned: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    locked: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])


class CourseAnswer(Hideable, Base):
    __tablename__ = "course_answers"
    __table_args__ = (sa.Index("ix_course_answers_question_created", "question_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("course_questions.id", ondelete="CASCADE")
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)  # Markdown
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])


class QuestionFollower(Base):
    """Someone told of every answer to a question (its author follows it from the start)."""

    __tablename__ = "question_followers"

    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("course_questions.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class PostReport(Base):
    """Someone's report of a post (a question, an answer, an idea's comment), open until
    a moderator hides the post or keeps it."""

    __tablename__ = "post_reports"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN {REPORTED_KINDS!r}", name="known_kind"),
        sa.UniqueConstraint("kind", "post_id", "reporter_id"),
        sa.Index("ix_post_reports_open", "resolved_at", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    post_id: Mapped[int]
    reporter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
