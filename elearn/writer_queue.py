"""SQLite's writers wait for one another in the kernel, not in SQLite's busy handler.

A writer that finds the write lock taken sleeps in SQLite's busy handler for 1, 2, 5,
10, 15, 20... ms, and is not woken when the lock frees: with two app processes on one
core, the process holding the lock is often the one not running, and a quiz submit
then waited tens of milliseconds (a p99 of 68 ms where a signed-in hello-world's was 4).
So each write transaction of a request first takes an exclusive ``flock`` on a file
beside the database, which the kernel hands to the next waiter the moment it is let go,
and lets it go when the transaction commits or rolls back (or its connection closes).
A thread that holds it already through another connection does not wait on itself:
that writer is left to SQLite's busy handler, as before.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable
from typing import Any


class WriterQueue:
    """The writers' lock file of one SQLite database, for the connections of an engine."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._files: dict[int, int] = {}  # id of a DBAPI connection -> its lock file
        self._holders: dict[int, int] = {}  # lock file holding the lock -> thread

    def opened(self, dbapi_connection: Any, _record: Any) -> None:
        flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC
        self._files[id(dbapi_connection)] = os.open(self.path, flags, 0o600)

    def closed(self, dbapi_connection: Any, _record: Any) -> None:
        descriptor = self._files.pop(id(_raw(dbapi_connection)), None)
        if descriptor is not None:
            self._holders.pop(descriptor, None)
            os.close(descriptor)  # which lets the lock go

    def enter(self, dbapi_connection: Any) -> None:
        """Wait for the lock before ``BEGIN IMMEDIATE`` on this connection."""
        descriptor = self._files.get(id(_raw(dbapi_connection)))
        me = threading.get_ident()
        if descriptor is None or descriptor in self._holders or me in self._holders.values():
            return
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        self._holders[descriptor] = me

    def leave(self, dbapi_connection: Any) -> None:
        descriptor = self._files.get(id(_raw(dbapi_connection)))
        if descriptor is not None and self._holders.pop(descriptor, None) is not None:
            fcntl.flock(descriptor, fcntl.LOCK_UN)

    def after(self, end: Callable[[Any], None]) -> Callable[[Any], None]:
        """``end`` (the dialect's commit or rollback), then the lock let go."""

        def ended(dbapi_connection: Any) -> None:
            try:
                end(dbapi_connection)
            finally:
                self.leave(dbapi_connection)

        return ended


def _raw(connection: Any) -> Any:
    """The DBAPI connection, also when SQLAlchemy passes the pool's proxy of it."""
    return getattr(connection, "dbapi_connection", None) or connection
