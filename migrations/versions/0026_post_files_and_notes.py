"""Images on ideas and files as milestone evidence, progress notes on change projects,
and ideas that can be reported and hidden.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03 10:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "project_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_project_notes_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["change_projects.id"],
            name=op.f("fk_project_notes_project_id_change_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_notes")),
    )
    with op.batch_alter_table("project_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_notes_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "post_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=True),
        sa.Column("milestone_id", sa.Integer(), nullable=True),
        sa.Column("uploader_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("caption", sa.String(length=300), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(idea_id IS NULL) <> (milestone_id IS NULL)", name=op.f("ck_post_files_one_owner")
        ),
        sa.ForeignKeyConstraint(
            ["idea_id"], ["ideas.id"], name=op.f("fk_post_files_idea_id_ideas"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["milestone_id"],
            ["project_milestones.id"],
            name=op.f("fk_post_files_milestone_id_project_milestones"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploader_id"],
            ["users.id"],
            name=op.f("fk_post_files_uploader_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_files")),
    )
    with op.batch_alter_table("post_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_post_files_idea_id"), ["idea_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_post_files_milestone_id"), ["milestone_id"], unique=False
        )

    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("hidden_reason", sa.String(length=500), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("hidden_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_ideas_hidden_by_id_users"),
            "users",
            ["hidden_by_id"],
            ["id"],
            ondelete="SET NULL",
        )

    _reported_kinds(NEW_KINDS)


OLD_KINDS = "('question', 'answer', 'idea_comment')"
NEW_KINDS = "('question', 'answer', 'idea', 'idea_comment')"


def _reported_kinds(kinds: str) -> None:
    with op.batch_alter_table("post_reports", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_post_reports_known_kind"), type_="check")
        batch_op.create_check_constraint("known_kind", f"kind IN {kinds}")


def downgrade() -> None:
    op.execute("DELETE FROM post_reports WHERE kind = 'idea'")
    _reported_kinds(OLD_KINDS)
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_ideas_hidden_by_id_users"), type_="foreignkey")
        batch_op.drop_column("hidden_by_id")
        batch_op.drop_column("hidden_reason")
        batch_op.drop_column("hidden_at")

    with op.batch_alter_table("post_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_post_files_milestone_id"))
        batch_op.drop_index(batch_op.f("ix_post_files_idea_id"))

    op.drop_table("post_files")
    with op.batch_alter_table("project_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_notes_project_id"))

    op.drop_table("project_notes")
