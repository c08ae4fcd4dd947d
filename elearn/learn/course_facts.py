"""What a learner's catalogue and course page show beside each course, asked in one
statement: their enrolment, the course's mandatory due date for them, and its JP.

The JP is the figure the reports and SIASN carry: the JP credited to the learner once
the course is complete (even when a later version claims other JP), otherwise the JP
BKPSDM approved for the newest version, or its claim marked as waiting for approval.
On PostgreSQL each statement costs the worker a round trip and the driver's own work
(about as much as the database's): three questions asked apart were a quarter of the
catalogue page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.lookups import Lookup, one_of
from elearn.mandatory import assigned_to_chain, earliest
from elearn.models import Enrolment, JpApproval, JpCredit, MandatoryCourse, User
from elearn.models.approvals import APPROVED, DECLINED
from elearn.models.types import UtcDateTime


@dataclass(frozen=True)
class JpShown:
    jp: float
    state: str  # "credited", "approved", "pending" or "declined"


@dataclass(frozen=True)
class CourseFacts:
    """By course id: the learner's enrolments (completion time, None while in
    progress), their mandatory due dates and the JP shown."""

    enrolled: dict[int, datetime | None]
    due: dict[int, date]
    jp: dict[int, JpShown]


def _branch(kind: str, key, text, jp, due, completed) -> sa.Select:
    return sa.select(sa.literal(kind), key, text, jp, due, completed)


_NO_JP = sa.cast(sa.null(), sa.Float)
_NO_DATE = sa.cast(sa.null(), sa.Date)
_NO_TIME = sa.cast(sa.null(), UtcDateTime())
_COURSE_IDS = "course_ids"
_USER_ID = sa.bindparam("user_id", 0)

# Built once and sent to the driver (elearn.lookups). Each row is one fact: its kind,
# the course (or version) it is about, then the columns that kind fills. The first
# branch's typed NULLs give every column its type (a date read from SQLite is a date).
_FACTS = Lookup(
    sa.union_all(
        _branch(
            "approval", JpApproval.version_id, JpApproval.status, JpApproval.jp, _NO_DATE, _NO_TIME
        ).where(one_of(JpApproval.version_id, "version_ids")),
        _branch(
            "credit", JpCredit.course_id, sa.literal(""), JpCredit.jp, _NO_DATE, _NO_TIME
        ).where(JpCredit.user_id == _USER_ID, one_of(JpCredit.course_id, _COURSE_IDS)),
        _branch(
            "enrolled",
            Enrolment.course_id,
            sa.literal(""),
            _NO_JP,
            _NO_DATE,
            Enrolment.completed_at,
        ).where(Enrolment.user_id == _USER_ID, one_of(Enrolment.course_id, _COURSE_IDS)),
        assigned_to_chain()
        .with_only_columns(
            sa.literal("due"),
            MandatoryCourse.course_id,
            MandatoryCourse.position,
            _NO_JP,
            MandatoryCourse.due_date,
            _NO_TIME,
        )
        .where(one_of(MandatoryCourse.course_id, _COURSE_IDS)),
    )
)


def course_facts(session: Session, versions, user: User) -> CourseFacts:
    """For the given published versions (one statement)."""
    if not versions:
        return CourseFacts({}, {}, {})
    approvals: dict[int, tuple[str, float | None]] = {}
    credited: dict[int, float] = {}
    enrolled: dict[int, datetime | None] = {}
    assigned = []
    rows = _FACTS.all(
        session,
        version_ids=[v.id for v in versions],
        course_ids=[v.course_id for v in versions],
        user_id=user.id,
        agency_id=user.agency_id,
    )
    for kind, key, text, jp, due, completed in rows:
        if kind == "credit":
            credited[key] = jp
        elif kind == "approval":
            approvals[key] = (text, jp)
        elif kind == "enrolled":
            enrolled[key] = completed
        else:
            assigned.append(_Assigned(key, due, text))
    due = earliest(assigned, user.position)
    return CourseFacts(enrolled, due, _jp(versions, approvals, credited))


@dataclass(frozen=True)
class _Assigned:
    course_id: int
    due_date: date
    position: str | None


def _jp(versions, approvals, credited) -> dict[int, JpShown]:
    shown = {}
    for version in versions:
        status, jp = approvals.get(version.id, ("pending", None))
        if version.course_id in credited:
            shown[version.course_id] = JpShown(credited[version.course_id], "credited")
        elif status == APPROVED and jp is not None:
            shown[version.course_id] = JpShown(jp, "approved")
        elif status == DECLINED:
            shown[version.course_id] = JpShown(0, "declined")
        else:
            shown[version.course_id] = JpShown(version.jp, "pending")
    return shown
