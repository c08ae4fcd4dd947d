"""The audit log's summaries as a message key and values, read in the reader's language.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 05:40:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as table:
        table.add_column(
            sa.Column("details", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as table:
        table.drop_column("details")
