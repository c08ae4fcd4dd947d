"""JP compliance: each ASN's JP in a year, by competency, against the yearly target,
and the same summed by agency. One query for the people, one for the agencies."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.competencies import COMPETENCIES, MANAGERIAL_CODES
from elearn.models import Agency, JpCredit, User


@dataclass(frozen=True)
class PersonJp:
    user_id: int
    nip: str
    name: str
    position: str
    agency_id: int | None
    by_competency: dict[str, float]
    total: float
    by_code: dict[str, float]  # managerial JP by M.01-M.08 (part of "manajerial")


@dataclass
class AgencyJp:
    agency: Agency
    people: int = 0
    under: int = 0
    total: float = 0.0
    by_competency: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(COMPETENCIES, 0.0)
    )
    by_code: dict[str, float] = field(default_factory=lambda: dict.fromkeys(MANAGERIAL_CODES, 0.0))

    @property
    def average(self) -> float:
        return self.total / self.people if self.people else 0.0


def _per_person(year: int, agency_ids: set[int] | None) -> sa.Select:
    """Every active ASN (a user with a NIP) with their JP of ``year``: one row each."""

    def jp_where(condition):
        return sa.func.coalesce(sa.func.sum(sa.case((condition, JpCredit.jp), else_=0)), 0)

    sums = [jp_where(JpCredit.competency == c).label(c) for c in COMPETENCIES]
    sums += [jp_where(JpCredit.competency_code == code).label(code) for code in MANAGERIAL_CODES]
    total = sa.func.coalesce(sa.func.sum(JpCredit.jp), 0).label("total")
    statement = (
        sa.select(User.id, User.nip, User.full_name, User.position, User.agency_id, total, *sums)
        .outerjoin(JpCredit, sa.and_(JpCredit.user_id == User.id, JpCredit.year == year))
        .where(User.active.is_(True), User.nip.is_not(None))
        .group_by(User.id, User.nip, User.full_name, User.position, User.agency_id)
    )
    if agency_ids is not None:
        statement = statement.where(User.agency_id.in_(agency_ids))
    return statement


def people_jp(
    session: Session,
    year: int,
    agency_ids: set[int] | None,
    *,
    under: float | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[PersonJp]:
    """ASN with their JP of ``year``, fewest first: all of them, or those ``under`` a
    target, one page (``limit``, ``offset``) at a time, paged in SQL."""
    people = _per_person(year, agency_ids).subquery()
    statement = sa.select(people).order_by(people.c.total, people.c.full_name, people.c.id)
    if under is not None:
        statement = statement.where(people.c.total < under)
    statement = statement.limit(limit).offset(offset)
    return [
        PersonJp(
            row[0],
            row[1],
            row[2],
            row[3] or "",
            row[4],
            dict(zip(COMPETENCIES, (float(v) for v in row[6:9]), strict=True)),
            float(row[5]),
            dict(zip(MANAGERIAL_CODES, (float(v) for v in row[9:]), strict=True)),
        )
        for row in session.execute(statement)
    ]


def by_agency(
    session: Session,
    tree: list[tuple[int, Agency]],
    year: int,
    agency_ids: set[int] | None,
    target: float,
) -> list[AgencyJp]:
    """The people's JP summed per agency they belong to (not rolled up), tree order,
    summed in SQL: one row per agency, however many people."""
    people = _per_person(year, agency_ids).subquery()
    columns = [*COMPETENCIES, *MANAGERIAL_CODES]
    statement = sa.select(
        people.c.agency_id,
        sa.func.count(),
        sa.func.sum(sa.case((people.c.total < target, 1), else_=0)),
        sa.func.sum(people.c.total),
        *(sa.func.sum(people.c[name]) for name in columns),
    ).group_by(people.c.agency_id)
    rows = {agency.id: AgencyJp(agency) for _depth, agency in tree}
    for agency_id, count, under, total, *sums in session.execute(statement):
        row = rows.get(agency_id)
        if row is None:
            continue
        row.people, row.under, row.total = count, int(under or 0), float(total or 0)
        values = dict(zip(columns, (float(v or 0) for v in sums), strict=True))
        row.by_competency = {c: values[c] for c in COMPETENCIES}
        row.by_code = {code: values[code] for code in MANAGERIAL_CODES}
    return [rows[agency.id] for _depth, agency in tree if rows[agency.id].people]


def counts(session: Session, year: int, agency_ids: set[int] | None, target: float):
    """(ASN in the scope, of them under the target), counted in SQL."""
    people = _per_person(year, agency_ids).subquery()
    everyone, under = session.execute(
        sa.select(sa.func.count(), sa.func.sum(sa.case((people.c.total < target, 1), else_=0)))
    ).one()
    return everyone, int(under or 0)


@dataclass(frozen=True)
class Completions:
    course: str
    agency: str
    completed: int
    jp: float


def completions(
    session: Session, year: int, agency_ids: set[int] | None, names: dict[int, str]
) -> list[Completions]:
    """Courses completed in ``year``, by course and by the learner's agency, in one query
    (from the JP credited for them, so the numbers match the JP report)."""
    statement = (
        sa.select(
            JpCredit.title, User.agency_id, sa.func.count(JpCredit.id), sa.func.sum(JpCredit.jp)
        )
        .join(User, User.id == JpCredit.user_id)
        .where(JpCredit.year == year, JpCredit.course_id.is_not(None))
        .group_by(JpCredit.title, User.agency_id)
        .order_by(JpCredit.title, User.agency_id)
    )
    if agency_ids is not None:
        statement = statement.where(User.agency_id.in_(agency_ids))
    return [
        Completions(title, names.get(agency_id, "-"), count, float(jp))
        for title, agency_id, count, jp in session.execute(statement)
    ]
