"""Reliability over real HTTP: concurrent submits grade once, 16 concurrent writers on
SQLite never see "database is locked", an abandoned attempt is closed and graded on its
saved answers, and every save answered 200 survives ``kill -9`` of the server."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from elearn import db
from elearn.models import Attempt, Event
from elearn.testing import ON_POSTGRES, PASSWORD, learner_nip, quiz_file
from tests.concurrency import run_together
from tests.courses import course_files
from tests.http_browser import HttpBrowser

QUIZ = "## Singkatan\n= SPJ\n\n## Catatan {tipe=esai}\nTulis catatan.\n"


@pytest.fixture
def served(app, publish):
    """The app with a one-quiz course, served by a threaded HTTP server."""
    publish(course_files(extra={"03-kuis.md": quiz_file(QUIZ, "nilai_lulus: 40\n")}))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def learner(url, make_user, n: int) -> HttpBrowser:
    nip = learner_nip(n)
    make_user("learner", nip=nip, email=f"peserta{n}@contoh.go.id")
    browser = HttpBrowser(url)
    browser.sign_in(nip, PASSWORD)
    return browser


@pytest.mark.slow
def test_two_concurrent_submits_grade_the_attempt_once(app, served, make_user):
    browser = learner(served, make_user, 0)
    attempt = browser.start_quiz("apbd", "kuis")
    page = browser.request(attempt)[1]
    fields = dict(re.findall(r'name="(csrf_token|revision)"[^>]*value="([^"]*)"', page))
    submit = {**fields, "action": "submit-confirmed", "shown": "singkatan", "q[singkatan]": "SPJ"}
    statuses = run_together([lambda: browser.request(attempt, submit)[0]] * 2)
    assert statuses == [302, 302]
    with app.app_context():
        session = db.session()
        row = session.scalar(sa.select(Attempt))
        assert row.state == "graded" and row.score == 1
        graded = session.scalars(
            sa.select(Event.verb).where(Event.verb.in_(["passed", "failed", "submitted"]))
        ).all()
    assert graded == ["submitted"]  # the essay waits for a trainer: graded exactly once


@pytest.mark.slow
def test_sixteen_concurrent_writers_all_succeed(app, served, make_user):
    browsers = [learner(served, make_user, n) for n in range(16)]
    attempts = [browser.start_quiz("apbd", "kuis") for browser in browsers]
    tokens = [browser.token(attempt) for browser, attempt in zip(browsers, attempts, strict=True)]

    def writer(index):
        statuses = []
        for revision in range(8):
            status, _body = browsers[index].autosave(
                attempts[index],
                tokens[index],
                {"revision": revision, "shown": "catatan", "q[catatan]": f"catatan {revision}"},
            )
            statuses.append(status)
        return statuses

    results = run_together([lambda i=i: writer(i) for i in range(16)])
    assert results == [[200] * 8] * 16
    with app.app_context():
        revisions = db.session().scalars(sa.select(Attempt.revision)).all()
    assert revisions == [8] * 16


@pytest.mark.slow
def test_an_abandoned_attempt_is_closed_and_graded_on_its_saved_answers(
    app, runner, served, make_user, publish
):
    timed = quiz_file("## Singkatan\n= SPJ\n", "batas_waktu: 5\n")
    publish(course_files(key="berwaktu", extra={"03-kuis.md": timed}))
    browser = learner(served, make_user, 0)
    attempt = browser.start_quiz("berwaktu", "kuis")
    token = browser.token(attempt)
    assert (
        browser.autosave(
            attempt, token, {"revision": 0, "shown": "singkatan", "q[singkatan]": "spj"}
        )[0]
        == 200
    )
    with app.app_context():  # the learner never comes back; the time runs out
        session = db.session()
        row = session.scalar(sa.select(Attempt))
        row.deadline -= timedelta(minutes=10)
        session.commit()
    result = runner.invoke(args=["attempts", "close-expired"])
    assert result.exit_code == 0 and "1 attempt" in result.output
    with app.app_context():
        row = db.session().scalar(sa.select(Attempt))
        assert (row.state, row.score, row.passed) == ("graded", 1, True)


@pytest.mark.slow
@pytest.mark.skipif(ON_POSTGRES, reason="the embedded SQLite file is what survives here")
def test_every_save_answered_200_survives_kill_9(running_platform, tmp_path):
    url, output, process = running_platform
    nip, password = re.search(r"learner\s+(\d{18})\s+password: (\S+)", output).groups()
    browser = HttpBrowser(url)
    browser.sign_in(nip, password)
    attempt = browser.start_quiz("pengembangan-kompetensi-asn", "kuis-pemahaman")
    page = browser.request(attempt)[1]
    name = re.search(r'<input type="text" id="(q\[[^"]+\])"', page).group(1)
    key = name[2:-1]
    acknowledged = []
    killed = threading.Event()
    thread = threading.Thread(
        target=browser.stream_saves, args=(attempt, name, acknowledged, killed)
    )
    thread.start()
    while len(acknowledged) < 40 and thread.is_alive():
        thread.join(0.01)
    assert len(acknowledged) >= 40, "the stream of saves stopped before the kill"
    os.kill(process.pid, signal.SIGKILL)
    killed.set()
    thread.join(timeout=30)
    process.wait(timeout=10)
    database = sqlite3.connect(tmp_path / "instance" / "elearn.sqlite3")
    try:
        assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        revision, responses = database.execute(
            "SELECT revision, json_extract(responses, ?) FROM attempts", (f'$."{key}"',)
        ).fetchone()
    finally:
        database.close()
    last = acknowledged[-1]
    assert revision >= last  # nothing answered 200 was lost (one more may have landed)
    assert responses == str(revision)


@pytest.mark.slow
def test_sixteen_learners_reading_lessons_at_once_all_succeed(app, served, make_user):
    """A lesson view is a GET that writes (progress, the event): it must queue for
    SQLite's write lock like a POST does, not fail."""
    browsers = [learner(served, make_user, n) for n in range(16)]
    for browser in browsers:
        browser.press("/courses/apbd/enrol", "/courses/apbd")

    def reader(browser):
        return [
            browser.request(f"/courses/apbd/items/{item}")[0]
            for item in ("pengantar", "siklus") * 4
        ]

    results = run_together([lambda b=b: reader(b) for b in browsers])
    assert results == [[200] * 8] * 16
    with app.app_context():
        completed = db.session().scalar(
            sa.select(sa.func.count(Event.id)).where(Event.verb == "completed")
        )
    assert completed == 0  # the quiz is still to pass: nobody completes by reading


