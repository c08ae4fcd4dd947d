"""Each ASN's direct supervisor (atasan langsung), set by the account import.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 16:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("supervisor_id", sa.Integer, nullable=True))
        batch.create_foreign_key(
            "fk_users_supervisor_id_users", "users", ["supervisor_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_users_supervisor_id", ["supervisor_id"])


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_index("ix_users_supervisor_id")
        batch.drop_constraint("fk_users_supervisor_id_users", type_="foreignkey")
        batch.drop_column("supervisor_id")
