"""The agency tree (a city's government, its offices, their units): every agency with
its depth, parents first, and the agencies under one. Admin pages, mandatory courses
and reports all walk it."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.models import Agency


def agency_tree(agencies: list[Agency]) -> list[tuple[int, Agency]]:
    """The agencies with their depth, parents before their children, by name."""
    children: dict[int | None, list[Agency]] = {}
    for agency in agencies:
        children.setdefault(agency.parent_id, []).append(agency)
    ordered: list[tuple[int, Agency]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for agency in children.get(parent_id, []):
            ordered.append((depth, agency))
            walk(agency.id, depth + 1)

    walk(None, 0)
    return ordered


def load_agency_tree(session: Session) -> list[tuple[int, Agency]]:
    """Every agency with its depth, in tree order (agencies are few: one query)."""
    return agency_tree(list(session.scalars(sa.select(Agency).order_by(Agency.name))))


def within(tree: list[tuple[int, Agency]], agency_id: int) -> set[int]:
    """The agency and every agency under it."""
    found = {agency_id}
    for _depth, agency in tree:  # parents come before children
        if agency.parent_id in found:
            found.add(agency.id)
    return found
