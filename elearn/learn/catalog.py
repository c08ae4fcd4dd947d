"""Queries behind the learner's pages, each a bounded number of statements."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session, contains_eager, joinedload, selectinload, undefer

from elearn.content.published import PublishedVersion, done_keys, published_version
from elearn.kept import keep
from elearn.lookups import Lookup, columns_of
from elearn.models import Course, CourseItem, CourseVersion, Enrolment
from elearn.models.catalog import latest_versions_query
from elearn.search import where_matches

PAGE_SIZE = 20


def catalogue(
    session: Session,
    *,
    words: str = "",
    competency: str = "",
    course_type: str = "",
    max_jp: float | None = None,
    page: int = 1,
) -> tuple[list[CourseVersion] | list[PublishedVersion], int]:
    """One page of the published courses that match, by title, and how many match.
    Without words, the page's versions come from those kept per process (reading them
    as objects was a fifth of the page); a search reads its matches' text to mark it."""
    given = {"competency": competency, "course_type": course_type, "max_jp": max_jp}
    bound = {name: value for name, value in given.items() if value}
    if not words.strip():
        return _listed(session, bound, page)
    dialect = session.get_bind().dialect.name
    matching = where_matches(_matching(tuple(bound)), words, dialect)
    statement = _paged(matching.options(undefer(CourseVersion.search_text)))
    return _page_of(session, statement.options(joinedload(CourseVersion.course)), bound, page)


def _page_of(session: Session, statement: sa.Select, bound: dict, page: int) -> tuple[list, int]:
    """The rows of ``page`` and the number of matches, in one statement (a window over
    the matches); a page past the last one asks the count apart."""
    offset = (max(page, 1) - 1) * PAGE_SIZE
    rows = session.execute(statement, {**bound, "limit": PAGE_SIZE, "offset": offset}).all()
    if rows:
        return [found for found, _total in rows], rows[0][1]
    if page <= 1:
        return [], 0
    count = sa.select(sa.func.count()).select_from(statement.limit(None).offset(None).subquery())
    return [], session.scalar(count, bound) or 0


KEPT_PAGES = 512
# Which versions a page of the catalogue lists changes only when a version is published
# (the filters read the versions' own columns): this asks whether one was, on the
# primary key's index. Sent to the driver (elearn.lookups): on every catalogue view.
_PUBLISHED_STAMP = Lookup(sa.select(sa.func.max(CourseVersion.id), sa.func.count(CourseVersion.id)))


def _listed(session: Session, bound: dict, page: int) -> tuple[list[PublishedVersion], int]:
    """A page of the catalogue without words: the versions are the process's published
    ones, and which ids a page lists is kept until a version is published (the page's
    statement was the costliest of its five)."""
    kept: dict = current_app.extensions.setdefault("elearn.catalogue_pages", {})
    key = (*_PUBLISHED_STAMP.first(session), *sorted(bound.items()), page)
    found = kept.get(key)
    if found is None:
        found = _page_of(session, _paged_without_words(tuple(bound)), bound, page)
        keep(kept, key, found, KEPT_PAGES)
    ids, total = found
    return [published_version(session, version_id) for version_id in ids], total


_FILTERS = {
    "competency": lambda: CourseVersion.competency == sa.bindparam("competency"),
    "course_type": lambda: CourseVersion.course_type == sa.bindparam("course_type"),
    "max_jp": lambda: CourseVersion.jp <= sa.bindparam("max_jp"),
}


def _matching(filters: tuple[str, ...]) -> sa.Select:
    """The newest versions that pass ``filters`` (their values bound at execution)."""
    return latest_versions_query().where(*(_FILTERS[name]() for name in filters))


def _paged(statement: sa.Select) -> sa.Select:
    return (
        statement.add_columns(sa.func.count().over())
        .order_by(CourseVersion.title, CourseVersion.id)
        .limit(sa.bindparam("limit"))
        .offset(sa.bindparam("offset"))
    )


@functools.cache
def _paged_without_words(filters: tuple[str, ...]) -> sa.Select:
    """Built once per set of filters: building the statement (and the key SQLAlchemy
    caches its compiled form under) each time was a sixth of the catalogue's time."""
    return _paged(_matching(filters).with_only_columns(CourseVersion.id))


def course_by_key(session: Session, key: str) -> tuple[Course, CourseVersion] | None:
    version = session.scalar(
        latest_versions_query()
        .join(Course, Course.id == CourseVersion.course_id)
        .where(Course.key == key)
        .options(selectinload(CourseVersion.items), contains_eager(CourseVersion.course))
    )
    return (version.course, version) if version else None


@dataclass
class CourseProgress:
    enrolment: Enrolment
    version: PublishedVersion
    done: int
    required: int
    next_item: CourseItem | None

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.required) if self.required else 100


# Built once: the dashboard runs it on every view. Each enrolment with its course's
# newest version and the keys of the items done (an item's key never holds a line break).
_NEWEST_VERSION = (
    sa.select(CourseVersion.id)
    .where(CourseVersion.course_id == Enrolment.course_id)
    .order_by(CourseVersion.number.desc())
    .limit(1)
    .correlate(Enrolment)
    .scalar_subquery()
)
_ENROLMENTS_OF = Lookup(
    sa.select(*columns_of(Enrolment), _NEWEST_VERSION, done_keys())
    .where(Enrolment.user_id == sa.bindparam("user_id", 0))
    .order_by(Enrolment.last_activity_at.desc()),
    entity=Enrolment,
)


def my_courses(session: Session, user_id: int) -> list[CourseProgress]:
    """The user's enrolments with progress and the exact next step, in one statement
    (and the versions' contents, the first time this process shows them)."""
    result = []
    for enrolment, version_id, done in _ENROLMENTS_OF.all(session, user_id=user_id):
        version = published_version(session, version_id)
        finished = set(done.split("\n")) if done else set()
        required = [i for i in version.items if i.required]
        next_item = next((i for i in version.items if i.key not in finished), None)
        result.append(
            CourseProgress(
                enrolment,
                version,
                sum(1 for i in required if i.key in finished),
                len(required),
                next_item,
            )
        )
    return result
