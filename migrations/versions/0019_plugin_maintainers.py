"""University partners linked to the plugins they maintain (``elearn/partner``).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 05:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plugin_maintainers",
        sa.Column("plugin_name", sa.String(100), nullable=False),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey(
                "users.id", ondelete="CASCADE", name="fk_plugin_maintainers_user_id_users"
            ),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("plugin_name", "user_id", name="pk_plugin_maintainers"),
    )
    op.create_index("ix_plugin_maintainers_user_id", "plugin_maintainers", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_plugin_maintainers_user_id", "plugin_maintainers")
    op.drop_table("plugin_maintainers")
