"""Change projects (proyek perubahan, aktualisasi): an idea in trial, or a learner's own
plan, carried out milestone by milestone with a mentor (the direct supervisor by
default) approving each, and, once finished, credited as on-the-job learning through
the workplace-learning ledger and its limits."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from elearn.db import Base
from elearn.models.accounts import User
from elearn.models.types import UtcDateTime, utcnow

MILESTONE_STATES = ("rencana", "diajukan", "disetujui", "ditolak")


class ChangeProject(Base):
    __tablename__ = "change_projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mentor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    idea_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ideas.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    goal: Mapped[str] = mapped_column(sa.Text)  # Markdown
    team: Mapped[str] = mapped_column(sa.String(500), default="")  # names, as written
    coach: Mapped[str] = mapped_column(sa.String(200), default="")
    final_report: Mapped[str] = mapped_column(sa.Text, default="")  # Markdown
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # the on-the-job learning entry its JP are asked for by, once finished (once)
    workplace_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("workplace_learning.id", ondelete="SET NULL"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    mentor: Mapped[User | None] = relationship(foreign_keys=[mentor_id])
    milestones: Mapped[list[ProjectMilestone]] = relationship(
        order_by="ProjectMilestone.position", cascade="all, delete-orphan"
    )
    notes: Mapped[list[ProjectNote]] = relationship(
        order_by="ProjectNote.created_at.desc(), ProjectNote.id.desc()",
        cascade="all, delete-orphan",
    )


class ProjectMilestone(Base):
    __tablename__ = "project_milestones"
    __table_args__ = (sa.CheckConstraint(f"status IN {MILESTONE_STATES!r}", name="known_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("change_projects.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(200))
    due_date: Mapped[date] = mapped_column(sa.Date)
    status: Mapped[str] = mapped_column(sa.String(16), default="rencana")
    evidence: Mapped[str] = mapped_column(sa.Text, default="")  # Markdown: what, links
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    review_note: Mapped[str] = mapped_column(sa.String(1000), default="")
    reviewed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    @property
    def with_owner(self) -> bool:
        """Planned or returned: its owner may still change its evidence and send it."""
        return self.status in ("rencana", "ditolak")


class ProjectNote(Base):
    """A progress note between milestones, by the owner or the mentor: what moved, what
    is stuck, advice."""

    __tablename__ = "project_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("change_projects.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)  # Markdown
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship()
