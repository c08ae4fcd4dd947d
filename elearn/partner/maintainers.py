"""Which partner maintains which plugin (set by an admin on the account's page)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.models import PluginMaintainer, User


def maintained_by(session: Session, user_id: int) -> list[str]:
    return list(
        session.scalars(
            sa.select(PluginMaintainer.plugin_name)
            .where(PluginMaintainer.user_id == user_id)
            .order_by(PluginMaintainer.plugin_name)
        )
    )


def set_maintained(session: Session, user: User, plugin_names: list[str]) -> None:
    """``user`` maintains exactly ``plugin_names`` (the caller commits)."""
    session.execute(sa.delete(PluginMaintainer).where(PluginMaintainer.user_id == user.id))
    session.add_all(PluginMaintainer(plugin_name=name, user_id=user.id) for name in plugin_names)


def maintainers_of(session: Session) -> dict[str, list[str]]:
    """Plugin name -> the names of its maintainers, for the admins' plugins page."""
    found: dict[str, list[str]] = {}
    rows = session.execute(
        sa.select(PluginMaintainer.plugin_name, User.full_name)
        .join(User, User.id == PluginMaintainer.user_id)
        .order_by(User.full_name)
    )
    for plugin_name, full_name in rows:
        found.setdefault(plugin_name, []).append(full_name)
    return found
