"""On PostgreSQL a connection reads outside any transaction and begins one before its
first write (elearn.db): what a request reads costs no BEGIN or ROLLBACK, psycopg keeps
the statements it prepared, and what is written is still all or nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from psycopg.errors import LockNotAvailable

from elearn import db
from elearn.models import Agency, Attempt, User
from elearn.testing import NIPS, ON_POSTGRES, TEST_DATABASE_URL, login
from tests.courses import autosave, form_fields, start

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL's transactions")

IDLE = 0  # libpq: no transaction open


@pytest.fixture
def other_connection():
    """A connection of another process's kind: its own engine."""
    engine = sa.create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def agencies_named(connection, prefix: str) -> int:
    statement = sa.select(sa.func.count()).where(Agency.code.startswith(prefix))
    return connection.execute(statement).scalar_one()


def test_pages_read_without_a_transaction_and_keep_their_prepared_statements(make_app, make_user):
    # an engine of its own, so that one pooled connection serves every request in turn
    app = make_app(DATABASE_ENGINE=db.make_engine(TEST_DATABASE_URL))
    make_user("learner")
    client = app.test_client()
    login(client, NIPS["learner"])
    for _ in range(8):  # psycopg prepares a statement at its fifth use on a connection
        assert client.get("/courses").status_code == 200
    engine = db.get_db(app).engine
    assert engine.pool.checkedin() == 1
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver.autocommit and driver.pgconn.transaction_status == IDLE
        prepared = connection.exec_driver_sql("SELECT statement FROM pg_prepared_statements")
        statements = [row.statement for row in prepared]
    # a ROLLBACK at the end of each request discarded them all
    assert any("WHERE users.session_token" in statement for statement in statements)


def test_what_a_transaction_writes_is_all_or_nothing_and_reads_after_it_open_none(
    app, other_connection
):
    with app.app_context():
        session = db.session()
        assert agencies_named(session, "TX") == 0  # a read first: no transaction yet
        session.add(Agency(code="TX1", name="Satu"))
        session.flush()
        assert agencies_named(session, "TX") == 1  # the transaction sees its own write
        session.add(Agency(code="TX2", name="Dua"))
        session.flush()
        assert agencies_named(other_connection, "TX") == 0  # nobody else does yet
        session.rollback()
        assert agencies_named(other_connection, "TX") == 0  # both writes undone

        session.add_all([Agency(code="TX3", name="Tiga"), Agency(code="TX4", name="Empat")])
        session.commit()
        assert agencies_named(other_connection, "TX") == 2
        assert agencies_named(session, "TX") == 2
        driver = session.connection().connection.driver_connection
        assert driver.pgconn.transaction_status == IDLE  # the read after the commit


def test_a_locking_read_holds_its_lock_until_the_transaction_ends(app, make_user, other_connection):
    user = make_user("learner")
    locked = sa.select(User.id).where(User.id == user.id)
    with app.app_context():
        session = db.session()
        session.execute(locked.with_for_update()).scalar_one()
        with pytest.raises(sa.exc.OperationalError) as refused:
            other_connection.execute(locked.with_for_update(nowait=True))
        assert isinstance(refused.value.orig, LockNotAvailable)
        session.commit()
    assert other_connection.execute(locked.with_for_update(nowait=True)).scalar_one() == user.id


@pytest.mark.usefixtures("quiz_course")
def test_an_answer_save_is_one_update_that_commits_alone(app, client, other_connection):
    url = start(client)
    token = form_fields(client.get(url).get_data(as_text=True))["csrf_token"]
    sent = []  # each statement and whether psycopg sends it outside a transaction

    def record(connection, _cursor, statement, *_args):
        sent.append((statement.split()[0], connection.connection.driver_connection.autocommit))

    engine = db.get_db(app).engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        answer = {"revision": 0, "shown": "singkatan", "q[singkatan]": "SPJ"}
        assert autosave(client, url, token, answer).json["revision"] == 1
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    # no BEGIN before the UPDATE, and so no COMMIT after it
    assert sent == [("SELECT", True), ("SELECT", True), ("UPDATE", True)]
    attempt_id = int(url.rstrip("/").rsplit("/", 1)[-1])
    saved = sa.select(Attempt.responses).where(Attempt.id == attempt_id)
    assert other_connection.execute(saved).scalar_one()["singkatan"]
