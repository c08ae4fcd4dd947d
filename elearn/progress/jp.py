"""The JP ledger: the one place JP are credited and summed. JP go to SIASN and are
audited, so a course's JP are a claim until BKPSDM approves them: a learner may complete
a course whose JP wait; its JP (and its certificate) come when, and as, the version they
completed is approved, counted in the year they completed it."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from elearn.audit import Said, audit
from elearn.models import Certificate, CourseVersion, Enrolment, JpApproval, JpCredit, User
from elearn.models.approvals import APPROVED, DECLINED, PENDING
from elearn.models.types import LOCAL_TIME, utcnow
from elearn.progress.certificates import issue_certificate


class AlreadyDecided(Exception):
    """The version's JP were approved or declined already (in another window)."""


def credit_jp(
    session: Session,
    *,
    user_id: int,
    year: int,
    jp: float,
    competency: str,
    competency_code: str | None,
    title: str,
    **source: int | None,
) -> JpCredit:
    """Credit JP to a person's year: ``source`` names what earned them (``course_id``
    and ``version_id``, ``external_id`` or ``workplace_id``)."""
    credit = JpCredit(
        user_id=user_id,
        year=year,
        jp=jp,
        competency=competency,
        competency_code=competency_code,
        title=title,
        **source,
    )
    session.add(credit)
    return credit


def yearly_totals(session: Session, user_id: int) -> dict[int, float]:
    """JP credited to the person, per year (approved JP only: nothing else is credited)."""
    rows = session.execute(
        sa.select(JpCredit.year, sa.func.sum(JpCredit.jp))
        .where(JpCredit.user_id == user_id)
        .group_by(JpCredit.year)
    )
    return {year: float(total or 0) for year, total in rows}


def approval_of(session: Session, version: CourseVersion) -> JpApproval | None:
    return session.get(JpApproval, version.id)


def credit_completion(
    session: Session,
    user: User,
    enrolment: Enrolment,
    version: CourseVersion,
    approval: JpApproval,
) -> Certificate:
    """The approved JP of a completed course, in the year it was completed, and its
    certificate (once: both are unique per person and course)."""
    year = enrolment.completed_at.astimezone(LOCAL_TIME).year
    credit_jp(
        session,
        user_id=user.id,
        year=year,
        jp=approval.jp,
        competency=approval.competency,
        competency_code=approval.competency_code,
        title=version.title,
        course_id=enrolment.course_id,
        version_id=version.id,
    )
    return issue_certificate(session, user, enrolment, version, approval)


def not_yet_credited() -> sa.ColumnElement[bool]:
    """For a query of enrolments: the course's JP are not yet in the person's ledger."""
    return ~sa.exists().where(
        JpCredit.user_id == Enrolment.user_id, JpCredit.course_id == Enrolment.course_id
    )


def waiting(session: Session, version: CourseVersion) -> list[Enrolment]:
    """Completions of this version whose JP wait for its approval."""
    return list(
        session.scalars(
            sa.select(Enrolment).where(
                Enrolment.completed_version_id == version.id, not_yet_credited()
            )
        )
    )


def decide(
    session: Session,
    admin: User | None,
    approval: JpApproval,
    *,
    approve: bool,
    jp: float | None = None,
    competency: str | None = None,
    competency_code: str | None = None,
    note: str = "",
) -> int:
    """Approve a version's JP (as given: at most ``JP_MAX_PER_COURSE``) or decline them,
    once; an approval credits every completion that waited for it, with its certificate.
    Returns how many were credited."""
    if approval.status != PENDING:
        raise AlreadyDecided(approval.status)
    version = approval.version
    ceiling = current_app.config["JP_MAX_PER_COURSE"]
    if approve and (jp is None or not 0 < jp <= ceiling):
        raise ValueError(f"JP must be above 0 and at most {ceiling}")
    approval.status = APPROVED if approve else DECLINED
    approval.jp, approval.competency, approval.competency_code = (
        (jp, competency, competency_code) if approve else (None, None, None)
    )
    approval.note = note
    approval.decided_by_id = admin.id if admin else None  # None: an operator's command
    approval.decided_at = utcnow()
    audit(
        session,
        admin,
        "jp.approve" if approve else "jp.decline",
        f"course:{version.course.key}",
        Said(
            "jp.approved" if approve else "jp.claim",
            {"version": version.number, "claimed": version.jp} | ({"jp": jp} if approve else {}),
            note,
        ),
    )
    credited = 0
    if approve:
        for enrolment in waiting(session, version):
            user = session.get(User, enrolment.user_id)
            credit_completion(session, user, enrolment, version, approval)
            credited += 1
    return credited


def approve_claim(session: Session, admin: User | None, version: CourseVersion) -> None:
    """Approve a waiting version's JP as claimed (the demo's courses, an operator's
    import); nothing happens to a version already decided."""
    approval = approval_of(session, version)
    if approval is not None and approval.status == PENDING:
        jp, competency, code = (
            version.jp,
            version.competency,
            version.settings.get("competency_code"),
        )
        decide(
            session,
            admin,
            approval,
            approve=True,
            jp=jp,
            competency=competency,
            competency_code=code,
        )


def pending_claim(session: Session, user_id: int) -> dict[int, str]:
    """The person's completed courses whose JP are not credited, by course id, with the
    status of the version they completed (``pending`` or ``declined``)."""
    rows = session.execute(_PENDING_CLAIMS, {"user_id": user_id})
    return {course_id: status for course_id, status in rows}


_PENDING_CLAIMS = (  # built once: every dashboard view asks
    sa.select(Enrolment.course_id, JpApproval.status)
    .join(JpApproval, JpApproval.version_id == Enrolment.completed_version_id)
    .where(
        Enrolment.user_id == sa.bindparam("user_id"),
        Enrolment.completed_at.is_not(None),
        not_yet_credited(),
    )
)
