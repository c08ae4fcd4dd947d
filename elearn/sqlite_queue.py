"""SQLite's writers wait for their turn in a queue that hands it on the moment it is free.

SQLite's own wait for a taken write lock (the busy timeout) sleeps in growing steps
(1, 2, 5, 10, 15, 20, 25, 25 ms ...) and then looks again, so a writer that finds the
lock taken a few times in a row sleeps far longer than the transactions before it
lasted: at 189 quiz submits a second through two app processes, ``BEGIN IMMEDIATE``
took 0.03 ms at the median and up to 130 ms, the sums of those steps.

So a transaction begun with ``BEGIN IMMEDIATE`` (a request that writes) first takes an
exclusive ``flock`` of a file beside the database, ``<database>-writers``: the kernel
wakes the next waiting connection, of any process, as soon as it is released. It is
released when the transaction ends: commit, rollback, or the connection closed; a
process that dies releases it with its files. The turn is held only while a write
transaction runs, so the wait has no timeout of its own (a stuck request is ended by
the server's worker timeout, which frees the turn with the process).

Transactions that begin deferred (commands, the job worker) do not queue; SQLite's busy
timeout still orders them with everyone else.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: no flock; writers wait on SQLite's busy timeout as before
    fcntl = None

# the thread holding each file's turn in this process: a second connection of that
# thread must not queue behind its own first one (it would wait for ever, where
# SQLite's busy timeout ends the wait with "database is locked")
_holders: dict[str, int] = {}


def turn_file(database: str) -> str | None:
    """The file whose lock is the writers' turn, beside ``database``; None for a
    database in memory (one connection, no one to queue with) or a system without
    ``flock``."""
    if fcntl is None or database in ("", ":memory:") or database.startswith("file:"):
        return None
    return f"{database}-writers"


class QueuedConnection(sqlite3.Connection):
    """A connection whose write transactions begin in turn (``begin_immediate``)."""

    def __init__(self, database: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        self.turn_path = turn_file(os.fspath(database))
        self._turn: int | None = None  # the open turn file while this connection holds it

    def begin_immediate(self) -> None:
        """``BEGIN IMMEDIATE``, once it is this connection's turn."""
        self._take_turn()
        try:
            self.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._give_turn_back()
            raise

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._end_of_transaction()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._end_of_transaction()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._give_turn_back()

    def __del__(self) -> None:  # a connection dropped unclosed frees its turn too
        self._give_turn_back()

    def _take_turn(self) -> None:
        path = self.turn_path
        if path is None or self._turn is not None or _holders.get(path) == threading.get_ident():
            return
        turn = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(turn, fcntl.LOCK_EX)
        except BaseException:
            os.close(turn)
            raise
        self._turn = turn
        _holders[path] = threading.get_ident()

    def _end_of_transaction(self) -> None:
        if not self.in_transaction:  # a failed COMMIT leaves the transaction open
            self._give_turn_back()

    def _give_turn_back(self) -> None:
        turn = getattr(self, "_turn", None)
        if turn is None:
            return
        self._turn = None
        _holders.pop(self.turn_path, None)
        # unlocked explicitly: a process forked meanwhile shares the open file, and
        # closing ours alone would leave the lock to its copy
        fcntl.flock(turn, fcntl.LOCK_UN)
        os.close(turn)
