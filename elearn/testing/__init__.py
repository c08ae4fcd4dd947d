"""Fixtures for testing elearn and its plugins, shipped with the core as a pytest plugin
(the ``pytest11`` entry point ``elearn``): install elearn and they are there.

- ``app``: an app on a freshly migrated database: SQLite by default, PostgreSQL when
  ``ELEARN_TEST_DATABASE_URL`` names one (each test starts empty);
  ``make_app(**settings)`` builds one with other settings, e.g.
  ``app_with_plugin("mine", module)`` registers a plugin for one test;
- ``client``, ``runner``: a test client and a CLI runner of ``app``;
- ``make_user("trainer")``: a user of that role; ``login_as("learner")`` makes one and
  signs the client in;
- ``compile_files({"01-kuis.md": text})``: compile a course from Markdown text and get
  (course or None, report); ``compile_question(body, course_type)``: one question's
  type and parsed form; ``publish({...})``: import a course for learners;
- ``question_contract(QuestionCase(...))``: the contract every question type keeps
  (:mod:`elearn.testing.contract`);
- what a plugin's tests read of the platform (:mod:`elearn.testing.platform`):
  ``plugin_host(app)``, ``PluginTables(app, name)``, ``run_sql``, ``table_names``, ``attempts``,
  ``teach``, ``load_demo_courses``;
- helpers ``login``, ``learner_nip(n)``, ``csrf_token``, ``post_form``, ``quiz_file``,
  ``codes``, and
  ``quiz_fields``/``send_quiz`` to answer a quiz page as a learner reads it (by the
  options' labels: the values a page posts are tokens of each attempt).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

pytest.register_assert_rewrite("elearn.testing.contract", "elearn.testing.contract_pages")

from elearn import create_app, db, migrations  # noqa: E402 (after the rewrite hook)
from elearn.accounts import create_user  # noqa: E402
from elearn.testing.platform import (  # noqa: E402,F401 (for plugins' tests)
    PluginTables,
    attempts,
    load_demo_courses,
    plugin_host,
    run_sql,
    table_names,
    teach,
)


def _worker_database_url(url: str) -> str:
    """Under pytest-xdist each worker has its own PostgreSQL database, ``<name>_gw0``
    and so on, created on first use: tests empty their database, so workers cannot share.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url.startswith("postgresql") or not worker:
        return url
    named = sa.engine.make_url(url)
    return named.set(database=f"{named.database}_{worker}").render_as_string(False)


SHARED_DATABASE_URL = os.environ.get("ELEARN_TEST_DATABASE_URL", "")
TEST_DATABASE_URL = _worker_database_url(SHARED_DATABASE_URL)
ON_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")
PASSWORD = "kata-sandi-uji-123"  # noqa: S105 (test accounts only)
NIPS = {
    "learner": "199003152015032001",
    "trainer": "197508172000121003",
    "admin": "198104222006042002",
    "partner": "198512012010011004",
}


def learner_nip(n: int) -> str:
    """A valid NIP for the n-th extra learner of a test (n < 999)."""
    return f"19900315201503{n % 2 + 1}{n + 1:03d}"


COURSE_FILE = """---
id: kursus-uji
judul: Kursus Uji
jp: 2
---
Pengantar.
"""


def _create_worker_database() -> None:
    if TEST_DATABASE_URL == SHARED_DATABASE_URL:
        return
    name = sa.engine.make_url(TEST_DATABASE_URL).database
    server = sa.create_engine(SHARED_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        known = "SELECT 1 FROM pg_database WHERE datname = :name"
        if connection.execute(sa.text(known), {"name": name}).scalar() is None:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    server.dispose()


def reset_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory) -> Path | None:
    """Migrate once per session; each test then starts from a copy (or a truncation)."""
    if ON_POSTGRES:
        _create_worker_database()
        reset_postgres(TEST_DATABASE_URL)
        app = create_app({"ENV": "testing", "DATABASE_URL": TEST_DATABASE_URL})
        migrations.upgrade(app)
        db.get_db(app).engine.dispose()
        return None
    path = tmp_path_factory.mktemp("template") / "elearn.sqlite3"
    app = create_app({"ENV": "testing", "DATABASE_URL": f"sqlite:///{path}"})
    migrations.upgrade(app)
    with db.get_db(app).engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.get_db(app).engine.dispose()
    return path


