"""Finding what a learner's URL names: a course's newest version, one of its items,
and the signed-in learner's enrolment. A missing course or item is a 404."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from elearn import db
from elearn.learn.catalog import course_by_key
from elearn.models import Course, CourseItem, CourseVersion, Enrolment
from elearn.progress import enrolment_for


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
