"""SQLite's writers queue for a lock file beside the database (elearn.writer_queue): a
request's write transaction holds it from BEGIN IMMEDIATE until it commits, rolls back
or its connection closes, and a read holds nothing."""

from __future__ import annotations

import fcntl
import os

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import Agency
from elearn.testing import ON_POSTGRES

pytestmark = pytest.mark.skipif(ON_POSTGRES, reason="SQLite's write lock")


@pytest.fixture
def lock_taken(app):
    """``lock_taken()``: whether the writers' lock is held, asked as another process."""
    path = db.get_db(app).engine.url.database + "-writers"

    def taken() -> bool:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(descriptor)  # (which lets go a lock it got)
        return False

    return taken


def add_agency(code: str) -> None:
    db.session().add(Agency(code=code, name=f"Dinas {code}"))
    db.session().flush()


def test_a_write_holds_the_writers_lock_until_it_commits_or_rolls_back(app, lock_taken):
    with app.test_request_context("/", method="POST"):
        assert not lock_taken()
        add_agency("Q1")
        assert lock_taken()  # from BEGIN IMMEDIATE
        db.session().commit()
        assert not lock_taken()
        add_agency("Q2")
        assert lock_taken()
        db.session().rollback()
        assert not lock_taken()
        add_agency("Q3")
        assert lock_taken()
    assert not lock_taken()  # the request ended: its session closed, its work undone
    with app.app_context():
        codes = db.session().scalars(sa.select(Agency.code).where(Agency.code.like("Q%")))
        assert list(codes) == ["Q1"]


def test_a_read_holds_nothing(app, lock_taken):
    with app.test_request_context("/"):
        db.session().scalar(sa.select(sa.func.count(Agency.id)))
        assert not lock_taken()


def test_a_closed_connection_lets_the_lock_go(app, lock_taken):
    with app.test_request_context("/", method="POST"):
        add_agency("Q4")
        assert lock_taken()
        db.session().connection().invalidate()  # as when SQLAlchemy gives up a connection
        assert not lock_taken()
