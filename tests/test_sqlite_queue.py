"""SQLite's writers take turns (elearn.sqlite_queue): a writer waits for the transaction
before it, of its own process or another, and begins as soon as that one ends, without
meeting SQLite's busy lock; every way a transaction ends hands the turn on."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import Agency
from elearn.sqlite_queue import QueuedConnection, turn_file
from elearn.testing import ON_POSTGRES

pytestmark = pytest.mark.skipif(ON_POSTGRES, reason="SQLite's writers")

HOLDER = """
import sys
from elearn.sqlite_queue import QueuedConnection
connection = QueuedConnection(sys.argv[1], isolation_level=None)
connection.begin_immediate()
connection.execute("INSERT INTO notes VALUES ('first')")
print("holding", flush=True)
sys.stdin.readline()
connection.commit()
"""


@pytest.fixture
def database(tmp_path) -> str:
    path = str(tmp_path / "queue.sqlite3")
    with sqlite3.connect(path, isolation_level=None) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE notes (text TEXT)")
    setup.close()
    return path


@pytest.fixture
def connect():
    """``connect(database)``: a connection that fails at once where SQLite would make it
    wait for the lock; each is closed after the test."""
    made: list[QueuedConnection] = []

    def connection(database: str) -> QueuedConnection:
        made.append(
            QueuedConnection(database, timeout=0, isolation_level=None, check_same_thread=False)
        )
        return made[-1]

    yield connection
    for each in made:
        each.close()


def turn_is_free(database: str) -> bool:
    """Whether another open file (as another process would) gets the turn at once."""
    probe = os.open(turn_file(database), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(probe)  # (closing frees what the probe took)
    return True


def wait_until_queued(database: str) -> None:
    """Until the kernel lists a connection waiting for the turn (/proc/locks)."""
    inode = os.stat(turn_file(database)).st_ino
    for _ in range(2000):
        with open("/proc/locks") as locks:
            if any("->" in line and f":{inode} " in line for line in locks):
                return
        time.sleep(0.005)
    pytest.fail("no writer queued for the turn")


def begin_in_thread(connection: QueuedConnection) -> tuple[threading.Thread, list]:
    outcome: list = []

    def begin() -> None:
        try:
            connection.begin_immediate()
            connection.execute("INSERT INTO notes VALUES ('second')")
            connection.commit()
            outcome.append("written")
        except sqlite3.Error as error:  # pragma: no cover - the failure this guards
            outcome.append(error)

    thread = threading.Thread(target=begin)
    thread.start()
    return thread, outcome


def notes(database: str) -> list[str]:
    with sqlite3.connect(database) as reader:
        rows = reader.execute("SELECT text FROM notes ORDER BY rowid").fetchall()
    reader.close()
    return [text for (text,) in rows]


def test_a_writer_waits_for_the_transaction_before_it_and_begins_when_it_commits(database, connect):
    first, second = connect(database), connect(database)
    first.begin_immediate()
    first.execute("INSERT INTO notes VALUES ('first')")
    thread, outcome = begin_in_thread(second)
    wait_until_queued(database)
    assert outcome == []  # still waiting: with no queue it failed at once, "database is locked"
    first.commit()
    thread.join()
    assert outcome == ["written"]
    assert notes(database) == ["first", "second"]
    assert turn_is_free(database)


def test_a_writer_of_another_process_is_waited_for_and_its_end_hands_the_turn_on(database, connect):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, database],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "holding\n"
    assert not turn_is_free(database)
    thread, outcome = begin_in_thread(connect(database))
    wait_until_queued(database)
    holder.communicate("commit\n")
    thread.join()
    assert outcome == ["written"] and notes(database) == ["first", "second"]


def test_a_process_killed_in_its_turn_hands_it_on(database, connect):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, database], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert holder.stdout.readline() == b"holding\n"
    thread, outcome = begin_in_thread(connect(database))
    wait_until_queued(database)
    holder.kill()
    holder.wait()
    thread.join()
    assert outcome == ["written"]
    assert notes(database) == ["second"]  # the killed transaction's row never committed
    holder.stdin.close()
    holder.stdout.close()


@pytest.mark.parametrize("end", ["commit", "rollback", "close"])
def test_every_end_of_a_transaction_frees_the_turn(database, connect, end):
    connection = connect(database)
    connection.begin_immediate()
    assert not turn_is_free(database)
    getattr(connection, end)()
    assert turn_is_free(database)


def test_a_begin_that_fails_frees_the_turn(database, connect):
    # a writer that does not queue (a command's deferred transaction) holds SQLite's lock
    outsider = sqlite3.connect(database, isolation_level=None)
    outsider.execute("BEGIN IMMEDIATE")
    connection = connect(database)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        connection.begin_immediate()
    assert turn_is_free(database)
    outsider.rollback()
    outsider.close()


def test_a_second_connection_of_the_same_thread_is_not_queued_behind_its_first(database, connect):
    # it would wait for ever; SQLite's busy timeout ends its wait as before the queue
    first, second = connect(database), connect(database)
    first.begin_immediate()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        second.begin_immediate()
    first.commit()
    second.begin_immediate()
    second.commit()


def test_a_request_that_writes_holds_the_turn_until_its_transaction_ends(app):
    database = db.get_db(app).engine.url.database
    with app.test_request_context("/", method="POST"):
        session = db.session()
        session.add(Agency(code="Q1", name="Antrean"))
        session.flush()
        assert not turn_is_free(database)
        session.commit()
        assert turn_is_free(database)
        session.add(Agency(code="Q2", name="Antrean"))
        session.flush()
        assert not turn_is_free(database)
        session.rollback()
        assert turn_is_free(database)
    with app.test_request_context("/", method="GET"), app.app_context():
        db.session().scalar(sa.select(sa.func.count()).select_from(Agency))  # a read
        assert turn_is_free(database)  # a request that only reads never queues


def test_without_flock_writers_begin_as_sqlite_lets_them(database, connect, monkeypatch):
    # (Windows has no flock: the platform still runs, its writers on the busy timeout)
    from elearn import sqlite_queue

    monkeypatch.setattr(sqlite_queue, "fcntl", None)
    connection = connect(database)
    connection.begin_immediate()
    connection.execute("INSERT INTO notes VALUES ('alone')")
    connection.commit()
    assert connection.turn_path is None and notes(database) == ["alone"]
