"""Training done elsewhere: an ASN records it with its certificate; an admin verifies
it (its JP then count toward the year in which it ended) or rejects it with a reason."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from elearn.audit import Said, audit
from elearn.models import ExternalLearning, User
from elearn.notifications import notify, notify_admins
from elearn.progress.jp import credit_jp
from elearn.progress.reviews import close_review


def record_external(
    session: Session,
    user: User,
    *,
    title: str,
    organiser: str,
    start_date: date,
    end_date: date,
    jp: float,
    competency: str,
    certificate_number: str,
    certificate_pdf: bytes,
    competency_code: str | None = None,
) -> ExternalLearning:
    entry = ExternalLearning(
        user_id=user.id,
        title=title,
        organiser=organiser,
        start_date=start_date,
        end_date=end_date,
        jp=jp,
        competency=competency,
        competency_code=competency_code,
        certificate_number=certificate_number,
        certificate_pdf=certificate_pdf,
        status="pending",
        review_note="",
    )
    session.add(entry)
    session.flush()
    notify_admins(
        session, "external.submitted", "admin.external_queue", learner=user.full_name, title=title
    )
    return entry


def review(
    session: Session, reviewer: User, entry: ExternalLearning, verified: bool, note: str = ""
) -> None:
    """Verify (crediting its JP) or reject a pending record, once. The caller commits."""
    close_review(entry, reviewer, "verified" if verified else "rejected", note)
    audit(
        session,
        reviewer,
        "external.verify" if verified else "external.reject",
        f"external:{entry.id}",
        Said("external", {"title": entry.title, "jp": entry.jp}, note),
    )
    notify(
        session,
        session.get(User, entry.user_id),
        "external.verified" if verified else "external.rejected",
        "learn.external_learning",
        title=entry.title,
        jp=entry.jp,
        note=note,
    )
    if verified:
        credit_jp(
            session,
            user_id=entry.user_id,
            external_id=entry.id,
            year=entry.end_date.year,
            jp=entry.jp,
            competency=entry.competency,
            competency_code=entry.competency_code,
            title=entry.title,
        )
