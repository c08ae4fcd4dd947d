"""What a partner sees of a plugin they maintain: the courses its types serve, how many
learners enrolled and completed, and item statistics of its questions, in aggregate
only. A question answered by fewer than ``MIN_LEARNERS`` shows no figures, so that no
one learner's answer can be read off them."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload, selectinload

from elearn.models import Course, CourseItem, CourseVersion, Enrolment
from elearn.models.catalog import latest_versions_query
from elearn.plugins import get_host
from elearn.reports.items import MIN_LEARNERS, ItemStats, analyse, first_attempts


@dataclass(frozen=True)
class PluginTypes:
    course_types: dict[str, str]  # id -> label
    question_types: dict[str, str]


@dataclass
class ServedCourse:
    version: CourseVersion
    whole: bool  # the course is of the plugin's course type (not only some questions)
    question_types: list[str]
    enrolled: int = 0
    completed: int = 0


@dataclass
class QuizFigures:
    item: CourseItem
    learners: int
    rows: list[ItemStats] = field(default_factory=list)


def plugin_types(plugin_name: str) -> PluginTypes | None:
    """The course and question types the plugin registers; None if it is not loaded."""
    contribution = get_host().contributions.get(plugin_name)
    if contribution is None:
        return None
    return PluginTypes(
        {t.id: str(t.label) for t in contribution.course_types},
        {t.id: str(getattr(t, "label", t.id)) for t in contribution.question_types},
    )


def published(session: Session, course_key: str | None = None) -> list[CourseVersion]:
    """Every course's newest version (or only ``course_key``'s), read once per page
    however many plugins the partner maintains."""
    statement = latest_versions_query().options(joinedload(CourseVersion.course))
    if course_key is not None:
        statement = statement.join(Course, Course.id == CourseVersion.course_id).where(
            Course.key == course_key
        )
    return list(session.scalars(statement.order_by(CourseVersion.title)))


def served_courses(
    session: Session, types: PluginTypes, versions: list[CourseVersion]
) -> list[ServedCourse]:
    """Those of ``versions`` that are of one of the plugin's course types or ask one of
    its question types, with their enrolments and completions (one statement)."""
    served = []
    for version in versions:
        used = sorted(set(version.settings.get("question_types", [])) & set(types.question_types))
        whole = version.course_type in types.course_types
        if whole or used:
            served.append(ServedCourse(version, whole, used))
    if not served:
        return served
    counts = session.execute(
        sa.select(
            Enrolment.course_id,
            sa.func.count(Enrolment.id),
            sa.func.count(Enrolment.completed_at),
        )
        .where(Enrolment.course_id.in_([c.version.course_id for c in served]))
        .group_by(Enrolment.course_id)
    )
    by_course = {course_id: (enrolled, done) for course_id, enrolled, done in counts}
    for course in served:
        course.enrolled, course.completed = by_course.get(course.version.course_id, (0, 0))
    return served


def quiz_figures(session: Session, served: ServedCourse, types: PluginTypes) -> list[QuizFigures]:
    """Item statistics of the course's quizzes: every question when the course is of the
    plugin's type, else the questions of its question types; figures of a question
    fewer than ``MIN_LEARNERS`` answered are withheld (``facility`` None)."""
    version = served.version
    items = session.scalars(
        sa.select(CourseItem)
        .where(CourseItem.version_id == version.id, CourseItem.kind == "quiz")
        .options(selectinload(CourseItem.questions))
        .order_by(CourseItem.position)
    )
    figures = []
    for item in items:
        wanted = [q for q in item.questions if served.whole or q.type_id in types.question_types]
        if not wanted:
            continue
        attempts = first_attempts(session, version.course_id, item.key)
        rows = [row for row in analyse(item, attempts) if row.key in {q.key for q in wanted}]
        for row in rows:
            if row.answered < MIN_LEARNERS:
                row.facility = row.discrimination = None
                row.options, row.flags = [], []
        figures.append(QuizFigures(item, len(attempts), rows))
    return figures
