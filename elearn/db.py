"""Database engine and session, bound to an app.

One engine per app (stored in ``app.extensions``); one session per app context, removed
when the context ends. SQLite gets WAL mode, foreign keys and a busy timeout on every
connection, and requests that write begin their transactions with ``BEGIN IMMEDIATE``,
in turn (``elearn.sqlite_queue``), so the embedded default behaves like a real database
under concurrent use.
"""

from __future__ import annotations

import functools
import json
import re
import time
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, g, has_request_context, request
from flask.globals import app_ctx
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker

from elearn.sqlite_queue import QueuedConnection

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every core model; constraint names are deterministic."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event emits BEGIN
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _sqlite_begin(connection: sa.Connection) -> None:
    """Requests that write take SQLite's write lock when their transaction begins.

    A deferred transaction that reads and then writes fails at once with "database is
    locked" when another writer committed in between (busy_timeout cannot help it).
    Taking the lock up front makes concurrent writers queue for it instead. A POST
    writes; a GET that writes says so first with ``writing()``; other GETs read in
    deferred transactions, which WAL never blocks. Outside requests (CLI, tests' own
    reads) transactions stay deferred.
    """
    immediate = has_request_context() and (
        request.method not in READ_ONLY_METHODS or g.get("elearn_writes", False)
    )
    statement = "BEGIN IMMEDIATE" if immediate else "BEGIN"
    # straight to the driver: SQLAlchemy's execution of a statement without a result
    # costs a tenth of a signed-in hello-world; the engine's listeners still see it
    connection.dispatch.before_cursor_execute(connection, None, statement, (), None, False)
    driver = connection.connection.driver_connection
    if immediate and isinstance(driver, QueuedConnection):
        driver.begin_immediate()  # in turn with the other writers (elearn.sqlite_queue)
    else:
        driver.execute(statement)


def writing() -> None:
    """Call before a read-only request (a GET) starts to write: on SQLite the reads so
    far end, and the next statement begins a transaction that holds the write lock."""
    if not has_request_context() or g.get("elearn_writes"):
        return
    g.elearn_writes = True
    current = session()
    if current.in_transaction() and current.get_bind().dialect.name == "sqlite":
        current.commit()


def commit_writes(current: Session) -> None:
    """Commit what this request wrote: a GET that did not say it writes (``writing()``)
    and holds no change has nothing to commit (a lesson read again: the commit was a
    twentieth of its view), and its reads end when the session is removed."""
    reads_only = has_request_context() and request.method in READ_ONLY_METHODS
    changed = current.new or current.dirty or current.deleted
    if reads_only and not g.get("elearn_writes") and not changed:
        return
    current.commit()


def _json(value: Any) -> str:
    """JSON columns hold only what JSON can say: an infinity or NaN is refused here
    (SQLite would store ``Infinity``, which no JSON reader accepts, and PostgreSQL
    refuses it) rather than written."""
    return json.dumps(value, allow_nan=False)


# A pooled connection idle this long is pinged before use (a server restarted or a
# network dropped meanwhile): SQLAlchemy's ``pool_pre_ping`` pinged before every use, a
# round trip that cost a tenth of a signed-in hello-world on PostgreSQL. A connection in
# steady use was handed back moments ago; should the server drop it anyway, the request
# fails once and SQLAlchemy replaces the pool's connections.
PING_AFTER_IDLE_SECONDS = 10.0


def _handed_back(_dbapi_connection: Any, record: Any) -> None:
    record.info["idle_since"] = time.monotonic()


# PostgreSQL: a connection reads outside any transaction and begins one only before its
# first write. READ COMMITTED gives each statement its own snapshot either way, so the
# reads that come before a write see what they saw in a transaction. A request that
# only reads then costs its statements alone, not BEGIN and ROLLBACK besides (two of a
# signed-in hello-world's three round trips), and psycopg keeps the statements it
# prepared (it discards them all at every ROLLBACK): re-planning the user's statement
# cost more than running it. A read is a SELECT (or WITH) that neither changes rows in a
# CTE nor locks them (FOR UPDATE, FOR SHARE: a lock is held until the transaction ends).
_IDLE = 0  # libpq's PQTRANS_IDLE: no transaction open
_CHANGES_OR_LOCKS = re.compile(r"\b(?:INSERT|UPDATE|DELETE|MERGE|SHARE)\b")


@functools.lru_cache(maxsize=1024)
def _writes(statement: str) -> bool:
    reads = statement.startswith(("SELECT", "WITH")) and not _CHANGES_OR_LOCKS.search(statement)
    return not reads


