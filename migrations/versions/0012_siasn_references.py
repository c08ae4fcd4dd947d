"""SIASN in the shape SIASN takes: each account's BKN id (pnsOrangId) and the BKN
reference ids BKPSDM sets for the export.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 19:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("siasn_id", sa.String(64), nullable=True))
    op.create_table(
        "siasn_references",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.String(100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "updated_by_id",
            sa.Integer,
            sa.ForeignKey(
                "users.id", ondelete="SET NULL", name="fk_siasn_references_updated_by_id_users"
            ),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("key", name="pk_siasn_references"),
    )


def downgrade() -> None:
    op.drop_table("siasn_references")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("siasn_id")
