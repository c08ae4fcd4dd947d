"""Seminars, workshops (lokakarya), classroom training, webinars and bimtek: events held
at set times, organised by agencies (one or several jointly) or a university partner,
with registration under a capacity, attendance per session checked in with a rotating
code, and JP credited through the same ledger as courses once the attendance rule is met.

Called ``TrainingEvent`` in code because ``Event`` is the learner-activity statement
(``elearn.models.events``); people see "kegiatan".
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from elearn.db import Base
from elearn.models.accounts import Agency, User
from elearn.models.types import JSONType, UtcDateTime, utcnow

# forum_inovasi: an agency's routine meeting on ideas from the board (elearn.ideas)
EVENT_KINDS = ("seminar", "lokakarya", "klasikal", "webinar", "bimtek", "forum_inovasi")
EVENT_STATES = ("draft", "published", "cancelled")
# a registration: awaiting the supervisor, holding a seat, on the waiting list, or out
REGISTRATION_STATES = ("awaiting", "registered", "waiting", "cancelled", "declined")
ATTENDANCE_METHODS = ("code", "roster", "upload")
MATERIAL_KINDS = ("material", "recording")
# the reaction survey's statements, each answered on a scale of 1 to 5
EVALUATION_ITEMS = ("speakers", "material", "organisation", "usefulness")
# the zones an Indonesian government holds events in: WIB, WITA, WIT
TIME_ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


def new_secret() -> str:
    return secrets.token_hex(20)


class TrainingEvent(Base):
    __tablename__ = "training_events"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN {EVENT_KINDS!r}", name="known_kind"),
        sa.CheckConstraint(f"state IN {EVENT_STATES!r}", name="known_state"),
        sa.CheckConstraint("capacity > 0", name="positive_capacity"),
        sa.Index("ix_training_events_state_starts", "state", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")  # trainer Markdown
    # a university or other institution organising it (beside or instead of agencies)
    institution: Mapped[str] = mapped_column(sa.String(200), default="")
    competency: Mapped[str] = mapped_column(sa.String(32))
    competency_code: Mapped[str | None] = mapped_column(sa.String(8))
    jp_claimed: Mapped[float] = mapped_column(sa.Float)
    # BKPSDM's decision on the JP, as for a course version's claim
    jp_status: Mapped[str] = mapped_column(sa.String(16), default="pending", index=True)
    jp_approved: Mapped[float | None] = mapped_column(sa.Float)
    jp_note: Mapped[str] = mapped_column(sa.Text, default="")
    jp_decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    jp_decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    capacity: Mapped[int]
    open_to_all: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    # words of the positions it is for ("kepala puskesmas, bendahara"), or all positions
    audience_positions: Mapped[str] = mapped_column(sa.String(500), default="")
    needs_supervisor: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    registration_opens_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    registration_closes_at: Mapped[datetime] = mapped_column(UtcDateTime())
    cancel_until: Mapped[datetime] = mapped_column(UtcDateTime())
    # completing it needs the participant's answers to the evaluation form
    evaluation_required: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    # the event's test: a quiz file in the course format, taken before the event (the
    # pre-test) and after it (the post-test, which completion may require passing)
    test_source: Mapped[str] = mapped_column(sa.Text, default="")
    # the minutes of an idea meeting (Markdown), shown to participants afterwards
    minutes: Mapped[str] = mapped_column(sa.Text, default="")
    pre_test: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    post_test_required: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    # the zone its registration and cancellation deadlines are read in
    time_zone: Mapped[str] = mapped_column(sa.String(32), default="Asia/Jakarta")
    # the share of sessions a participant must attend to complete it
    attendance_percent: Mapped[int] = mapped_column(default=80)
    # the first session's start, kept here so lists sort and filter without a join
    starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    state: Mapped[str] = mapped_column(sa.String(16), default="draft")
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    sessions: Mapped[list[EventSession]] = relationship(
        back_populates="event",
        order_by="EventSession.starts_at",
        cascade="all, delete-orphan",
    )
    speakers: Mapped[list[EventSpeaker]] = relationship(
        order_by="EventSpeaker.position", cascade="all, delete-orphan"
    )
    organisers: Mapped[list[Agency]] = relationship(
        secondary="event_organisers", order_by="Agency.name"
    )
    audience: Mapped[list[Agency]] = relationship(
        secondary="event_audience", order_by="Agency.name"
    )

    @property
    def published(self) -> bool:
        return self.state == "published"


event_organisers = sa.Table(
    "event_organisers",
    Base.metadata,
    sa.Column(
        "event_id", sa.ForeignKey("training_events.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("agency_id", sa.ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_event_organisers_agency_id", "agency_id"),
)
event_audience = sa.Table(
    "event_audience",
    Base.metadata,
    sa.Column(
        "event_id", sa.ForeignKey("training_events.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("agency_id", sa.ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True),
)


class EventSpeaker(Base):
    __tablename__ = "event_speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_events.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(sa.String(200))
    institution: Mapped[str] = mapped_column(sa.String(200), default="")
    bio: Mapped[str] = mapped_column(sa.String(1000), default="")


class EventSession(Base):
    """One sitting of an event. Times are stored in UTC with the venue's zone, in which
    they are shown. ``checkin_secret`` derives the rotating check-in code."""

    __tablename__ = "event_sessions"
    __table_args__ = (sa.CheckConstraint(f"time_zone IN {TIME_ZONES!r}", name="known_zone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_events.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(300), default="")
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    time_zone: Mapped[str] = mapped_column(sa.String(32), default="Asia/Jakarta")
    place: Mapped[str] = mapped_column(sa.String(300), default="")
    online_url: Mapped[str] = mapped_column(sa.String(500), default="")
    checkin_secret: Mapped[str] = mapped_column(sa.String(64), default=new_secret)
    checkin_open: Mapped[bool] = mapped_column(sa.Boolean, default=False)

    event: Mapped[TrainingEvent] = relationship(back_populates="sessions")


class EventRegistration(Base):
    __tablename__ = "event_registrations"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "user_id"),
        sa.CheckConstraint(f"status IN {REGISTRATION_STATES!r}", name="known_status"),
        sa.Index("ix_event_registrations_event_status", "event_id", "status"),
        sa.Index("ix_event_registrations_supervisor", "supervisor_id", "status"),
        sa.Index("ix_event_registrations_user", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("training_events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(sa.String(16))
    # when the person joined the queue: the waiting list is promoted in this order
    queued_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    # the supervisor asked to approve, when the event needs one
    supervisor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    decision_note: Mapped[str] = mapped_column(sa.String(500), default="")
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # that the person answered the evaluation form (their answers are kept apart)
    evaluated: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    event: Mapped[TrainingEvent] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])


class EventAttendance(Base):
    __tablename__ = "event_attendance"
    __table_args__ = (
        sa.UniqueConstraint("session_id", "user_id"),
        sa.CheckConstraint(f"method IN {ATTENDANCE_METHODS!r}", name="known_method"),
        sa.Index("ix_event_attendance_user", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("event_sessions.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    method: Mapped[str] = mapped_column(sa.String(16))
    # who marked it on the roster, and why (someone without a phone, say)
    marked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(sa.String(300), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


def new_evaluation_id() -> str:
    return secrets.token_hex(16)


class EventEvaluation(Base):
    """One participant's answers to the reaction survey, anonymous to the organiser: no
    person, no time, and a random id, so neither the order nor the moment of answering
    ties a row to the registration marked ``evaluated``."""

    __tablename__ = "event_evaluations"
    __table_args__ = tuple(
        sa.CheckConstraint(f"{item} BETWEEN 1 AND 5", name=f"{item}_on_the_scale")
        for item in EVALUATION_ITEMS
    )

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_evaluation_id)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_events.id", ondelete="CASCADE"), index=True
    )
    speakers: Mapped[int]
    material: Mapped[int]
    organisation: Mapped[int]
    usefulness: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.Text, default="")


class EventMaterial(Base):
    """A file or a link for participants: slides, readings, and a webinar's recording."""

    __tablename__ = "event_materials"
    __table_args__ = (sa.CheckConstraint(f"kind IN {MATERIAL_KINDS!r}", name="known_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_events.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(16), default="material")
    title: Mapped[str] = mapped_column(sa.String(300))
    url: Mapped[str] = mapped_column(sa.String(500), default="")
    file_name: Mapped[str] = mapped_column(sa.String(200), default="")
    data: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)
    size: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class EventTestAttempt(Base):
    """One sitting of an event's test, before (``pre``) or after (``post``) the event;
    ``layout`` is what was shown (drawn from ``seed``), ``source_sha256`` the test's
    text it was drawn from, so a test edited meanwhile is not graded against it."""

    __tablename__ = "event_test_attempts"
    __table_args__ = (
        sa.CheckConstraint("phase IN ('pre', 'post')", name="known_phase"),
        sa.Index("ix_event_test_attempts_event_user", "event_id", "user_id", "phase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("training_events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    phase: Mapped[str] = mapped_column(sa.String(8))
    seed: Mapped[int] = mapped_column(sa.BigInteger)
    source_sha256: Mapped[str] = mapped_column(sa.String(64))
    layout: Mapped[list[Any]] = mapped_column(JSONType)
    responses: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    results: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    score: Mapped[float | None] = mapped_column(sa.Float)
    max_score: Mapped[float] = mapped_column(sa.Float, default=0)
    percent: Mapped[float | None] = mapped_column(sa.Float)
    passed: Mapped[bool | None] = mapped_column(sa.Boolean)
    pending: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CalendarFeed(Base):
    """A person's secret calendar-feed address of the events they registered for; a new
    token revokes the old address."""

    __tablename__ = "calendar_feeds"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
