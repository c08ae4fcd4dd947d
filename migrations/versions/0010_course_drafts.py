"""Course drafts: the working copy trainers edit in the browser before publishing.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "course_drafts",
        sa.Column(
            "course_id",
            sa.Integer,
            sa.ForeignKey(
                "courses.id", ondelete="CASCADE", name="fk_course_drafts_course_id_courses"
            ),
            nullable=False,
        ),
        sa.Column("source_zip", sa.LargeBinary, nullable=False),
        sa.Column(
            "base_version_id",
            sa.Integer,
            sa.ForeignKey(
                "course_versions.id",
                ondelete="SET NULL",
                name="fk_course_drafts_base_version_id_course_versions",
            ),
            nullable=True,
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "updated_by_id",
            sa.Integer,
            sa.ForeignKey(
                "users.id", ondelete="SET NULL", name="fk_course_drafts_updated_by_id_users"
            ),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("course_id", name="pk_course_drafts"),
    )


def downgrade() -> None:
    op.drop_table("course_drafts")
