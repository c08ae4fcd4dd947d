"""Certificates of completion: what was printed on each, the stored PDF and its hash.

A certificate keeps its own copy of every fact it shows (name, NIP, course, JP, ...), so
it reads the same years later, after a name change or a new course version, and the
public verification page shows exactly what the PDF shows.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from elearn.db import Base
from elearn.models.types import UtcDateTime, utcnow


class Certificate(Base):
    __tablename__ = "certificates"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "course_id"),
        sa.UniqueConstraint("year", "serial"),
        sa.Index("uq_certificates_user_event", "user_id", "training_event_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    course_id: Mapped[int | None] = mapped_column(sa.ForeignKey("courses.id", ondelete="SET NULL"))
    version_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("course_versions.id", ondelete="SET NULL")
    )
    # an attendance certificate of a seminar, workshop, ... instead of a course's
    training_event_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("training_events.id", ondelete="SET NULL")
    )
    event_kind: Mapped[str | None] = mapped_column(sa.String(16))
    year: Mapped[int]
    serial: Mapped[int]
    number: Mapped[str] = mapped_column(sa.String(100), unique=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    learner_name: Mapped[str] = mapped_column(sa.String(200))
    learner_nip: Mapped[str | None] = mapped_column(sa.String(18))
    course_title: Mapped[str] = mapped_column(sa.String(300))
    jp: Mapped[float] = mapped_column(sa.Float)
    minutes: Mapped[int]
    competency: Mapped[str] = mapped_column(sa.String(32))
    issuer: Mapped[str] = mapped_column(sa.String(300))
    learner_agency: Mapped[str | None] = mapped_column(sa.String(300))
    # Rendered by a job after the certificate is issued: None for the moments before.
    pdf: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)
    pdf_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    signed_by: Mapped[str | None] = mapped_column(sa.String(100))
