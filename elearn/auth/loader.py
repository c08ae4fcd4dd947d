"""Who is signed in: the user loader and Flask-Login's settings."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import Session, aliased, make_transient_to_detached

from elearn import db
from elearn.extensions import login_manager
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
_USER = sa.inspect(User)
_COLUMNS = [prop.columns[0] for prop in _USER.column_attrs]
_BY_SESSION_TOKEN = sa.select(
    *_COLUMNS, _ROLES, _UNREAD, _TEAM_WAITING, _A_TEAM_MEMBER, _AGENCY_NAME
).where(User.session_token == sa.bindparam("token", ""))


class UserLookup:
    """The loader's statement, compiled once for a database, sent to its driver on the
    request's own connection (inside the request's transaction, as any statement of the
    page). SQLAlchemy's execution and ORM loading of this one row cost as much as all
    the rest of a signed-in hello-world; the row is typed here with the columns' own
    result processors and becomes the session's persistent ``User``."""

    def __init__(self, dialect: sa.Dialect) -> None:
        compiled = _BY_SESSION_TOKEN.compile(
            dialect=dialect, compile_kwargs={"render_postcompile": True}
        )
        self.sql = str(compiled)
        values = compiled.construct_params()
        if compiled.positional:
            names = list(compiled.positiontup)
            self.positions = [values[name] for name in names]
            self.token_at = names.index("token")
            self.named = None
        else:
            self.named = values
        self.processors = [
            (prop.key, prop.columns[0].type.dialect_impl(dialect).result_processor(dialect, None))
            for prop in _USER.column_attrs
        ]

    def parameters(self, token: str) -> Any:
        if self.named is not None:
            return {**self.named, "token": token}
        positions = list(self.positions)
        positions[self.token_at] = token
        return positions

    def load(self, session: Session, token: str) -> User | None:
        connection = session.connection()
        cursor = connection.connection.driver_connection.cursor()
        parameters = self.parameters(token)
        # the engine's listeners (the tests' and the bench's statement counters) see it
        connection.dispatch.before_cursor_execute(
            connection, cursor, self.sql, parameters, None, False
        )
        try:
            cursor.execute(self.sql, parameters)
            row = cursor.fetchone()
        except connection.dialect.loaded_dbapi.Error as error:
            if connection.dialect.is_disconnect(error, connection.connection, cursor):
                # as SQLAlchemy does on a lost connection: the pool's are replaced
                connection.invalidate()
                session.get_bind().dispose()
            raise
        finally:
            cursor.close()
        if row is None:
            return None
        width = len(self.processors)
        user = session.identity_map.get(_USER.identity_key_from_primary_key((row[0],)))
        if user is None:
            user = _USER.class_manager.new_instance()
            values = user.__dict__
            for (key, process), value in zip(self.processors, row[:width], strict=True):
                values[key] = process(value) if process else value
            make_transient_to_detached(user)
            session.add(user)
        roles, user.unread_notices, user.team_waiting, member, user.agency_name = row[width:]
        user.role_names = frozenset(roles.split(",")) if roles else frozenset()
        user.leads_a_team = member is not None
        return user


_LOOKUPS: dict[tuple[str, str, str], UserLookup] = {}  # by the dialect's name, driver, style


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    """The cookie holds the user's session token; a rotated token loads nobody."""
    session = db.session()
    dialect = session.get_bind().dialect
    kind = (dialect.name, dialect.driver, dialect.paramstyle)
    lookup = _LOOKUPS.get(kind) or _LOOKUPS.setdefault(kind, UserLookup(dialect))
    return lookup.load(session, session_token)


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
