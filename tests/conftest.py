"""The core's own fixtures. The general ones (an app on a freshly migrated database,
clients, users of each role, compiling and publishing courses) come from
``elearn.testing``, the pytest plugin the core ships for plugin authors too; the helpers
several test modules share live in modules of their own (``tests/courses.py``,
``tests/forms.py``, ``tests/events.py``, ``tests/ideas.py``...), never in a test
module."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.accounts import create_user
from elearn.content.store import add_trainer
from elearn.models import Agency, Course, CourseTrainer, User
from elearn.testing import COURSE_FILE, NIPS, learner_nip, quiz_file
from tests.concurrency import free_port
from tests.courses import ESSAY, ESSAY_QUIZ, QUIZ, course_files, post, submit_essay
from tests.events import signed_in
from tests.forms import SUPERVISOR_NIP, city_agencies

PLUGINS_DIR = Path(__file__).parent / "plugins"


@pytest.fixture
def agency(app):
    with app.app_context():
        session = db.session()
        parent = Agency(code="PEMKOT", name="Pemerintah Kota Sawahlunto")
        child = Agency(code="DINKES", name="Dinas Kesehatan", parent=parent)
        session.add_all([parent, child])
        session.commit()
        return child.id


@pytest.fixture
def signing_calls(monkeypatch):
    """``signing_calls("dumps")``: a list that grows by one at each call of that method
    of the serializer that Flask's sessions and Flask-WTF's tokens sign with."""
    import itsdangerous

    def count(method: str) -> list:
        calls: list = []
        real = getattr(itsdangerous.URLSafeTimedSerializer, method)

        def counted(self, *args, **kwargs):
            calls.append(method)
            return real(self, *args, **kwargs)

        monkeypatch.setattr(itsdangerous.URLSafeTimedSerializer, method, counted)
        return calls

    return count


@pytest.fixture
def trainer(make_user):
    return make_user("trainer", name="Widyaiswara Ahmad")


@pytest.fixture
def people(app, make_user):
    """``people(n)``: n learners, each with a signed-in client."""

    def make(count, start=0, **extra):
        made = []
        for n in range(start, start + count):
            user = make_user(
                "learner",
                nip=learner_nip(n),
                email=f"asn{n}@contoh.go.id",
                name=f"ASN {n}",
                **extra,
            )
            made.append((user, signed_in(app, user)))
        return made

    return make


@pytest.fixture
def taught_course(app, publish, trainer):
    """The APBD course of ``tests.courses.course_files``, published, taught by ``trainer``."""
    publish(course_files())
    with app.app_context():
        session = db.session()
        course_id = session.scalar(sa.select(Course.id).where(Course.key == "apbd"))
        session.add(CourseTrainer(course_id=course_id, user_id=trainer.id))
        session.commit()
    return course_id


@pytest.fixture
def compile_quiz(compile_files):
    """Compile one quiz body; returns (questions by key or None, report)."""

    def compile_(body: str, settings: str = ""):
        course, report = compile_files({"01-kuis.md": quiz_file(body, settings)})
        if course is None:
            return None, report
        return {q.key: q for q in course.items[0].quiz.questions}, report

    return compile_


@pytest.fixture
def install_plugin(monkeypatch):
    """Put a test plugin package on sys.path so its entry point is discovered."""

    def install(name: str) -> None:
        monkeypatch.syspath_prepend(str(PLUGINS_DIR / name))

    return install


@pytest.fixture
def count_queries(app):
    """``count(client, url)``: the statements one GET of ``url`` sends (it must succeed)."""

    def count(client, url):
        engine = db.get_db(app).engine
        statements = []

        def record(*_args):
            statements.append(1)

        sa.event.listen(engine, "before_cursor_execute", record)
        try:
            response = client.get(url)
        finally:
            sa.event.remove(engine, "before_cursor_execute", record)
        assert response.status_code == 200, url
        return len(statements)

    return count


class Inbox:
    """What the test SMTP server received."""

    def __init__(self):
        from aiosmtpd.handlers import Message

        class Handler(Message):
            def handle_message(handler, message):
                self.messages.append(message)

        self.messages = []
        self.handler = Handler()


@pytest.fixture
def redis_url():
    """A Redis database of this test worker's own, emptied: ``ELEARN_TEST_REDIS_URL``'s
    server (CI sets it, so there the tests never skip), else 127.0.0.1:6379 if one runs."""
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    server = os.environ.get("ELEARN_TEST_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    url = f"{server}/{1 + int(worker.removeprefix('gw') or 0) % 15}"
    connection = Redis.from_url(url)
    try:
        connection.ping()
    except RedisDown:
        if "ELEARN_TEST_REDIS_URL" in os.environ:
            raise
        pytest.skip("no Redis on 127.0.0.1:6379 (set ELEARN_TEST_REDIS_URL)")
    connection.flushdb()
    yield url
    connection.flushdb()
    connection.close()


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on a free local port: (inbox, port)."""
    from aiosmtpd.controller import Controller

    port = free_port()
    inbox = Inbox()
    controller = Controller(inbox.handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def running_platform(tmp_path):
    """`elearn run` on an empty instance in a subprocess: (URL, what it printed, process)."""
    port = free_port()
    env = dict(os.environ, ELEARN_INSTANCE_PATH=str(tmp_path / "instance"))
    env.pop("ELEARN_DATABASE_URL", None)
    elearn = shutil.which("elearn", path=str(Path(sys.executable).parent)) or "elearn"
    process = subprocess.Popen(
        [elearn, "run", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = []
    for line in process.stdout:  # the URL is printed once the data is ready
        output.append(line)
        if "elearn is running" in line:
            break
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(url + "/login", timeout=1):
                break
        except OSError:
            time.sleep(0.05)
    yield url, "".join(output), process
    process.terminate()
    process.wait(timeout=10)
    process.stdout.close()


@pytest.fixture
def quiz_course(publish, client, login_as):
    """A course with the quiz of every core question type (``tests.courses.QUIZ``), the
    learner signed in and enrolled."""
    publish(course_files(extra={"03-kuis.md": quiz_file(QUIZ, "percobaan: 2\n")}))
    user = login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    return user


@pytest.fixture
def city(app, publish, make_user):
    """A city with a health office and its clinic; three ASN; one published course."""
    publish({"kursus.md": COURSE_FILE})
    make_user("admin")
    with app.app_context():
        session = db.session()
        city, health, clinic, finance = city_agencies(session)
        for n, (name, agency, position) in enumerate(
            [
                ("Sari", health, "Pengelola Data"),
                ("Andi", clinic, "Bendahara Pengeluaran"),
                ("Wulan", finance, "bendahara  pengeluaran"),
            ]
        ):
            create_user(
                session,
                full_name=name,
                nip=learner_nip(n),
                password="kata-sandi-uji-123",
                agency=agency,
                position=position,
            )
        session.commit()
        return {a.code: a.id for a in (city, health, clinic, finance)}


@pytest.fixture
def pending_attempt(app, client, publish, login_as, make_user):
    """A learner's submitted attempt whose essay waits; the demo trainer teaches it."""
    publish(course_files(extra={"03-kuis.md": quiz_file(ESSAY_QUIZ)}))
    trainer = make_user("trainer")
    with app.app_context():
        session = db.session()
        add_trainer(session, session.scalar(sa.select(Course)), trainer)
        session.commit()
    learner = login_as("learner")
    return submit_essay(client, ESSAY), learner


@pytest.fixture
def team(app, make_user):
    """The learner, whose direct supervisor is the 'Kepala Seksi'; and someone else."""
    make_user("learner", name="Sari Wulandari")
    make_user("learner", name="Kepala Seksi", nip=SUPERVISOR_NIP, email="kasi@contoh.go.id")
    make_user("learner", name="Atasan Lain", nip=NIPS["partner"], email="lain@contoh.go.id")
    make_user("admin")
    with app.app_context():
        session = db.session()
        learner = session.scalar(sa.select(User).where(User.nip == NIPS["learner"]))
        boss = session.scalar(sa.select(User).where(User.nip == SUPERVISOR_NIP))
        learner.supervisor_id = boss.id
        session.commit()