@pytest.fixture
def database_url(template_database) -> str:
    if ON_POSTGRES:
        engine = _worker_engine(TEST_DATABASE_URL)
        with engine.begin() as connection:
            tables = (
                connection.execute(
                    sa.text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        "AND tablename NOT LIKE 'alembic_version%'"
                    )
                )
                .scalars()
                .all()
            )
            if tables:
                connection.execute(
                    sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
                )
        return TEST_DATABASE_URL
    # the worker's one file, so that its apps share one engine; copied anew, not
    # overwritten, so that a connection a test left open keeps the file it had
    path = template_database.with_name("worker.sqlite3")
    for suffix in ("", "-wal", "-shm", "-writers"):  # -writers: elearn.sqlite_queue
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(template_database, path)
    return f"sqlite:///{path}"


@pytest.fixture
def make_app(database_url, tmp_path):
    """Build an app with extra settings; every app is disposed after the test."""
    apps = []

    def factory(**settings):
        config = {
            "ENV": "testing",
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(tmp_path / "instance"),
        }
        config.update(settings)
        if config["DATABASE_URL"] == database_url:
            config.setdefault("DATABASE_ENGINE", _worker_engine(database_url))
        app = create_app(config)
        apps.append(app)
        return app

    yield factory
    for app in apps:  # connections closed; the shared engine keeps its compiled statements
        db.get_db(app).engine.dispose()


_ENGINES: dict[str, sa.Engine] = {}


def _worker_engine(url: str) -> sa.Engine:
    """The test worker's one engine for its database: SQLAlchemy compiles a statement
    once per engine, and an engine per test compiled every statement of every test
    afresh (a tenth of the suite's time)."""
    if url not in _ENGINES:
        _ENGINES[url] = db.make_engine(url)
    return _ENGINES[url]


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def app_with_plugin(make_app):
    """``app_with_plugin(name, plugin, **settings)``: an app with ``plugin`` (a module,
    or any object with ``@hookimpl`` functions) registered as ``name`` for one test."""

    def build(name: str, plugin, **settings):
        return make_app(EXTRA_PLUGINS={name: plugin}, **settings)

    return build


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """Create a user: ``make_user("admin")`` or with explicit fields."""

    def factory(*roles, nip=None, email=None, password=PASSWORD, name=None, active=True):
        roles = roles or ("learner",)
        with app.app_context():
            session = db.session()
            user = create_user(
                session,
                full_name=name or f"Pengguna {'/'.join(roles)}",
                nip=nip if nip is not None else NIPS.get(roles[0]),
                email=email or f"{'-'.join(roles)}@contoh.go.id",
                password=password,
                roles=roles,
            )
            user.active = active
            session.commit()
            return user

    return factory


def csrf_token(client, path="/login") -> str:
    """The CSRF token of the client's session, read from a page's form."""
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def post_form(client, path, data, page=None):
    """Post a form the way a browser does: with the CSRF token of the page it came from."""
    return client.post(path, data={**data, "csrf_token": csrf_token(client, page or path)})


def login(client, identifier, password=PASSWORD, **extra):
    data = {"identifier": identifier, "password": password, "csrf_token": csrf_token(client)}
    data.update(extra)
    return client.post("/login", data=data)