def drop_server_connections(app) -> int:
    """As a PostgreSQL restart would: the server ends every connection to the test's
    database (but the one asking); how many it ended."""
    server = sa.create_engine(db.get_db(app).engine.url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        ended = connection.execute(
            sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).all()
    server.dispose()
    return len(ended)


@pytest.mark.skipif(not ON_POSTGRES, reason="SQLite has no server to lose a connection")
def test_a_connection_the_server_dropped_while_idle_is_replaced_unseen(
    app, client, login_as, monkeypatch
):
    """Pooled connections are pinged only after standing idle (a ping on every use cost
    a round trip per request): one the server dropped meanwhile is replaced, and the
    learner's page answers as if nothing happened."""
    login_as("learner")
    assert client.get("/dashboard").status_code == 200
    assert drop_server_connections(app)  # the app's idle one among them
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
    assert client.get("/dashboard").status_code == 200


@pytest.mark.skipif(not ON_POSTGRES, reason="SQLite has no server to lose a connection")
def test_a_connection_dropped_in_steady_use_fails_one_request_and_no_more(app, client, login_as):
    """Not pinged (it was in use moments ago), a dropped connection fails the request
    that meets it; the pool's connections are replaced, so the next one is served."""
    login_as("learner")
    assert client.get("/dashboard").status_code == 200
    assert drop_server_connections(app)
    with pytest.raises(Exception, match="connection"):
        client.get("/dashboard")
    assert client.get("/dashboard").status_code == 200
