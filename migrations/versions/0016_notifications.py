"""Notifications under the bell, how each person wants them by e-mail, and an index of
the attempts waiting for a grade (the trainers' menu counts them).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 02:20:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_notifications_user_id_users"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("params", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("link", sa.String(500), nullable=True),
        sa.Column("once_key", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("mailed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_notifications"),
        sa.UniqueConstraint("user_id", "once_key", name="uq_notifications_user_id"),
    )
    op.create_index("ix_notifications_user_unread", "notifications", ["user_id", "read_at"])
    op.create_index("ix_notifications_unmailed", "notifications", ["mailed_at", "created_at"])
    op.create_index(
        "ix_attempts_waiting",
        "attempts",
        ["course_id"],
        sqlite_where=sa.text("pending"),
        postgresql_where=sa.text("pending"),
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("notify_email", sa.String(8), nullable=False, server_default="now")
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("notify_email")
    op.drop_index("ix_attempts_waiting", "attempts")
    op.drop_index("ix_notifications_unmailed", "notifications")
    op.drop_index("ix_notifications_user_unread", "notifications")
    op.drop_table("notifications")
