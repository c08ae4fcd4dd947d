"""Who is signed in: the user loader and Flask-Login's settings."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import aliased

from elearn import db
from elearn.extensions import login_manager
from elearn.lookups import Lookup, columns_of
from elearn.models import (
    Agency,
    EventRegistration,
    Notification,
    User,
    UserRole,
    WorkplaceLearning,
)

# One statement on every signed-in request: the user, their roles as one string, the
# count of unread notifications for the header's bell, and for the menu whether they
# lead a team and how many of its requests wait for them, and their agency's name. The
# agency itself only on the pages that need it, and the role rows only when roles change.
_ROLES = (
    sa.select(sa.func.aggregate_strings(UserRole.role, ","))
    .where(UserRole.user_id == User.id)
    .correlate(User)
    .scalar_subquery()
)
_UNREAD = (
    sa.select(sa.func.count(Notification.id))
    .where(Notification.user_id == User.id, Notification.read_at.is_(None))
    .correlate(User)
    .scalar_subquery()
)
_TEAM_WAITING = (
    sa.select(sa.func.count(WorkplaceLearning.id))
    .where(WorkplaceLearning.supervisor_id == User.id, WorkplaceLearning.status == "pending")
    .correlate(User)
    .scalar_subquery()
) + (  # and registrations for events that wait for their approval
    sa.select(sa.func.count(EventRegistration.id))
    .where(EventRegistration.supervisor_id == User.id, EventRegistration.status == "awaiting")
    .correlate(User)
    .scalar_subquery()
)
_AGENCY_NAME = (  # the dashboard shows it: a lazy load there was a statement of its own
    sa.select(Agency.name).where(Agency.id == User.agency_id).correlate(User).scalar_subquery()
)
_member = aliased(User)
_A_TEAM_MEMBER = (  # LIMIT 1, not EXISTS: SQLite scans every user for EXISTS
    sa.select(_member.id).where(_member.supervisor_id == User.id).limit(1).correlate(User)
).scalar_subquery()
# sent to the driver directly (elearn.lookups): SQLAlchemy's execution and ORM loading
# of this one row cost as much as all the rest of a signed-in hello-world
_BY_SESSION_TOKEN = Lookup(
    sa.select(
        *columns_of(User), _ROLES, _UNREAD, _TEAM_WAITING, _A_TEAM_MEMBER, _AGENCY_NAME
    ).where(User.session_token == sa.bindparam("token", "")),
    entity=User,
)


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    """The cookie holds the user's session token; a rotated token loads nobody."""
    found = _BY_SESSION_TOKEN.first(db.session(), token=session_token)
    if found is None:
        return None
    user, roles, unread, team_waiting, member, agency_name = found
    user.role_names = frozenset(roles.split(",")) if roles else frozenset()
    user.unread_notices, user.team_waiting = unread, team_waiting
    user.leads_a_team, user.agency_name = member is not None, agency_name
    return user


def _load_user_first() -> None:
    """Load the signed-in user before anything asks for the locale."""
    current_user._get_current_object()


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    app.before_request(_load_user_first)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to open that page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
