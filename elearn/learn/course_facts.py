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

from elearn.lookups import Together, one_of
from elearn.mandatory import assigned_to_chain, earliest
from elearn.models import Enrolment, JpApproval, JpCredit, MandatoryCourse, User
from elearn.models.approvals import APPROVED, DECLINED


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


_COURSE_IDS = "course_ids"
_USER_ID = sa.bindparam("user_id", 0)

# Built once and sent to the driver (elearn.lookups).
_FACTS = Together(
    {
        "approvals": sa.select(JpApproval.version_id, JpApproval.status, JpApproval.jp).where(
            one_of(JpApproval.version_id, "version_ids")
        ),
        "credits": sa.select(JpCredit.course_id, JpCredit.jp).where(
            JpCredit.user_id == _USER_ID, one_of(JpCredit.course_id, _COURSE_IDS)
        ),
        "enrolments": sa.select(Enrolment.course_id, Enrolment.completed_at).where(
            Enrolment.user_id == _USER_ID, one_of(Enrolment.course_id, _COURSE_IDS)
        ),
        "assigned": assigned_to_chain().where(one_of(MandatoryCourse.course_id, _COURSE_IDS)),
    }
)


def course_facts(session: Session, versions, user: User) -> CourseFacts:
    """For the given published versions (one statement)."""
    if not versions:
        return CourseFacts({}, {}, {})
    found = _FACTS.all(
        session,
        version_ids=[v.id for v in versions],
        course_ids=[v.course_id for v in versions],
        user_id=user.id,
        agency_id=user.agency_id,
    )
    approvals = {row.version_id: (row.status, row.jp) for row in found["approvals"]}
    credited = {row.course_id: row.jp for row in found["credits"]}
    return CourseFacts(
        dict(found["enrolments"]),
        earliest(found["assigned"], user.position),
        _jp(versions, approvals, credited),
    )


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
