"""Course discussions (questions, answers, followers), reports of posts, and hiding a
post by a moderator (also for the idea board's comments).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03 08:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "course_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=100), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("accepted_answer_id", sa.Integer(), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hidden_reason", sa.String(length=500), nullable=False),
        sa.Column("hidden_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_course_questions_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_course_questions_course_id_courses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hidden_by_id"],
            ["users.id"],
            name=op.f("fk_course_questions_hidden_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_questions")),
    )
    with op.batch_alter_table("course_questions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_course_questions_course_activity", ["course_id", "last_activity_at"], unique=False
        )

    op.create_table(
        "post_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('question', 'answer', 'idea_comment')",
            name=op.f("ck_post_reports_known_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["users.id"],
            name=op.f("fk_post_reports_reporter_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["users.id"],
            name=op.f("fk_post_reports_resolved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_reports")),
        sa.UniqueConstraint("kind", "post_id", "reporter_id", name=op.f("uq_post_reports_kind")),
    )
    with op.batch_alter_table("post_reports", schema=None) as batch_op:
        batch_op.create_index("ix_post_reports_open", ["resolved_at", "kind"], unique=False)

    op.create_table(
        "course_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hidden_reason", sa.String(length=500), nullable=False),
        sa.Column("hidden_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_course_answers_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["hidden_by_id"],
            ["users.id"],
            name=op.f("fk_course_answers_hidden_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["course_questions.id"],
            name=op.f("fk_course_answers_question_id_course_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_answers")),
    )
    with op.batch_alter_table("course_answers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_course_answers_question_created", ["question_id", "created_at"], unique=False
        )

    op.create_table(
        "question_followers",
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["course_questions.id"],
            name=op.f("fk_question_followers_question_id_course_questions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_question_followers_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("question_id", "user_id", name=op.f("pk_question_followers")),
    )
    with op.batch_alter_table("question_followers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_question_followers_user_id"), ["user_id"], unique=False
        )

    with op.batch_alter_table("idea_comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("hidden_reason", sa.String(length=500), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("hidden_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_idea_comments_hidden_by_id_users"),
            "users",
            ["hidden_by_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("idea_comments", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_idea_comments_hidden_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("hidden_by_id")
        batch_op.drop_column("hidden_reason")
        batch_op.drop_column("hidden_at")

    with op.batch_alter_table("question_followers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_followers_user_id"))

    op.drop_table("question_followers")
    with op.batch_alter_table("course_answers", schema=None) as batch_op:
        batch_op.drop_index("ix_course_answers_question_created")

    op.drop_table("course_answers")
    with op.batch_alter_table("post_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_post_reports_open")

    op.drop_table("post_reports")
    with op.batch_alter_table("course_questions", schema=None) as batch_op:
        batch_op.drop_index("ix_course_questions_course_activity")

    op.drop_table("course_questions")
