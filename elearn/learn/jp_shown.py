"""The JP a learner's pages show for a course, the same figure the reports and SIASN
carry: the JP credited to the learner once the course is complete (even when a later
version claims other JP), otherwise the JP BKPSDM approved for the newest version, or
its claim marked as waiting for approval."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.lookups import Lookup, one_of
from elearn.models import JpApproval, JpCredit
from elearn.models.approvals import APPROVED, DECLINED


@dataclass(frozen=True)
class JpShown:
    jp: float
    state: str  # "credited", "approved", "pending" or "declined"


# Built once and sent to the driver (elearn.lookups): the catalogue and the course page
# run it on every view.
_APPROVALS_AND_CREDITS = Lookup(
    sa.select(sa.literal("approval"), JpApproval.version_id, JpApproval.status, JpApproval.jp)
    .where(one_of(JpApproval.version_id, "version_ids"))
    .union_all(
        sa.select(sa.literal("credit"), JpCredit.course_id, sa.literal(""), JpCredit.jp).where(
            JpCredit.user_id == sa.bindparam("user_id", 0),
            one_of(JpCredit.course_id, "course_ids"),
        )
    )
)


def jp_shown(session: Session, versions, user_id: int) -> dict[int, JpShown]:
    """By course id, for the given published versions (one statement)."""
    if not versions:
        return {}
    approvals: dict[int, tuple[str, float | None]] = {}
    credited: dict[int, float] = {}
    rows = _APPROVALS_AND_CREDITS.all(
        session,
        version_ids=[v.id for v in versions],
        course_ids=[v.course_id for v in versions],
        user_id=user_id,
    )
    for kind, key, status, jp in rows:
        if kind == "credit":
            credited[key] = jp
        else:
            approvals[key] = (status, jp)
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
