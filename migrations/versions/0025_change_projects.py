"""Change projects (proyek perubahan, aktualisasi) and their milestones.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03 08:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=True),
        sa.Column("idea_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("team", sa.String(length=500), nullable=False),
        sa.Column("coach", sa.String(length=200), nullable=False),
        sa.Column("final_report", sa.Text(), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("workplace_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["idea_id"],
            ["ideas.id"],
            name=op.f("fk_change_projects_idea_id_ideas"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"],
            ["users.id"],
            name=op.f("fk_change_projects_mentor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_change_projects_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workplace_id"],
            ["workplace_learning.id"],
            name=op.f("fk_change_projects_workplace_id_workplace_learning"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_projects")),
        sa.UniqueConstraint("workplace_id", name=op.f("uq_change_projects_workplace_id")),
    )
    with op.batch_alter_table("change_projects", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_change_projects_mentor_id"), ["mentor_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_change_projects_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "project_milestones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_note", sa.String(length=1000), nullable=False),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('rencana', 'diajukan', 'disetujui', 'ditolak')",
            name=op.f("ck_project_milestones_known_status"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["change_projects.id"],
            name=op.f("fk_project_milestones_project_id_change_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["users.id"],
            name=op.f("fk_project_milestones_reviewed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_milestones")),
    )
    with op.batch_alter_table("project_milestones", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_milestones_project_id"), ["project_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("project_milestones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_milestones_project_id"))

    op.drop_table("project_milestones")
    with op.batch_alter_table("change_projects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_projects_owner_id"))
        batch_op.drop_index(batch_op.f("ix_change_projects_mentor_id"))

    op.drop_table("change_projects")
