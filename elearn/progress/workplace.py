"""Workplace learning (the 20 and 70 of 10:20:70): an ASN logs coaching, mentoring or an
on-the-job assignment; their direct supervisor approves it, and its JP are credited to
the year it ended, within the limits an admin sets for each kind (per entry and per
year), or rejects it with a note the ASN reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.audit import Said, audit
from elearn.models import User, WorkplaceLearning, WorkplaceLimit
from elearn.models.workplace import KINDS
from elearn.progress.jp import credit_jp
from elearn.progress.reviews import close_review

KIND_LABELS = {
    "coaching": _l("coaching"),
    "mentoring": _l("mentoring"),
    "penugasan": _l("on-the-job assignment"),
}
assert set(KIND_LABELS) == set(KINDS)


@dataclass(frozen=True)
class Limit:
    per_entry: float
    per_year: float


# Until an admin sets them: a coaching or mentoring session of a few hours, an
# assignment of a couple of working days, and together at most the yearly target.
DEFAULT_LIMITS = {
    "coaching": Limit(per_entry=4, per_year=8),
    "mentoring": Limit(per_entry=4, per_year=8),
    "penugasan": Limit(per_entry=8, per_year=12),
}


class NoSupervisor(Exception):
    """The ASN has no direct supervisor to approve the log."""


class NotTheirs(Exception):
    """Only the direct supervisor the entry was sent to may review it."""


def limits(session: Session) -> dict[str, Limit]:
    stored = {row.kind: row for row in session.scalars(sa.select(WorkplaceLimit))}
    return {
        kind: Limit(stored[kind].per_entry, stored[kind].per_year)
        if kind in stored
        else DEFAULT_LIMITS[kind]
        for kind in KINDS
    }


def set_limits(session: Session, admin: User, wanted: dict[str, Limit]) -> None:
    for kind, limit in wanted.items():
        row = session.get(WorkplaceLimit, kind) or WorkplaceLimit(kind=kind)
        row.per_entry, row.per_year, row.changed_by_id = limit.per_entry, limit.per_year, admin.id
        session.add(row)
    values = {f"{kind}_entry": limit.per_entry for kind, limit in wanted.items()}
    values |= {f"{kind}_year": limit.per_year for kind, limit in wanted.items()}
    audit(session, admin, "workplace.limits", "workplace-limits", Said("workplace.limits", values))


def log_workplace(
    session: Session,
    user: User,
    *,
    kind: str,
    title: str,
    partner: str,
    description: str,
    start_date: date,
    end_date: date,
    jp: float,
    competency: str,
    competency_code: str | None = None,
) -> WorkplaceLearning:
    """Record an entry for the user's direct supervisor to review."""
    if user.supervisor_id is None:
        raise NoSupervisor
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    entry = WorkplaceLearning(
        user_id=user.id,
        supervisor_id=user.supervisor_id,
        kind=kind,
        title=title,
        partner=partner,
        description=description,
        start_date=start_date,
        end_date=end_date,
        jp=jp,
        competency=competency,
        competency_code=competency_code,
        status="pending",
        review_note="",
    )
    session.add(entry)
    session.flush()
    return entry


def credited_by_kind(session: Session, user_ids: set[int]) -> dict[tuple[int, str, int], float]:
    """JP already credited from approved entries, by (person, kind, year), in one query."""
    if not user_ids:
        return {}
    year = sa.extract("year", WorkplaceLearning.end_date)
    rows = session.execute(
        sa.select(
            WorkplaceLearning.user_id,
            WorkplaceLearning.kind,
            year,
            sa.func.sum(WorkplaceLearning.jp_credited),
        )
        .where(WorkplaceLearning.user_id.in_(user_ids), WorkplaceLearning.status == "approved")
        .group_by(WorkplaceLearning.user_id, WorkplaceLearning.kind, year)
    )
    return {(user_id, kind, int(y)): float(jp or 0) for user_id, kind, y, jp in rows}


def allowances(session: Session, user_id: int, year: int) -> dict[str, float]:
    """The JP one more entry of each kind ending in ``year`` may still ask for: the
    per-entry limit, or what is left of the yearly one after the JP credited and those
    waiting for approval (so the ASN learns it when logging, not at approval)."""
    taken = {
        kind: jp for (_, kind, y), jp in credited_by_kind(session, {user_id}).items() if y == year
    }
    waiting = session.execute(
        sa.select(WorkplaceLearning.kind, sa.func.sum(WorkplaceLearning.jp))
        .where(
            WorkplaceLearning.user_id == user_id,
            WorkplaceLearning.status == "pending",
            sa.extract("year", WorkplaceLearning.end_date) == year,
        )
        .group_by(WorkplaceLearning.kind)
    )
    for kind, jp in waiting:
        taken[kind] = taken.get(kind, 0.0) + float(jp or 0)
    return {
        kind: max(0.0, min(limit.per_entry, limit.per_year - taken.get(kind, 0.0)))
        for kind, limit in limits(session).items()
    }


def creditable(entry: WorkplaceLearning, limit: Limit, credited: float) -> float:
    """What approving ``entry`` would credit: its JP, at most the per-entry limit and
    what is left of the kind's yearly limit."""
    return max(0.0, min(entry.jp, limit.per_entry, limit.per_year - credited))


def review(
    session: Session, reviewer: User, entry: WorkplaceLearning, approved: bool, note: str = ""
) -> float:
    """Approve (crediting what the limits allow) or reject a pending entry, once, by the
    supervisor it was sent to. Returns the JP credited; the caller commits."""
    if entry.supervisor_id != reviewer.id:
        raise NotTheirs
    already = credited_by_kind(session, {entry.user_id}) if approved else {}
    close_review(entry, reviewer, "approved" if approved else "rejected", note)
    credit = 0.0
    if approved:
        year = entry.end_date.year
        credit = creditable(
            entry, limits(session)[entry.kind], already.get((entry.user_id, entry.kind, year), 0)
        )
        entry.jp_credited = credit
        if credit > 0:
            credit_jp(
                session,
                user_id=entry.user_id,
                workplace_id=entry.id,
                year=year,
                jp=credit,
                competency=entry.competency,
                competency_code=entry.competency_code,
                title=f"{KIND_LABELS[entry.kind]}: {entry.title}",
            )
    audit(
        session,
        reviewer,
        "workplace.approve" if approved else "workplace.reject",
        f"workplace:{entry.id}",
        Said(
            "workplace.approved" if approved else "workplace",
            {"kind": entry.kind, "title": entry.title, "jp": entry.jp}
            | ({"credited": credit} if approved else {}),
            note,
        ),
    )
    return credit