@pytest.fixture
def login_as(client, make_user):
    """Create a user with these roles and sign the test client in as them."""

    def sign_in(*roles):
        user = make_user(*roles)
        response = login(client, user.nip or user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return sign_in


def quiz_fields(html: str, answers: dict | None = None) -> dict:
    """What a learner's browser sends from this quiz page: its token, revision and the
    questions it shows, with ``answers`` by question key (``{"ibu-kota": "Jakarta"}``: a
    choice by its label, a list of labels for check boxes, text as typed) or by field
    name (``q[<key>]-<part>``)."""
    from elearn.testing.forms import answer_fields, controls

    found = controls(html)
    fields: dict = {name: found[name].value for name in ("csrf_token", "revision") if name in found}
    fields["shown"] = re.findall(r'name="shown" value="([^"]*)"', html)
    named = {(k if k.startswith("q[") else f"q[{k}]"): v for k, v in (answers or {}).items()}
    return fields | answer_fields(html, named)


def send_quiz(client, url: str, answers: dict | None = None, action: str = "submit"):
    """Answer the quiz page at ``url`` and press a button (``submit``, ``save``,
    ``goto-2``); returns the response."""
    html = client.get(url).get_data(as_text=True)
    return client.post(url, data=quiz_fields(html, answers) | {"action": action})


def quiz_file(body: str, settings: str = "") -> str:
    """A quiz file's text: front matter (``settings`` lines added) and ``body``."""
    return f"---\njenis: kuis\n{settings}---\n{body}"


def codes(report) -> list[str]:
    """The codes of a compile report's diagnostics, in file and line order."""
    return [d.code for d in report.sorted()]


@pytest.fixture
def compile_files(app):
    """Compile a course given as ``{path: text}``; a kursus.md is added when missing.
    Returns (compiled course or None, report)."""
    from flask_babel import force_locale

    from elearn.content.store import check_files

    def compile_(files: dict[str, str], lang: str = "id"):
        files = {"kursus.md": COURSE_FILE, **files}
        with app.test_request_context(), force_locale(lang):
            course, report = check_files(app, {k: v.encode() for k, v in files.items()})
            for diagnostic in report.diagnostics:  # render lazy messages while in context
                object.__setattr__(diagnostic, "message", str(diagnostic.message))
                object.__setattr__(diagnostic, "hint", str(diagnostic.hint))
            return course, report

    return compile_


@pytest.fixture
def compile_question(app, compile_files):
    """``compile_question(body, course_type)``: the first question of a quiz made of
    ``body``, in a course of that type, as ``(question type instance, ParsedQuestion)``;
    the quiz must compile cleanly."""
    from elearn.content import question_type_lookup

    def compile_(body: str, course_type: str = "umum"):
        course, report = compile_files(
            {
                "kursus.md": COURSE_FILE.replace("jp: 2", f"jenis: {course_type}\njp: 2"),
                "01-kuis.md": quiz_file(body),
            }
        )
        assert [d.format() for d in report.diagnostics] == []
        question = course.items[0].quiz.questions[0]
        return question_type_lookup(app)[question.type_id], question.parsed

    return compile_


@pytest.fixture
def publish(app):
    """Import a course given as ``{path: text}`` for learners; returns its version
    number (the import must succeed). Its JP are approved as claimed, as BKPSDM would;
    ``approve=False`` leaves them waiting for an admin."""
    from elearn.content.store import import_course
    from elearn.progress.jp import approve_claim

    def publish_(files, approve=True):
        with app.test_request_context():
            session = db.session()
            result = import_course(app, session, {k: v.encode() for k, v in files.items()})
            assert result.status in {"created", "updated"}, [
                d.format() for d in result.report.errors
            ]
            if approve:
                approve_claim(session, None, result.version)
            session.commit()
            return result.version.number

    return publish_


@pytest.fixture
def question_contract(app, client, make_user, compile_files, publish):
    """``question_contract(QuestionCase(...))`` checks a question type against the
    contract every type keeps (see :mod:`elearn.testing.contract`)."""
    from elearn.testing.contract import ContractRunner

    helpers = (login, post_form, csrf_token, quiz_file)
    return ContractRunner(app, client, make_user, compile_files, publish, helpers)