def _reading_without_transaction(dbapi_connection: Any, _record: Any) -> None:
    """On connecting, and when the pool takes a connection back (a transaction it began
    for a write has ended by then)."""
    if dbapi_connection is None or dbapi_connection.closed or dbapi_connection.autocommit:
        return  # (an invalidated connection comes back as None)
    if dbapi_connection.pgconn.transaction_status == _IDLE:
        dbapi_connection.autocommit = True


# A statement that is a whole change by itself (the answer save's one conditional
# UPDATE) says so with this execution option: when no transaction is open it commits on
# its own, and its BEGIN and COMMIT (two of an answer save's five round trips) are not
# sent. Once a transaction is open it joins it, as any statement does.
COMMITS_ALONE = {"elearn_commits_alone": True}


def _begin_before_writing(server_cursor: type) -> Callable[..., None]:
    def begin(
        connection: sa.Connection, cursor: Any, statement: str, _parameters: Any, context: Any, *_
    ) -> None:
        driver = connection.connection.driver_connection
        # a server-side cursor (results streamed) lives in a transaction too
        writes = _writes(statement) or isinstance(cursor, server_cursor)
        if writes and context is not None and context.execution_options.get("elearn_commits_alone"):
            writes = False
        if writes == driver.autocommit and driver.pgconn.transaction_status == _IDLE:
            driver.autocommit = not writes  # psycopg sends BEGIN before a write

    return begin


def _ping_if_idle(dialect: sa.Dialect) -> Callable[[Any, Any, Any], None]:
    def ping(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise sa.exc.DisconnectionError() from error  # the pool connects anew
            raise

    return ping


def make_engine(url: str) -> sa.Engine:
    """An engine for ``url`` with the platform's connection settings."""
    if url.startswith("sqlite"):
        connect_args = {"timeout": 10, "factory": QueuedConnection}
        engine = sa.create_engine(url, connect_args=connect_args, json_serializer=_json)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    engine = sa.create_engine(url, json_serializer=_json)
    if engine.dialect.driver == "psycopg":
        sa.event.listen(engine, "connect", _reading_without_transaction)
        sa.event.listen(engine, "checkin", _reading_without_transaction)
        from psycopg import ServerCursor

        begin = _begin_before_writing(ServerCursor)
        sa.event.listen(engine, "before_cursor_execute", begin)
    sa.event.listen(engine, "checkin", _handed_back)
    sa.event.listen(engine, "checkout", _ping_if_idle(engine.dialect))
    return engine


AFTER_COMMIT = "elearn.after_commit"  # in session.info: work waiting for the commit


class UnitOfWork(Session):
    """The session of a request or command: after its transaction commits, it runs the
    work queued with ``after_commit`` (plugins hearing events), once the commit has
    returned, where the session may be used again; a rollback of the whole transaction
    drops that work (a savepoint's does not: what came before it still commits)."""

    def commit(self) -> None:
        super().commit()
        for action in self.info.pop(AFTER_COMMIT, []):
            action()


def after_commit(session: Session, action: Callable[[], None]) -> None:
    """Run ``action`` once ``session``'s transaction has committed; never if it rolls
    back."""
    session.info.setdefault(AFTER_COMMIT, []).append(action)


@sa.event.listens_for(UnitOfWork, "after_soft_rollback")
def _drop_after_commit(session: Session, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:
        session.info.pop(AFTER_COMMIT, None)


class Database:
    """The engine and the context-scoped session of one app."""

    def __init__(self, url: str, engine: sa.Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self.sessions = scoped_session(
            sessionmaker(self.engine, class_=UnitOfWork, expire_on_commit=False),
            scopefunc=lambda: id(app_ctx._get_current_object()),
        )

    def remove_session(self, _exc: BaseException | None = None) -> None:
        self.sessions.remove()


def init_app(app: Flask) -> Database:
    database = Database(app.config["DATABASE_URL"], app.config["DATABASE_ENGINE"])
    app.extensions["elearn.db"] = database
    app.teardown_appcontext(database.remove_session)
    return database


def get_db(app: Flask | None = None) -> Database:
    return (app or current_app).extensions["elearn.db"]


def session() -> Session:
    """The session of the current app context."""
    return get_db().sessions()


def database_session() -> Session:
    """The SQLAlchemy session of the current request, for a plugin's own tables (those of
    its ``register_migrations`` lineage). Read core tables if you must; never write them."""
    return session()
