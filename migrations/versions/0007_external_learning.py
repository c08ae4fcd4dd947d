"""Training done elsewhere, verified by an admin, credited as JP.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 16:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "external_learning",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey(
                "users.id", ondelete="CASCADE", name="fk_external_learning_user_id_users"
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("organiser", sa.String(300), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("jp", sa.Float, nullable=False),
        sa.Column("competency", sa.String(32), nullable=False),
        sa.Column("certificate_number", sa.String(100), nullable=False),
        sa.Column("certificate_pdf", sa.LargeBinary, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("review_note", sa.Text, nullable=False),
        sa.Column(
            "reviewer_id",
            sa.Integer,
            sa.ForeignKey(
                "users.id", ondelete="SET NULL", name="fk_external_learning_reviewer_id_users"
            ),
            nullable=True,
        ),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_external_learning"),
    )
    op.create_index("ix_external_learning_user_id", "external_learning", ["user_id"])
    op.create_index("ix_external_learning_status", "external_learning", ["status", "created_at"])
    with op.batch_alter_table("jp_credits") as batch:
        batch.add_column(sa.Column("external_id", sa.Integer, nullable=True))
        batch.create_foreign_key(
            "fk_jp_credits_external_id_external_learning",
            "external_learning",
            ["external_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_unique_constraint("uq_jp_credits_external_id", ["external_id"])


def downgrade() -> None:
    with op.batch_alter_table("jp_credits") as batch:
        batch.drop_constraint("uq_jp_credits_external_id", type_="unique")
        batch.drop_constraint("fk_jp_credits_external_id_external_learning", type_="foreignkey")
        batch.drop_column("external_id")
    op.drop_index("ix_external_learning_status", "external_learning")
    op.drop_index("ix_external_learning_user_id", "external_learning")
    op.drop_table("external_learning")
