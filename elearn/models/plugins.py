"""What the platform remembers about each plugin across restarts."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from elearn.db import Base
from elearn.models.types import UtcDateTime, utcnow


class PluginState(Base):
    """An admin's choice to switch a plugin off; read when the app starts."""

    __tablename__ = "plugin_state"

    name: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    enabled: Mapped[bool] = mapped_column(sa.Boolean, default=True, server_default=sa.true())
    changed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)


class PluginMaintainer(Base):
    """A university partner who maintains a plugin: they see the courses its course and
    question types serve, with anonymised statistics (``elearn.partner``)."""

    __tablename__ = "plugin_maintainers"

    plugin_name: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
