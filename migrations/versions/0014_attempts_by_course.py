"""Attempts by course and quiz: the course report and the item analysis read a course's
attempts without naming a learner, and scanned the whole table.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 01:15:00
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_attempts_course_item", "attempts", ["course_id", "item_key"])


def downgrade() -> None:
    op.drop_index("ix_attempts_course_item", "attempts")
