"""One-time activation codes, printed for ASN without e-mail (only their digest kept).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 02:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activation_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_activation_codes_user_id_users"),
            nullable=False,
        ),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column(
            "created_by_id",
            sa.Integer(),
            sa.ForeignKey(
                "users.id", ondelete="SET NULL", name="fk_activation_codes_created_by_id_users"
            ),
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_activation_codes"),
        sa.UniqueConstraint("digest", name="uq_activation_codes_digest"),
    )
    op.create_index("ix_activation_codes_user_id", "activation_codes", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_activation_codes_user_id", "activation_codes")
    op.drop_table("activation_codes")
