"""JP approvals: each course version's claimed JP waits for BKPSDM's approval; an
enrolment remembers the version it completed.

Versions published before approvals existed keep the JP they have been credited with:
they are recorded as approved, by no one.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jp_approvals",
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey(
                "course_versions.id",
                ondelete="CASCADE",
                name="fk_jp_approvals_version_id_course_versions",
            ),
            nullable=False,
        ),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("jp", sa.Float, nullable=True),
        sa.Column("competency", sa.String(32), nullable=True),
        sa.Column("competency_code", sa.String(8), nullable=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column(
            "decided_by_id",
            sa.Integer,
            sa.ForeignKey(
                "users.id", ondelete="SET NULL", name="fk_jp_approvals_decided_by_id_users"
            ),
            nullable=True,
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "carried_from_id",
            sa.Integer,
            sa.ForeignKey(
                "course_versions.id",
                ondelete="SET NULL",
                name="fk_jp_approvals_carried_from_id_course_versions",
            ),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version_id", name="pk_jp_approvals"),
    )
    op.create_index("ix_jp_approvals_status", "jp_approvals", ["status"])
    with op.batch_alter_table("enrolments") as batch:
        batch.add_column(sa.Column("completed_version_id", sa.Integer, nullable=True))
        batch.create_foreign_key(
            "fk_enrolments_completed_version_id_course_versions",
            "course_versions",
            ["completed_version_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.execute(
        """
        INSERT INTO jp_approvals (version_id, status, jp, competency, note, decided_at,
                                  created_at)
        SELECT id, 'approved', jp, competency, '', created_at, created_at
        FROM course_versions
        """
    )
    bind = op.get_bind()
    versions = sa.table("course_versions", sa.column("id"), sa.column("settings", sa.JSON))
    approvals = sa.table("jp_approvals", sa.column("version_id"), sa.column("competency_code"))
    for version_id, settings in bind.execute(sa.select(versions.c.id, versions.c.settings)):
        code = (settings or {}).get("competency_code")
        if code:
            bind.execute(
                approvals.update()
                .where(approvals.c.version_id == version_id)
                .values(competency_code=code)
            )
    op.execute(
        """
        UPDATE enrolments SET completed_version_id = COALESCE(
            (SELECT jp_credits.version_id FROM jp_credits
             WHERE jp_credits.user_id = enrolments.user_id
               AND jp_credits.course_id = enrolments.course_id),
            enrolments.version_id)
        WHERE completed_at IS NOT NULL
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("enrolments") as batch:
        batch.drop_constraint("fk_enrolments_completed_version_id_course_versions", "foreignkey")
        batch.drop_column("completed_version_id")
    op.drop_index("ix_jp_approvals_status", "jp_approvals")
    op.drop_table("jp_approvals")
