"""JP approvals: a course version's JP, competency and managerial code are its trainer's
claim until BKPSDM approves them; only approved JP are credited (and reach SIASN)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from elearn.db import Base
from elearn.models.catalog import CourseVersion
from elearn.models.types import utcnow

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
    decided_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    carried_from_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("course_versions.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    version: Mapped[CourseVersion] = relationship(foreign_keys=[version_id])

    @property
    def approved(self) -> bool:
        return self.status == APPROVED
