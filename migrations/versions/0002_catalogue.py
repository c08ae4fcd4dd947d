"""Catalogue: courses, versions, items, questions, assets.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:33:27.454393
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assets",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_assets")),
    )
    op.create_table(
        "courses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_courses")),
        sa.UniqueConstraint("key", name=op.f("uq_courses_key")),
    )
    op.create_table(
        "course_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("course_type", sa.String(length=64), nullable=False),
        sa.Column("competency", sa.String(length=32), nullable=False),
        sa.Column("jp", sa.Float(), nullable=False),
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("settings", JSON, nullable=False),
        sa.Column("description_html", sa.Text(), nullable=False),
        sa.Column("source_zip", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_course_versions_course_id_courses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_course_versions_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_versions")),
        sa.UniqueConstraint("course_id", "number", name=op.f("uq_course_versions_course_id")),
    )
    op.create_table(
        "course_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("module", sa.String(length=300), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("settings", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["course_versions.id"],
            name=op.f("fk_course_items_version_id_course_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_items")),
        sa.UniqueConstraint("version_id", "key", name=op.f("uq_course_items_version_id")),
    )
    with op.batch_alter_table("course_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_course_items_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "version_assets",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["assets.sha256"],
            name=op.f("fk_version_assets_sha256_assets"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["course_versions.id"],
            name=op.f("fk_version_assets_version_id_course_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "path", name=op.f("pk_version_assets")),
    )
    with op.batch_alter_table("version_assets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_version_assets_sha256"), ["sha256"], unique=False)

    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("pool", sa.String(length=100), nullable=True),
        sa.Column("prompt_html", sa.Text(), nullable=False),
        sa.Column("public", JSON, nullable=False),
        sa.Column("answer_key", JSON, nullable=False),
        sa.Column("feedback", JSON, nullable=False),
        sa.Column("source", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["course_items.id"],
            name=op.f("fk_questions_item_id_course_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
        sa.UniqueConstraint("item_id", "key", name=op.f("uq_questions_item_id")),
    )
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_questions_item_id"), ["item_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_questions_item_id"))

    op.drop_table("questions")
    with op.batch_alter_table("version_assets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_version_assets_sha256"))

    op.drop_table("version_assets")
    with op.batch_alter_table("course_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_items_version_id"))

    op.drop_table("course_items")
    op.drop_table("course_versions")
    op.drop_table("courses")
    op.drop_table("assets")
