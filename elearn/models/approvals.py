"""What BKPSDM decides about JP and what they send to BKN: JP approvals (a course
version's JP, competency and managerial code are its trainer's claim until BKPSDM
approves them; only approved JP are credited and reach SIASN) and the BKN reference ids
the SIASN export needs."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from elearn.db import Base
from elearn.models.catalog import CourseVersion
from elearn.models.types import UtcDateTime, utcnow

PENDING, APPROVED, DECLINED = "pending", "approved", "declined"


class JpApproval(Base):
    """One per course version. ``jp``, ``competency`` and ``competency_code`` are what
    was approved (an admin may approve less than the claim, or correct the competency);
    ``carried_from_id`` names the version whose approval a new version kept because its
    claim did not change."""

    __tablename__ = "jp_approvals"

    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("course_versions.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(sa.String(16), index=True, default=PENDING)
    jp: Mapped[float | None] = mapped_column(sa.Float)
    competency: Mapped[str | None] = mapped_column(sa.String(32))
    competency_code: Mapped[str | None] = mapped_column(sa.String(8))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    carried_from_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("course_versions.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    version: Mapped[CourseVersion] = relationship(foreign_keys=[version_id])

    @property
    def approved(self) -> bool:
        return self.status == APPROVED


class SiasnReference(Base):
    """An id from BKN's reference lists that the SIASN export needs: the government's
    ``instansiId`` and ``lokasiId``, the certificate kind, and the ``jenisDiklatId`` of
    each kind of training the platform records. BKPSDM sets them."""

    __tablename__ = "siasn_references"

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
