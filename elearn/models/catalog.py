"""The catalogue: courses, their immutable versions, items (lessons and quizzes),
questions with their server-side answer keys, and content-addressed assets.

A version is never changed after import; re-importing an edited course adds a version.
Items and questions keep the stable keys of their source, so learners' progress and
attempts (which record the version they were made on) map onto newer versions.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from elearn.db import Base
from elearn.models.types import JSONType, UtcDateTime, utcnow


class Course(Base):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    versions: Mapped[list[CourseVersion]] = relationship(
        back_populates="course", order_by="CourseVersion.number"
    )


class CourseTrainer(Base):
    """A trainer who teaches a course: edits, publishes and grades it."""

    __tablename__ = "course_trainers"

    course_id: Mapped[int] = mapped_column(
        sa.ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CourseVersion(Base):
    __tablename__ = "course_versions"
    __table_args__ = (sa.UniqueConstraint("course_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"))
    number: Mapped[int]
    source_hash: Mapped[str] = mapped_column(sa.String(64))
    title: Mapped[str] = mapped_column(sa.String(300))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    course_type: Mapped[str] = mapped_column(sa.String(64))
    competency: Mapped[str] = mapped_column(sa.String(32))
    jp: Mapped[float] = mapped_column(sa.Float)
    level: Mapped[str] = mapped_column(sa.String(32))
    settings: Mapped[dict[str, Any]] = mapped_column(JSONType)
    description_html: Mapped[str] = mapped_column(sa.Text)
    # Loaded only when asked for: no page needs the source zip or the search text.
    search_text: Mapped[str] = mapped_column(sa.Text, default="", server_default="", deferred=True)
    source_zip: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    course: Mapped[Course] = relationship(back_populates="versions")
    items: Mapped[list[CourseItem]] = relationship(
        back_populates="version", order_by="CourseItem.position", cascade="all, delete-orphan"
    )
    assets: Mapped[list[VersionAsset]] = relationship(cascade="all, delete-orphan")


class CourseItem(Base):
    """A lesson or a quiz within one course version."""

    __tablename__ = "course_items"
    __table_args__ = (sa.UniqueConstraint("version_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("course_versions.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(sa.String(100))
    kind: Mapped[str] = mapped_column(sa.String(16))
    position: Mapped[int]
    module: Mapped[str | None] = mapped_column(sa.String(300))
    title: Mapped[str] = mapped_column(sa.String(300))
    required: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    # Loaded when the item itself is shown, not with every list of a course's items.
    html: Mapped[str] = mapped_column(sa.Text, deferred=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSONType)

    version: Mapped[CourseVersion] = relationship(back_populates="items")
    questions: Mapped[list[Question]] = relationship(
        back_populates="item", order_by="Question.position", cascade="all, delete-orphan"
    )


class Question(Base):
    """A compiled question. ``public`` may reach a learner's page; ``answer_key`` and
    ``feedback`` never do before the attempt is submitted."""

    __tablename__ = "questions"
    __table_args__ = (sa.UniqueConstraint("item_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("course_items.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(sa.String(100))
    position: Mapped[int]
    type_id: Mapped[str] = mapped_column(sa.String(64))
    title: Mapped[str] = mapped_column(sa.String(300))
    points: Mapped[float] = mapped_column(sa.Float)
    pool: Mapped[str | None] = mapped_column(sa.String(100))
    prompt_html: Mapped[str] = mapped_column(sa.Text)
    public: Mapped[dict[str, Any]] = mapped_column(JSONType)
    answer_key: Mapped[dict[str, Any]] = mapped_column(JSONType)
    feedback: Mapped[dict[str, Any]] = mapped_column(JSONType)
    source: Mapped[dict[str, Any]] = mapped_column(JSONType)

    item: Mapped[CourseItem] = relationship(back_populates="questions")


def latest_versions_query() -> sa.Select:
    """Every course's newest version (one row per course)."""
    newest = (
        sa.select(CourseVersion.course_id, sa.func.max(CourseVersion.number).label("number"))
        .group_by(CourseVersion.course_id)
        .subquery()
    )
    return sa.select(CourseVersion).join(
        newest,
        sa.and_(
            CourseVersion.course_id == newest.c.course_id,
            CourseVersion.number == newest.c.number,
        ),
    )


def latest_version(session: Any, course: Course) -> CourseVersion | None:
    return session.scalar(latest_versions_query().where(CourseVersion.course_id == course.id))


class Asset(Base):
    """A file a course refers to (image, PDF, video), stored once by its SHA-256."""

    __tablename__ = "assets"

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)


class VersionAsset(Base):
    """Which assets a version uses, under which path of its source."""

    __tablename__ = "version_assets"

    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("course_versions.id", ondelete="CASCADE"), primary_key=True
    )
    path: Mapped[str] = mapped_column(sa.String(500), primary_key=True)
    sha256: Mapped[str] = mapped_column(
        sa.ForeignKey("assets.sha256", ondelete="RESTRICT"), index=True
    )


class CourseDraft(Base):
    """The working copy of a course's source that its trainers edit in the browser.
    Learners never see it; publishing compiles it into the next version."""

    __tablename__ = "course_drafts"

    course_id: Mapped[int] = mapped_column(
        sa.ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )
    source_zip: Mapped[bytes] = mapped_column(sa.LargeBinary)
    # The published version the draft started from (None for a course never published).
    base_version_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("course_versions.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    course: Mapped[Course] = relationship()


class SearchWord(Base):
    """Every word of the published catalogue, once: what a misspelt search term is
    matched against ("phising" finds "phishing"; ``elearn.search.suggest``)."""

    __tablename__ = "search_words"

    word: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
