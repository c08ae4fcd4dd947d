"""Mandatory courses, workplace learning (10:20:70) with its limits, and managerial
competency codes (M.01-M.08) on JP credits and training done elsewhere.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 20:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

KINDS = ("coaching", "mentoring", "penugasan")


def _user(column: str, table: str, nullable: bool = True, ondelete: str = "SET NULL"):
    return sa.Column(
        column,
        sa.Integer,
        sa.ForeignKey("users.id", ondelete=ondelete, name=f"fk_{table}_{column}_users"),
        nullable=nullable,
    )


def upgrade() -> None:
    op.create_table(
        "mandatory_courses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "course_id",
            sa.Integer,
            sa.ForeignKey(
                "courses.id", ondelete="CASCADE", name="fk_mandatory_courses_course_id_courses"
            ),
            nullable=False,
        ),
        sa.Column(
            "agency_id",
            sa.Integer,
            sa.ForeignKey(
                "agencies.id", ondelete="CASCADE", name="fk_mandatory_courses_agency_id_agencies"
            ),
            nullable=True,
        ),
        sa.Column("position", sa.String(200), nullable=True),
        sa.Column("due_date", sa.Date, nullable=False),
        _user("created_by_id", "mandatory_courses"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mandatory_courses"),
        sa.CheckConstraint(
            "agency_id IS NOT NULL OR position IS NOT NULL",
            name=op.f("ck_mandatory_courses_agency_or_position"),
        ),
    )
    op.create_index("ix_mandatory_courses_course_id", "mandatory_courses", ["course_id"])
    op.create_index("ix_mandatory_courses_agency_id", "mandatory_courses", ["agency_id"])

    op.create_table(
        "workplace_learning",
        sa.Column("id", sa.Integer, primary_key=True),
        _user("user_id", "workplace_learning", nullable=False, ondelete="CASCADE"),
        _user("supervisor_id", "workplace_learning"),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("partner", sa.String(200), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("jp", sa.Float, nullable=False),
        sa.Column("competency", sa.String(32), nullable=False),
        sa.Column("competency_code", sa.String(8), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("jp_credited", sa.Float, nullable=True),
        sa.Column("review_note", sa.Text, nullable=False),
        _user("reviewer_id", "workplace_learning"),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workplace_learning"),
        sa.CheckConstraint(f"kind IN {KINDS!r}", name=op.f("ck_workplace_learning_known_kind")),
    )
    op.create_index("ix_workplace_learning_user_id", "workplace_learning", ["user_id"])
    op.create_index(
        "ix_workplace_learning_supervisor_status",
        "workplace_learning",
        ["supervisor_id", "status"],
    )

    op.create_table(
        "workplace_limits",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("per_entry", sa.Float, nullable=False),
        sa.Column("per_year", sa.Float, nullable=False),
        _user("changed_by_id", "workplace_limits"),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", name="pk_workplace_limits"),
        sa.CheckConstraint(f"kind IN {KINDS!r}", name=op.f("ck_workplace_limits_known_kind")),
    )

    with op.batch_alter_table("jp_credits") as batch:
        batch.add_column(sa.Column("competency_code", sa.String(8), nullable=True))
        batch.add_column(sa.Column("workplace_id", sa.Integer, nullable=True))
        batch.create_foreign_key(
            "fk_jp_credits_workplace_id_workplace_learning",
            "workplace_learning",
            ["workplace_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_unique_constraint("uq_jp_credits_workplace_id", ["workplace_id"])
    with op.batch_alter_table("external_learning") as batch:
        batch.add_column(sa.Column("competency_code", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("external_learning") as batch:
        batch.drop_column("competency_code")
    with op.batch_alter_table("jp_credits") as batch:
        batch.drop_constraint("uq_jp_credits_workplace_id", type_="unique")
        batch.drop_constraint("fk_jp_credits_workplace_id_workplace_learning", type_="foreignkey")
        batch.drop_column("workplace_id")
        batch.drop_column("competency_code")
    op.drop_table("workplace_limits")
    op.drop_index("ix_workplace_learning_supervisor_status", "workplace_learning")
    op.drop_index("ix_workplace_learning_user_id", "workplace_learning")
    op.drop_table("workplace_learning")
    op.drop_index("ix_mandatory_courses_agency_id", "mandatory_courses")
    op.drop_index("ix_mandatory_courses_course_id", "mandatory_courses")
    op.drop_table("mandatory_courses")
