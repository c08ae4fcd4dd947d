"""Mandatory courses: who each assignment applies to (an agency with the agencies under
it, a position, or both) and where each person stands against its due date. The
dashboard asks for one person, the report for everyone in a scope, each in a bounded
number of queries: assignments are few, people many, so people are matched in Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.accounts.agencies import load_agency_tree, within
from elearn.content.published import PublishedVersion, newest_versions
from elearn.models import Agency, Enrolment, MandatoryCourse, User
from elearn.models.types import LOCAL_TIME, aware, utcnow

# done: completed by the due date; late: completed after it; overdue: not completed and
# past it; open: not completed, not yet due.
STATES = ("done", "late", "overdue", "open")


def normal_position(position: str | None) -> str:
    return " ".join((position or "").split()).casefold()


@dataclass(frozen=True)
class Duty:
    """One person's obligation to complete one course by a date."""

    course_id: int
    course_key: str
    title: str
    due: date
    enrolled: bool
    completed_on: date | None
    state: str


def today() -> date:
    return utcnow().astimezone(LOCAL_TIME).date()


def state_of(due: date, completed_on: date | None, now: date) -> str:
    if completed_on is not None:
        return "done" if completed_on <= due else "late"
    return "overdue" if now > due else "open"


class Assignments:
    """Every assignment, with the agencies each one covers, ready to match people."""

    def __init__(self, session: Session):
        self.rows = list(
            session.scalars(
                sa.select(MandatoryCourse).order_by(MandatoryCourse.due_date, MandatoryCourse.id)
            )
        )
        wanted = any(row.agency_id for row in self.rows)  # no agency tree to walk otherwise
        tree = load_agency_tree(session) if wanted else []
        self.covered = {
            row.id: within(tree, row.agency_id) if row.agency_id else None for row in self.rows
        }

    def due_dates(self, agency_id: int | None, position: str | None) -> dict[int, date]:
        """The courses that apply to someone in ``agency_id`` holding ``position``, each
        with its earliest due date."""
        rows = [
            row
            for row in self.rows
            if self.covered[row.id] is None or agency_id in self.covered[row.id]
        ]
        return earliest(rows, position)


def earliest(rows: list[MandatoryCourse] | list[tuple], position: str | None) -> dict[int, date]:
    """Of assignments that cover someone's agency, those of their position: each course
    with its earliest due date."""
    wanted = normal_position(position)
    found: dict[int, date] = {}
    for row in rows:
        if row.position is not None and normal_position(row.position) != wanted:
            continue
        if row.course_id not in found or row.due_date < found[row.course_id]:
            found[row.course_id] = row.due_date
    return found


def assigned_to_chain() -> sa.Select:
    """The course, due date and position of each assignment for everyone or for the
    agency bound as ``agency_id`` or one above it (the agency chain is walked in SQL, so
    a page costs the same in a city as in a country), unordered: a part of the statement
    a learner's page asks its questions in (``elearn.lookups.Together``), whose rows
    ``earliest`` reads. Built once per statement: building the recursive statement was
    most of a dashboard's SQL time."""
    chain = (
        sa.select(Agency.id, Agency.parent_id)
        .where(Agency.id == sa.bindparam("agency_id", 0))
        .cte("chain", recursive=True)
    )
    chain = chain.union_all(
        sa.select(Agency.id, Agency.parent_id).join(chain, Agency.id == chain.c.parent_id)
    )
    return sa.select(
        MandatoryCourse.course_id, MandatoryCourse.due_date, MandatoryCourse.position
    ).where(
        sa.or_(
            MandatoryCourse.agency_id.is_(None),
            MandatoryCourse.agency_id.in_(sa.select(chain.c.id)),
        )
    )


def _completed_on(moment: datetime | None) -> date | None:
    return aware(moment).astimezone(LOCAL_TIME).date() if moment else None


def duties_of(
    session: Session,
    due: dict[int, date],
    enrolments: dict[int, Enrolment],
    known: dict[int, PublishedVersion],
) -> list[Duty]:
    """One person's mandatory courses, soonest due first, completed ones last, from
    their due dates (``earliest`` of ``assigned_to_chain``), all their enrolments by
    course and the newest versions of those courses (the dashboard has them); the
    versions of the courses they have not enrolled in are read here."""
    if not due:
        return []
    versions = {c: known[c] for c in due if c in known}
    versions |= newest_versions(session, set(due) - set(known))
    now = today()
    duties = [
        _duty(
            versions[course_id],
            due_date,
            course_id in enrolments,
            enrolments[course_id].completed_at if course_id in enrolments else None,
            now,
        )
        for course_id, due_date in due.items()
        if course_id in versions
    ]
    return sorted(duties, key=lambda d: (d.state in ("done", "late"), d.due, d.title))


def _duty(
    version: PublishedVersion, due: date, enrolled: bool, completed_at: datetime | None, now: date
) -> Duty:
    completed = _completed_on(completed_at)
    return Duty(
        version.course_id,
        version.course.key,
        version.title,
        due,
        enrolled,
        completed,
        state_of(due, completed, now),
    )


@dataclass(frozen=True)
class PersonDuty:
    user_id: int
    nip: str
    name: str
    agency_id: int | None
    position: str
    duty: Duty


def everyone(
    session: Session, agency_ids: set[int] | None, supervisor_id: int | None = None
) -> list[PersonDuty]:
    """Each active ASN's mandatory courses in the scope (agencies, or one supervisor's
    team): a fixed number of queries at any size."""
    assignments = Assignments(session)
    if not assignments.rows:
        return []
    people = sa.select(User.id, User.nip, User.full_name, User.agency_id, User.position).where(
        User.active.is_(True), User.nip.is_not(None)
    )
    if agency_ids is not None:
        people = people.where(User.agency_id.in_(agency_ids))
    if supervisor_id is not None:
        people = people.where(User.supervisor_id == supervisor_id)
    course_ids = {row.course_id for row in assignments.rows}
    versions = newest_versions(session, course_ids)
    enrolments = {
        (user_id, course_id): completed
        for user_id, course_id, completed in session.execute(
            sa.select(Enrolment.user_id, Enrolment.course_id, Enrolment.completed_at).where(
                Enrolment.course_id.in_(course_ids)
            )
        )
    }
    now = today()
    found = []
    for user_id, nip, name, agency_id, position in session.execute(people.order_by(User.full_name)):
        for course_id, due_date in assignments.due_dates(agency_id, position).items():
            if course_id not in versions:
                continue
            key = (user_id, course_id)
            duty = _duty(versions[course_id], due_date, key in enrolments, enrolments.get(key), now)
            found.append(PersonDuty(user_id, nip, name, agency_id, position or "", duty))
    return found
