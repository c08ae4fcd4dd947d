"""Jobs run after the commit (certificate PDFs, e-mail, exports); a certificate's PDF is
rendered by a job, so it may be missing for the moments before that job has run.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 23:30:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("run_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("users.id", ondelete="SET NULL", name="fk_jobs_user_id_users"),
            nullable=True,
        ),
        sa.Column("result_name", sa.String(200), nullable=True),
        sa.Column("result", sa.LargeBinary, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_jobs"),
    )
    op.create_index("ix_jobs_state_run_after", "jobs", ["state", "run_after"])
    op.create_index("ix_jobs_user_id", "jobs", ["user_id"])
    with op.batch_alter_table("certificates") as batch:
        batch.alter_column("pdf", existing_type=sa.LargeBinary, nullable=True)
        batch.alter_column("pdf_sha256", existing_type=sa.String(64), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("certificates") as batch:
        batch.alter_column("pdf_sha256", existing_type=sa.String(64), nullable=False)
        batch.alter_column("pdf", existing_type=sa.LargeBinary, nullable=False)
    op.drop_index("ix_jobs_user_id", "jobs")
    op.drop_index("ix_jobs_state_run_after", "jobs")
    op.drop_table("jobs")
