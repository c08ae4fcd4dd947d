"""Files people attach to what they post: images on an idea, and the photos and
documents a change project's milestone gives as evidence. Kept in the database as the
course files are, so that a backup of the database is a backup of everything."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from elearn.db import Base
from elearn.models.types import UtcDateTime, utcnow


class PostFile(Base):
    __tablename__ = "post_files"
    __table_args__ = (
        sa.CheckConstraint("(idea_id IS NULL) <> (milestone_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("ideas.id", ondelete="CASCADE"), index=True
    )
    milestone_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("project_milestones.id", ondelete="CASCADE"), index=True
    )
    uploader_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    file_name: Mapped[str] = mapped_column(sa.String(200))
    # an image/* type for the pictures written again on upload (shown inline); any other
    # file is served only as a download
    content_type: Mapped[str] = mapped_column(sa.String(100))
    caption: Mapped[str] = mapped_column(sa.String(300), default="")
    width: Mapped[int | None]
    height: Mapped[int | None]
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
