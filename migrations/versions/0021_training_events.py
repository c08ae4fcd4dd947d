"""Seminars, workshops and other events (``elearn/kegiatan``): events, their sessions,
speakers, organising and audience agencies, registrations, attendance, calendar feeds;
JP credits and certificates that come from an event.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 07:40:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# JSON, and JSONB on PostgreSQL, as the models declare it (elearn.models.types)
JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_feeds",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_calendar_feeds_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_calendar_feeds")),
        sa.UniqueConstraint("token", name=op.f("uq_calendar_feeds_token")),
    )
    op.create_table(
        "training_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("institution", sa.String(length=200), nullable=False),
        sa.Column("competency", sa.String(length=32), nullable=False),
        sa.Column("competency_code", sa.String(length=8), nullable=True),
        sa.Column("jp_claimed", sa.Float(), nullable=False),
        sa.Column("jp_status", sa.String(length=16), nullable=False),
        sa.Column("jp_approved", sa.Float(), nullable=True),
        sa.Column("jp_note", sa.Text(), nullable=False),
        sa.Column("jp_decided_by_id", sa.Integer(), nullable=True),
        sa.Column("jp_decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("open_to_all", sa.Boolean(), nullable=False),
        sa.Column("audience_positions", sa.String(length=500), nullable=False),
        sa.Column("needs_supervisor", sa.Boolean(), nullable=False),
        sa.Column("registration_opens_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("registration_closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancel_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("evaluation_required", sa.Boolean(), nullable=False),
        sa.Column("test_source", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("pre_test", sa.Boolean(), nullable=False),
        sa.Column("post_test_required", sa.Boolean(), nullable=False),
        sa.Column("time_zone", sa.String(length=32), nullable=False),
        sa.Column("attendance_percent", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('seminar', 'lokakarya', 'klasikal', 'webinar', 'bimtek', 'forum_inovasi')",
            name=op.f("ck_training_events_known_kind"),
        ),
        sa.CheckConstraint(
            "state IN ('draft', 'published', 'cancelled')",
            name=op.f("ck_training_events_known_state"),
        ),
        sa.CheckConstraint("capacity > 0", name=op.f("ck_training_events_positive_capacity")),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_training_events_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["jp_decided_by_id"],
            ["users.id"],
            name=op.f("fk_training_events_jp_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_events")),
    )
    with op.batch_alter_table("training_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_events_created_by_id"), ["created_by_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_events_jp_status"), ["jp_status"], unique=False
        )
        batch_op.create_index(
            "ix_training_events_state_starts", ["state", "starts_at"], unique=False
        )

    op.create_table(
        "event_audience",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_event_audience_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["training_events.id"],
            name=op.f("fk_event_audience_event_id_training_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "agency_id", name=op.f("pk_event_audience")),
    )
    op.create_table(
        "event_organisers",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_event_organisers_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["training_events.id"],
            name=op.f("fk_event_organisers_event_id_training_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "agency_id", name=op.f("pk_event_organisers")),
    )
    with op.batch_alter_table("event_organisers", schema=None) as batch_op:
        batch_op.create_index("ix_event_organisers_agency_id", ["agency_id"], unique=False)

    op.create_table(
        "event_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("supervisor_id", sa.Integer(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decision_note", sa.String(length=500), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("evaluated", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('awaiting', 'registered', 'waiting', 'cancelled', 'declined')",
            name=op.f("ck_event_registrations_known_status"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_event_registrations_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["training_events.id"],
            name=op.f("fk_event_registrations_event_id_training_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["supervisor_id"],
            ["users.id"],
            name=op.f("fk_event_registrations_supervisor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_event_registrations_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_registrations")),
        sa.UniqueConstraint("event_id", "user_id", name=op.f("uq_event_registrations_event_id")),
    )
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_registrations_event_status", ["event_id", "status"], unique=False
        )
        batch_op.create_index(
            "ix_event_registrations_supervisor", ["supervisor_id", "status"], unique=False
        )
        batch_op.create_index("ix_event_registrations_user", ["user_id"], unique=False)

    op.create_table(
        "event_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("time_zone", sa.String(length=32), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("online_url", sa.String(length=500), nullable=False),
        sa.Column("checkin_secret", sa.String(length=64), nullable=False),
        sa.Column("checkin_open", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "time_zone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')",
            name=op.f("ck_event_sessions_known_zone"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["training_events.id"],
            name=op.f("fk_event_sessions_event_id_training_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_sessions")),
    )
    with op.batch_alter_table("event_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_sessions_event_id"), ["event_id"], unique=False)

    op.create_table(
        "event_speakers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("institution", sa.String(length=200), nullable=False),
        sa.Column("bio", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["training_events.id"],
            name=op.f("fk_event_speakers_event_id_training_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_speakers")),
    )
    with op.batch_alter_table("event_speakers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_speakers_event_id"), ["event_id"], unique=False)

    op.create_table(
        "event_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("marked_by_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "method IN ('code', 'roster', 'upload')", name=op.f("ck_event_attendance_known_method")
        ),
        sa.ForeignKeyConstraint(
            ["marked_by_id"],
            ["users.id"],
            name=op.f("fk_event_attendance_marked_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["event_sessions.id"],
            name=op.f("fk_event_attendance_session_id_event_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_event_attendance_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_attendance")),
        sa.UniqueConstraint("session_id", "user_id", name=op.f("uq_event_attendance_session_id")),
    )
    with op.batch_alter_table("event_attendance", schema=None) as batch_op:
        batch_op.create_index("ix_event_attendance_user", ["user_id"], unique=False)

    op.create_table(
        "event_evaluations",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("speakers", sa.Integer(), nullable=False),
        sa.Column("material", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.Integer(), nullable=False),
        sa.Column("usefulness", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        *(
            sa.CheckConstraint(
                f"{item} BETWEEN 1 AND 5", name=op.f(f"ck_event_evaluations_{item}_on_the_scale")
            )
            for item in ("speakers", "material", "organisation", "usefulness")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["training_events.id"],
            name=op.f("fk_event_evaluations_event_id_training_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_evaluations")),
    )
    op.create_index("ix_event_evaluations_event_id", "event_evaluations", ["event_id"])
    op.create_table(
        "event_materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('material', 'recording')", name=op.f("ck_event_materials_known_kind")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["training_events.id"],
            name=op.f("fk_event_materials_event_id_training_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_materials")),
    )
    op.create_index("ix_event_materials_event_id", "event_materials", ["event_id"])

    op.create_table(
        "event_test_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=8), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("layout", JSON_TYPE, nullable=False),
        sa.Column("responses", JSON_TYPE, nullable=False),
        sa.Column("results", JSON_TYPE, nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("max_score", sa.Float(), nullable=False),
        sa.Column("percent", sa.Float(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("pending", sa.Boolean(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "phase IN ('pre', 'post')", name=op.f("ck_event_test_attempts_known_phase")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["training_events.id"],
            name=op.f("fk_event_test_attempts_event_id_training_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_event_test_attempts_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_test_attempts")),
    )
    op.create_index(
        "ix_event_test_attempts_event_user",
        "event_test_attempts",
        ["event_id", "user_id", "phase"],
    )

    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("training_event_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("event_kind", sa.String(length=16), nullable=True))
        batch_op.create_index(
            "uq_certificates_user_event", ["user_id", "training_event_id"], unique=True
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_certificates_training_event_id_training_events"),
            "training_events",
            ["training_event_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("jp_credits", schema=None) as batch_op:
        batch_op.add_column(sa.Column("training_event_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            "uq_jp_credits_user_event", ["user_id", "training_event_id"], unique=True
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_jp_credits_training_event_id_training_events"),
            "training_events",
            ["training_event_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    op.drop_index("ix_event_test_attempts_event_user", "event_test_attempts")
    op.drop_table("event_test_attempts")
    op.drop_index("ix_event_materials_event_id", "event_materials")
    op.drop_table("event_materials")
    op.drop_index("ix_event_evaluations_event_id", "event_evaluations")
    op.drop_table("event_evaluations")
    with op.batch_alter_table("jp_credits", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_jp_credits_training_event_id_training_events"), type_="foreignkey"
        )
        batch_op.drop_index("uq_jp_credits_user_event")
        batch_op.drop_column("training_event_id")

    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_certificates_training_event_id_training_events"), type_="foreignkey"
        )
        batch_op.drop_index("uq_certificates_user_event")
        batch_op.drop_column("event_kind")
        batch_op.drop_column("training_event_id")

    with op.batch_alter_table("event_attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_event_attendance_user")

    op.drop_table("event_attendance")
    with op.batch_alter_table("event_speakers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_speakers_event_id"))

    op.drop_table("event_speakers")
    with op.batch_alter_table("event_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_sessions_event_id"))

    op.drop_table("event_sessions")
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.drop_index("ix_event_registrations_user")
        batch_op.drop_index("ix_event_registrations_supervisor")
        batch_op.drop_index("ix_event_registrations_event_status")

    op.drop_table("event_registrations")
    with op.batch_alter_table("event_organisers", schema=None) as batch_op:
        batch_op.drop_index("ix_event_organisers_agency_id")

    op.drop_table("event_organisers")
    op.drop_table("event_audience")
    with op.batch_alter_table("training_events", schema=None) as batch_op:
        batch_op.drop_index("ix_training_events_state_starts")
        batch_op.drop_index(batch_op.f("ix_training_events_jp_status"))
        batch_op.drop_index(batch_op.f("ix_training_events_created_by_id"))

    op.drop_table("training_events")
    op.drop_table("calendar_feeds")
