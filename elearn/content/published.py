"""Published course versions as the learner's pages read them, kept per process.

A published version never changes (an edit publishes a new one), so its structure and
rendered lessons are read from the database once per app process and kept by version
id. Which version is a course's newest is asked on every request, in the same small
statement as the learner's enrolment: a course published through another process is
served at its new version at once, with nothing to invalidate.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session, joinedload, selectinload

from elearn.kept import keep
from elearn.lookups import Lookup, columns_of
from elearn.models import Course, CourseItem, CourseVersion, Enrolment, ItemProgress, Question

KEPT_VERSIONS = 512  # per process: far more than the courses a city runs at once
KEPT_QUIZZES = 2048  # the questions of this many quizzes, a few KB each


@dataclass(frozen=True, slots=True)
class PublishedCourse:
    id: int
    key: str


@dataclass(slots=True, eq=False)
class PublishedItem:
    id: int
    version_id: int
    key: str
    kind: str
    position: int
    module: str | None
    title: str
    required: bool
    html: str
    settings: dict[str, Any]
    question_count: int
    version: PublishedVersion = field(repr=False)


@dataclass(slots=True, eq=False)
class PublishedVersion:
    id: int
    course_id: int
    number: int
    title: str
    course_type: str
    competency: str
    jp: float
    settings: dict[str, Any]
    summary: str
    description_html: str
    course: PublishedCourse
    items: list[PublishedItem] = field(default_factory=list)


def newest_version_and_enrolment(
    session: Session, key: str, user_id: int
) -> tuple[int, Enrolment | None, set[str]] | None:
    """The id of the course's newest version, ``user_id``'s enrolment in it and the keys
    of the items they have done, in one statement; None when no course has ``key``."""
    row = _NEWEST_AND_ENROLMENT.first(session, key=key, user_id=user_id)
    if row is None:
        return None
    enrolment, version_id, done = row
    return version_id, enrolment, set(done.split("\n")) if done else set()


def done_keys() -> sa.ScalarSelect:
    """The keys of the items done in the enrolment of the enclosing statement, one a
    line (an item's key is a slug: a line break never occurs in one)."""
    return (
        sa.select(sa.func.aggregate_strings(ItemProgress.item_key, "\n"))
        .where(ItemProgress.enrolment_id == Enrolment.id, ItemProgress.completed_at.is_not(None))
        .correlate(Enrolment)
        .scalar_subquery()
    )


_NEWEST_AND_ENROLMENT = Lookup(  # on every learner's course page: sent to the driver
    sa.select(*columns_of(Enrolment), CourseVersion.id, done_keys())
    .select_from(Course)
    .join(CourseVersion, CourseVersion.course_id == Course.id)
    .outerjoin(
        Enrolment,
        sa.and_(Enrolment.course_id == Course.id, Enrolment.user_id == sa.bindparam("user_id", 0)),
    )
    .where(Course.key == sa.bindparam("key", ""))
    .order_by(CourseVersion.number.desc())
    .limit(1),
    entity=Enrolment,
)


def newest_versions(session: Session, course_ids: set[int]) -> dict[int, PublishedVersion]:
    """Each course's newest version, by course id, in one statement (and the versions'
    contents, the first time this process reads them)."""
    if not course_ids:
        return {}
    # ordered by number: each course's last row is its newest version
    newest = dict(session.execute(_VERSIONS_OF, {"ids": list(course_ids)}).all())
    return {course_id: published_version(session, v) for course_id, v in newest.items()}


_VERSIONS_OF = (
    sa.select(CourseVersion.course_id, CourseVersion.id)
    .where(CourseVersion.course_id.in_(sa.bindparam("ids", expanding=True)))
    .order_by(CourseVersion.course_id, CourseVersion.number)
)


def published_version(session: Session, version_id: int) -> PublishedVersion:
    """The version with its items and their HTML, read once per process."""
    kept: dict[int, PublishedVersion] = current_app.extensions.setdefault("elearn.published", {})
    found = kept.get(version_id)
    if found is None:
        found = _read(session, version_id)
        if len(kept) >= KEPT_VERSIONS:
            kept.pop(next(iter(kept)))
        kept[version_id] = found
    return found


def _columns(kind: type, row: Any, skip: set[str]) -> dict[str, Any]:
    """The fields of ``kind`` read off the ORM ``row`` (those with the same names)."""
    return {f.name: getattr(row, f.name) for f in fields(kind) if f.name not in skip}


def _read(session: Session, version_id: int) -> PublishedVersion:
    version = session.scalar(
        sa.select(CourseVersion)
        .where(CourseVersion.id == version_id)
        .options(
            joinedload(CourseVersion.course),
            selectinload(CourseVersion.items).undefer(CourseItem.html),
        )
    )
    questions = dict(
        session.execute(
            sa.select(Question.item_id, sa.func.count())
            .join(CourseItem, CourseItem.id == Question.item_id)
            .where(CourseItem.version_id == version_id)
            .group_by(Question.item_id)
        ).all()
    )
    published = PublishedVersion(
        **_columns(PublishedVersion, version, skip={"course", "items"}),
        course=PublishedCourse(version.course.id, version.course.key),
    )
    published.items = [
        PublishedItem(
            **_columns(PublishedItem, item, skip={"question_count", "version"}),
            question_count=questions.get(item.id, 0),
            version=published,
        )
        for item in version.items
    ]
    return published


@dataclass(frozen=True, slots=True)
class PublishedQuestion:
    """A question of a published quiz as the page of an open attempt draws it: what a
    learner may see, without the answer key or the feedback (read only to grade, from
    the database). Shared by every request of the process: read, never change it."""

    id: int
    item_id: int
    key: str
    position: int
    type_id: str
    title: str
    points: float
    pool: str | None
    prompt_html: str
    public: dict[str, Any]


def published_questions(session: Session, item_id: int) -> dict[int, PublishedQuestion]:
    """The questions of the quiz ``item_id`` (its pools' too) by id, read once per
    process: a published quiz never changes. Loading them as objects on each quiz page
    was an eighth of the page, and the answer save asked for their types again."""
    kept: dict[int, dict[int, PublishedQuestion]] = current_app.extensions.setdefault(
        "elearn.questions", {}
    )
    found = kept.get(item_id)
    if found is None:
        rows = session.execute(_PUBLIC_QUESTIONS_OF, {"item_id": item_id})
        found = {row.id: PublishedQuestion(**row._mapping) for row in rows}
        keep(kept, item_id, found, KEPT_QUIZZES)
    return found


_PUBLIC_QUESTIONS_OF = sa.select(
    *(getattr(Question, name) for name in PublishedQuestion.__dataclass_fields__)
).where(Question.item_id == sa.bindparam("item_id"))
