"""Saved absorption calculations: a learner keeps the figures of the calculator.

Revision ID: k0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "k0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "keuangan_calculations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_keuangan_calculations_user"),
            nullable=False,
        ),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_keuangan_calculations_user_id", "keuangan_calculations", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_keuangan_calculations_user_id", "keuangan_calculations")
    op.drop_table("keuangan_calculations")
