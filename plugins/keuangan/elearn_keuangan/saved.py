"""Calculations a learner keeps (the plugin's own table, created by its own Alembic
lineage in ``migrations/versions``): the calculator's figures under a name, to open
again or delete. Each learner sees only their own."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

import sqlalchemy as sa

metadata = sa.MetaData()
calculations = sa.Table(
    "keuangan_calculations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, nullable=False),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("query", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
FIELDS = ("uraian", "pagu", "realisasi")


def figures_query(args, rows: int) -> str:
    """The calculator's own fields of ``args`` (nothing else), as a query string."""
    keep = [
        (f"{field}-{number}", args.get(f"{field}-{number}", ""))
        for number in range(1, rows + 1)
        for field in FIELDS
    ]
    return urlencode([(key, value) for key, value in keep if value.strip()])


def save(session, user_id: int, name: str, query: str) -> None:
    session.execute(
        calculations.insert().values(
            user_id=user_id, name=name, query=query, created_at=datetime.now(UTC)
        )
    )
    session.commit()


def of_user(session, user_id: int) -> list:
    return session.execute(
        sa.select(calculations)
        .where(calculations.c.user_id == user_id)
        .order_by(calculations.c.created_at.desc(), calculations.c.id.desc())
    ).all()


def delete(session, user_id: int, calculation_id: int) -> bool:
    """Delete one of the user's own calculations; False when there is none of theirs."""
    result = session.execute(
        calculations.delete().where(
            calculations.c.id == calculation_id, calculations.c.user_id == user_id
        )
    )
    session.commit()
    return result.rowcount == 1
