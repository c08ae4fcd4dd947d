"""Enrolment, lesson progress and course completion with JP credit."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.db import writing
from elearn.models import (
    Course,
    CourseItem,
    Enrolment,
    ItemProgress,
    User,
)
from elearn.models.catalog import latest_version
from elearn.models.types import aware, utcnow
from elearn.progress.events import record_event
from elearn.progress.jp import approval_of, credit_completion

REVISIT = timedelta(minutes=5)


def enrolment_for(session: Session, user: User, course: Course) -> Enrolment | None:
    return session.scalar(
        sa.select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course.id)
    )


def enrol(session: Session, user: User, course: Course) -> Enrolment:
    """Enrol ``user`` (idempotent: a second call returns the same enrolment)."""
    enrolment = enrolment_for(session, user, course)
    if enrolment is not None:
        return enrolment
    version = latest_version(session, course)
    enrolment = Enrolment(user_id=user.id, course=course, version=version)
    session.add(enrolment)
    try:
        session.flush()
    except sa.exc.IntegrityError:  # a concurrent request enrolled first
        session.rollback()
        return enrolment_for(session, user, course)
    record_event(
        session,
        actor=user,
        verb="registered",
        object_type="course",
        object_id=course.key,
        context={"version": version.number},
    )
    return enrolment


def _progress(session: Session, enrolment: Enrolment, item: CourseItem) -> ItemProgress:
    row = session.scalar(
        sa.select(ItemProgress).where(
            ItemProgress.enrolment_id == enrolment.id, ItemProgress.item_key == item.key
        )
    )
    if row is None:
        row = ItemProgress(enrolment=enrolment, item_key=item.key, version_id=item.version_id)
        session.add(row)
    return row


def view_item(session: Session, user: User, enrolment: Enrolment, item, done: set[str]) -> bool:
    """A learner opened an item (given the keys of the items they have done): remember
    where they are; a lesson of a course whose rule is "viewed" is done by being opened.
    Returns whether the item is done. Opening again the item one is on, within
    ``REVISIT``, changes nothing and writes nothing (the usual reload or back button)."""
    auto = item.kind == "lesson" and item.version.settings["lesson_completion"] == "viewed"
    if (
        enrolment.last_item_key == item.key
        and enrolment.version_id == item.version_id
        and (item.key in done or not auto)
        and aware(enrolment.last_activity_at) > utcnow() - REVISIT
    ):
        return item.key in done
    writing()
    row = _progress(session, enrolment, item)
    enrolment.last_item_key = item.key
    enrolment.last_activity_at = utcnow()
    enrolment.version_id = item.version_id  # learners follow the newest version
    newly_done = auto and row.completed_at is None
    if newly_done:
        row.completed_at = utcnow()
    record_event(
        session,
        actor=user,
        verb="experienced",
        object_type=item.kind,
        object_id=f"{item.version.course.key}/{item.key}",
    )
    if newly_done:
        check_completion(session, user, enrolment)
    return row.completed_at is not None


def mark_done(session: Session, user: User, enrolment: Enrolment, item: CourseItem) -> ItemProgress:
    """The learner marks a lesson done (courses whose rule is "marked")."""
    if item.kind != "lesson":
        raise ValueError("only lessons are marked done; quizzes are passed")
    row = _progress(session, enrolment, item)
    if row.completed_at is None:
        row.completed_at = utcnow()
        record_event(
            session,
            actor=user,
            verb="completed",
            object_type="lesson",
            object_id=f"{enrolment.course.key}/{item.key}",
        )
        check_completion(session, user, enrolment)
    return row


def done_keys(session: Session, enrolment: Enrolment | None) -> set[str]:
    """Keys of the items the learner has done (none without an enrolment)."""
    if enrolment is None:
        return set()
    return set(session.scalars(_DONE_KEYS, {"enrolment_id": enrolment.id}))


_DONE_KEYS = sa.select(ItemProgress.item_key).where(  # built once: every course page asks
    ItemProgress.enrolment_id == sa.bindparam("enrolment_id"),
    ItemProgress.completed_at.is_not(None),
)


def check_completion(session: Session, user: User, enrolment: Enrolment) -> bool:
    """Complete the course once every required item is done. Its approved JP are
    credited to the year it was completed in, with its certificate; JP that wait for
    approval come with it later (``progress.jp.decide``). Returns whether it is complete."""
    if enrolment.completed_at is not None:
        return True
    version = latest_version(session, enrolment.course)
    required = {item.key for item in version.items if item.required}
    if not required <= done_keys(session, enrolment):
        return False
    enrolment.completed_at = utcnow()
    enrolment.completed_version_id = version.id
    approval = approval_of(session, version)
    approved = approval is not None and approval.approved
    certificate = (
        credit_completion(session, user, enrolment, version, approval) if approved else None
    )
    record_event(
        session,
        actor=user,
        verb="completed",
        object_type="course",
        object_id=enrolment.course.key,
        result={"jp": approval.jp if approved else 0, "jp_pending": not approved},
        context={"version": version.number, "certificate": certificate and certificate.number},
    )
    return True
