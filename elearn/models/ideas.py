"""Ruang Ide, the idea board: ASN propose improvements to public services, colleagues
from any agency support and discuss them, and the innovation team of the agency
concerned moves each idea through its stages, from "diajukan" to "diterapkan" (or "tidak
dilanjutkan", with a reason), recording the results of those put in place."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from elearn.db import Base
from elearn.models.accounts import Agency, User
from elearn.models.discussions import Hideable
from elearn.models.types import UtcDateTime, utcnow

IDEA_STAGES = ("diajukan", "dibahas", "uji_coba", "diterapkan", "tidak_dilanjutkan")


class Idea(Hideable, Base):
    __tablename__ = "ideas"
    __table_args__ = (
        sa.CheckConstraint(f"stage IN {IDEA_STAGES!r}", name="known_stage"),
        sa.Index("ix_ideas_stage_activity", "stage", "last_activity_at"),
        sa.Index("ix_ideas_agency_stage", "agency_id", "stage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # the agency whose service it improves: its innovation team moves the idea
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id", ondelete="CASCADE"))
    service: Mapped[str] = mapped_column(sa.String(200))
    title: Mapped[str] = mapped_column(sa.String(200))
    problem: Mapped[str] = mapped_column(sa.Text)  # Markdown: who suffers it, evidence
    proposal: Mapped[str] = mapped_column(sa.Text)  # Markdown
    benefit: Mapped[str] = mapped_column(sa.Text, default="")  # Markdown
    tags: Mapped[str] = mapped_column(sa.String(300), default="")  # comma-separated
    stage: Mapped[str] = mapped_column(sa.String(20), default="diajukan")
    # what changed once it was put in place, as the team records it
    result_before: Mapped[str] = mapped_column(sa.String(500), default="")
    result_after: Mapped[str] = mapped_column(sa.String(500), default="")
    supporters: Mapped[int] = mapped_column(default=0)
    comments: Mapped[int] = mapped_column(default=0)
    # lower-cased words of its title, problem, proposal, service and tags, for search
    search_text: Mapped[str] = mapped_column(sa.Text, default="", deferred=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    agency: Mapped[Agency] = relationship()

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    @property
    def body(self) -> str:
        """The idea as one Markdown text, as moderators read it and the audit log keeps it."""
        return f"**{self.title}**\n\n{self.problem}\n\n{self.proposal}"


class IdeaSupport(Base):
    """One person's support of an idea (one each, withdrawable)."""

    __tablename__ = "idea_supports"

    idea_id: Mapped[int] = mapped_column(
        sa.ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class IdeaComment(Hideable, Base):
    """A comment on an idea, or a reply to one (one level of replies)."""

    __tablename__ = "idea_comments"
    __table_args__ = (sa.Index("ix_idea_comments_idea_created", "idea_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(sa.ForeignKey("ideas.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("idea_comments.id", ondelete="CASCADE")
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)  # Markdown
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])


class IdeaStageChange(Base):
    """The idea's history: each move between stages, by whom and why."""

    __tablename__ = "idea_stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(sa.ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[str] = mapped_column(sa.String(20))
    to_stage: Mapped[str] = mapped_column(sa.String(20))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    by: Mapped[User | None] = relationship()


class InnovationTeamMember(Base):
    """A member of an agency's innovation team, granted by an admin: moves the agency's
    ideas between stages and records their results."""

    __tablename__ = "innovation_team_members"

    agency_id: Mapped[int] = mapped_column(
        sa.ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    granted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    agency: Mapped[Agency] = relationship()


class MeetingAgendaItem(Base):
    """An idea on the agenda of an idea meeting (an event of kind ``forum_inovasi``), and
    the meeting's decision on it, which moved the idea's stage."""

    __tablename__ = "meeting_agenda"
    __table_args__ = (sa.UniqueConstraint("event_id", "idea_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_events.id", ondelete="CASCADE"), index=True
    )
    idea_id: Mapped[int] = mapped_column(sa.ForeignKey("ideas.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    decided_stage: Mapped[str | None] = mapped_column(sa.String(20))
    decision_note: Mapped[str] = mapped_column(sa.Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    idea: Mapped[Idea] = relationship()
