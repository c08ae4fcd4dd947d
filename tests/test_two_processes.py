"""Two app processes (on their own ports) over one database and one Redis, with a
worker beside them, a learner driven alternately through both: the session is valid in
both and ends in both, rate limits are shared, a plugin switched off through one is off
in the other, a course published anew is served at its new version by both, slow work
is done by the worker, and `kill -9` of one process in a stream of saves loses no save
it acknowledged."""

from __future__ import annotations

import copy
import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import undefer

from elearn import db
from elearn.models import Attempt, Certificate
from elearn.plugins import get_host
from elearn.testing import NIPS, PASSWORD, quiz_file
from tests.concurrency import free_port
from tests.courses import course_files
from tests.http_browser import HttpBrowser

pytestmark = pytest.mark.slow

SERVER = """
import sys
from werkzeug.serving import run_simple
from elearn import create_app
run_simple("127.0.0.1", int(sys.argv[1]), create_app(), threaded=True)
"""
QUIZ = "## Singkatan\n= SPJ\n\n## Catatan {tipe=esai}\nTulis catatan.\n"


def eventually(check, seconds=20):
    """Until ``check()`` is true (another process catches up), or fail."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the other process never caught up"
        time.sleep(0.1)


@pytest.fixture
def platform(app, make_user, publish, redis_url, tmp_path):
    """Two app processes and a worker on the test's database: (A's URL, B's URL,
    A's process)."""
    publish(course_files())
    publish(course_files(key="kuis-apbd", extra={"03-kuis.md": quiz_file(QUIZ)}))
    make_user("learner")
    make_user("admin")
    script = tmp_path / "serve.py"
    script.write_text(SERVER)
    environment = dict(
        os.environ,
        ELEARN_ENV="development",
        ELEARN_SECRET_KEY="kunci-rahasia-bersama-" + "x" * 32,
        ELEARN_DATABASE_URL=app.config["DATABASE_URL"],
        ELEARN_REDIS_URL=redis_url,
        ELEARN_INSTANCE_PATH=str(tmp_path / "instance"),
        ELEARN_PLUGIN_SWITCH_SECONDS="1",
        ELEARN_LOGIN_LIMIT_ADDRESS="3 per 15 minutes",
        ELEARN_JOBS_SWEEP_SECONDS="1",
    )
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen([sys.executable, str(script), str(port)], env=environment)
        for port in ports
    ]
    processes.append(
        subprocess.Popen([sys.executable, "-m", "elearn.cli", "worker"], env=environment)
    )
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            eventually(lambda url=url: _answers(url), seconds=60)
        yield urls[0], urls[1], processes[0]
    finally:
        for process in processes:
            process.kill()
            process.wait()


def _answers(url: str) -> bool:
    try:
        return HttpBrowser(url).request("/login")[0] == 200
    except OSError:
        return False


def test_two_app_processes_and_a_worker_serve_one_learner_as_one_platform(app, platform, publish):
    url_a, url_b, process_a = platform
    a = HttpBrowser(url_a)
    a.sign_in(NIPS["learner"], PASSWORD)
    b = HttpBrowser(url_b, jar=a.jar)  # the same person, another process
    assert b.request("/dashboard")[0] == 200

    # a course published anew is served at its new version by both processes
    lesson = "/courses/apbd/items/siklus"
    a.press("/courses/apbd/enrol", "/courses/apbd")
    assert "Perencanaan" in a.request(lesson)[1] and "Perencanaan" in b.request(lesson)[1]
    publish(course_files(extra={"02-siklus.md": "# Siklus\n\nDari KUA-PPAS ke Perda APBD.\n"}))
    assert "KUA-PPAS" in a.request(lesson)[1] and "KUA-PPAS" in b.request(lesson)[1]

    # the course is complete: its certificate's PDF is rendered by the worker
    b.request("/courses/apbd/items/pengantar")
    with app.app_context():
        session = db.session()

        def rendered():
            session.rollback()  # a fresh snapshot each look
            pdf = session.scalar(sa.select(Certificate).options(undefer(Certificate.pdf)))
            return pdf is not None and pdf.pdf is not None

        eventually(rendered, seconds=60)

    # rate limits are counted once for both: 3 reset requests per address in all
    statuses = [
        browser.press("/password/reset", "/password/reset", {"identifier": NIPS["admin"]})[0]
        for browser in (HttpBrowser(url_a), HttpBrowser(url_b)) * 2
    ]
    assert statuses == [302, 302, 302, 429]

    # a plugin switched off through A is off in B within its switch interval
    admin = HttpBrowser(url_a)
    admin.sign_in(NIPS["admin"], PASSWORD)
    plugin = next(n for n, r in get_host(app).records.items() if r.active and not r.builtin)
    stylesheet = f"/p/{plugin}/static/"
    assert stylesheet in b.request("/dashboard")[1]
    admin.press("/admin/plugins", "/admin/plugins")  # no box ticked: every plugin off
    assert stylesheet not in a.request("/dashboard")[1]
    eventually(lambda: stylesheet not in b.request("/dashboard")[1])

    # signing out through A ends the session in B, even for a copy of the old cookie
    old_cookie = HttpBrowser(url_b)
    for cookie in a.jar:
        old_cookie.jar.set_cookie(copy.copy(cookie))
    a.press("/logout", "/dashboard")
    status, _, location = old_cookie.request("/dashboard")
    assert status == 302 and "/login" in location

    # kill -9 of A in the middle of a stream of saves loses nothing it acknowledged
    a.sign_in(NIPS["learner"], PASSWORD)
    attempt = a.start_quiz("kuis-apbd", "kuis")
    page = a.request(attempt)[1]
    name = re.search(r'<input type="text" id="(q\[[^"]+\])"', page).group(1)
    key, acknowledged = name[2:-1], []
    saver = threading.Thread(target=a.stream_saves, args=(attempt, name, acknowledged))
    saver.start()
    eventually(lambda: len(acknowledged) >= 20 or not saver.is_alive())
    os.kill(process_a.pid, signal.SIGKILL)
    saver.join(timeout=30)
    assert len(acknowledged) >= 20, "the stream of saves stopped before the kill"
    with app.app_context():
        saved = db.session().scalar(sa.select(Attempt))
        assert saved.revision >= acknowledged[-1] and saved.responses[key] == str(saved.revision)
    page = b.request(attempt)[1]  # the learner carries on through B, where they left off
    assert f'value="{saved.revision}"' in page
