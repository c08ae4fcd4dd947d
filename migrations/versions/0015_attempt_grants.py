"""Extra attempts at a quiz, given to one learner by a trainer or an admin.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 02:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attempt_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_attempt_grants_user_id_users"),
            nullable=False,
        ),
        sa.Column(
            "course_id",
            sa.Integer(),
            sa.ForeignKey(
                "courses.id", ondelete="CASCADE", name="fk_attempt_grants_course_id_courses"
            ),
            nullable=False,
        ),
        sa.Column("item_key", sa.String(100), nullable=False),
        sa.Column("extra", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column(
            "granted_by_id",
            sa.Integer(),
            sa.ForeignKey(
                "users.id", ondelete="SET NULL", name="fk_attempt_grants_granted_by_id_users"
            ),
        ),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_attempt_grants"),
    )
    op.create_index(
        "ix_attempt_grants_learner", "attempt_grants", ["user_id", "course_id", "item_key"]
    )


def downgrade() -> None:
    op.drop_index("ix_attempt_grants_learner", "attempt_grants")
    op.drop_table("attempt_grants")
