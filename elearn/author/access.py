"""Which courses a trainer may see and edit: those they teach (``course_trainers``);
an admin may see every course. Anything else is answered as if it did not exist."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from elearn import db
from elearn.models import Attempt, Course, CourseTrainer


def taught_ids() -> sa.Select | None:
    """The ids of the courses the signed-in user teaches; None for an admin (all)."""
    if current_user.has_role("admin"):
        return None
    return sa.select(CourseTrainer.course_id).where(CourseTrainer.user_id == current_user.id)


def answers_waiting() -> int:
    """How many attempts in the signed-in user's courses wait for a grade (the menu's
    count; the partial index on waiting attempts keeps it small)."""
    statement = sa.select(sa.func.count(Attempt.id)).where(Attempt.pending.is_(True))
    ids = taught_ids()
    if ids is not None:
        statement = statement.where(Attempt.course_id.in_(ids))
    return db.session().scalar(statement) or 0


def taught_course_or_404(key: str) -> Course:
    statement = sa.select(Course).where(Course.key == key)
    ids = taught_ids()
    if ids is not None:
        statement = statement.where(Course.id.in_(ids))
    course = db.session().scalar(statement)
    if course is None:
        abort(404)
    return course
