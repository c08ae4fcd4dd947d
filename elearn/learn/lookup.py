"""Finding what a learner's URL names (a course's newest version, one of its items, the
signed-in learner's enrolment; a missing course or item is a 404), and what a course's
rules keep closed: lessons that open in order, and courses to complete first."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from flask_login import current_user
from sqlalchemy.orm import Session

from elearn import db
from elearn.content.published import (
    PublishedItem,
    PublishedVersion,
    newest_version_and_enrolment,
    published_version,
)
from elearn.learn.catalog import course_by_key
from elearn.models import Course, CourseItem, CourseTrainer, CourseVersion, Enrolment, User
from elearn.models.catalog import latest_versions_query
from elearn.plugins import get_host
from elearn.progress import enrolment_for
from elearn.progress.attempts import (
    attempts_allowed,
    attempts_of,
    counted_score,
    new_attempt_refusal,
)
from elearn.progress.courses import done_keys


def course_or_404(key: str) -> tuple[Course, CourseVersion]:
    found = course_by_key(db.session(), key)
    if found is None:
        abort(404)
    return found


def enrolled_item(
    key: str, item_key: str
) -> tuple[Course, CourseVersion, CourseItem, Enrolment | None]:
    course, version = course_or_404(key)
    item = next((i for i in version.items if i.key == item_key), None)
    if item is None:
        abort(404)
    return course, version, item, enrolment_for(db.session(), current_user, course)


def published_course(
    session: Session, key: str
) -> tuple[PublishedVersion, Enrolment | None, set[str]]:
    """What a learner's course page shows: the course's newest version as kept per
    process (elearn.content.published), the learner's enrolment and the keys of the
    items they have done; 404 without the course."""
    found = newest_version_and_enrolment(session, key, current_user.id)
    if found is None:
        abort(404)
    version_id, enrolment, done = found
    return published_version(session, version_id), enrolment, done


def published_item(
    session: Session, key: str, item_key: str
) -> tuple[PublishedVersion, PublishedItem, Enrolment | None, set[str]]:
    """What a learner's item page shows: the course as ``published_course`` and the item."""
    version, enrolment, done = published_course(session, key)
    item = next((i for i in version.items if i.key == item_key), None)
    if item is None:
        abort(404)
    return version, item, enrolment, done


def missing_parts(version: CourseVersion) -> list[str]:
    """The course and question types this version needs that no active plugin offers
    (a plugin uninstalled or switched off): while any is missing the course is shown
    as unavailable, and its learners' progress waits, untouched."""
    host = get_host()
    missing = [] if version.course_type in host.course_types else [version.course_type]
    types = host.question_type_instances()
    return missing + [t for t in version.settings.get("question_types", []) if t not in types]


def open_until(version: CourseVersion, done: set[str]) -> int:
    """The index of the last step a learner may open: every step, unless the course's
    steps open in order, when it is the first required step not done yet."""
    if version.settings.get("sequential"):
        for index, item in enumerate(version.items):
            if item.required and item.key not in done:
                return index
    return len(version.items)


def blocking_step(version: CourseVersion, item: CourseItem, done: set[str]) -> CourseItem | None:
    """The step to finish before ``item`` opens (None when it is open)."""
    last_open = open_until(version, done)
    return version.items[last_open] if version.items.index(item) > last_open else None


def locked_reason(
    session: Session, version: CourseVersion, item: CourseItem, enrolment: Enrolment
) -> CourseItem | None:
    if not version.settings.get("sequential"):
        return None  # no query for the usual course
    return blocking_step(version, item, done_keys(session, enrolment))


def prerequisites(session: Session, user: User, version: CourseVersion) -> list[dict]:
    """The courses to complete before enrolling: key, title (when the course exists) and
    whether ``user`` completed it. Two statements whatever their number."""
    keys = version.settings.get("prerequisites") or []
    if not keys:
        return []
    titles = dict(
        session.execute(
            latest_versions_query()
            .join(Course, Course.id == CourseVersion.course_id)
            .where(Course.key.in_(keys))
            .with_only_columns(Course.key, CourseVersion.title)
        ).all()
    )
    completed = set(
        session.scalars(
            sa.select(Course.key)
            .join(Enrolment, Enrolment.course_id == Course.id)
            .where(
                Course.key.in_(keys),
                Enrolment.user_id == user.id,
                Enrolment.completed_at.is_not(None),
            )
        )
    )
    return [
        {
            "key": key,
            "title": titles.get(key, key),
            "exists": key in titles,
            "done": key in completed,
        }
        for key in keys
    ]


def quiz_standing(session: Session, enrolment: Enrolment, item: PublishedItem) -> dict:
    """What a quiz's page tells its learner: their attempts, the score that counts, how
    many attempts they may make, why they may not start another (None: they may), and
    whom to ask for another attempt when they have used them all."""
    attempts = attempts_of(session, current_user, enrolment, item.key)
    rule = item.settings.get("score_counts", "best")
    allowed = attempts_allowed(session, current_user.id, enrolment.course_id, item)
    refusal = new_attempt_refusal(attempts, allowed, rule)
    trainers = []
    if refusal == "no-attempts-left":
        trainers = list(
            session.scalars(
                sa.select(User.full_name)
                .join(CourseTrainer, CourseTrainer.user_id == User.id)
                .where(CourseTrainer.course_id == enrolment.course_id)
                .order_by(User.full_name)
            )
        )
    return {
        "attempts": attempts,
        "counted": counted_score(attempts, rule),
        "allowed": allowed,
        "refusal": refusal,
        "trainers": trainers,
    }
