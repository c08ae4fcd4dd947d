"""`elearn worker` on a real Redis: the request only queues the certificate's PDF; a
worker killed with `kill -9` in the middle of it loses nothing, and the certificate is
issued once, its PDF rendered by the next worker."""

import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from elearn import db, jobs
from elearn.models import Job
from elearn.testing import login
from tests.courses import WITH_PDF, complete_course, course_files

pytestmark = pytest.mark.slow

# A worker whose certificate signer hangs: it says so in a file, then waits to be killed.
HANGING_WORKER = """
import sys, time
from pathlib import Path
from elearn import create_app
from elearn.plugin_api import hookimpl
from elearn.worker import run_worker

class HangingSigner:
    @hookimpl
    def sign_certificate(self, pdf, certificate):
        Path(sys.argv[1]).write_text("signing")
        time.sleep(600)

run_worker(create_app({"EXTRA_PLUGINS": {"hanging": HangingSigner()}}), burst=True)
"""


def worker_environment(app) -> dict:
    return dict(
        os.environ,
        ELEARN_ENV="testing",
        ELEARN_DATABASE_URL=app.config["DATABASE_URL"],
        ELEARN_REDIS_URL=app.config["REDIS_URL"],
        ELEARN_INSTANCE_PATH=app.instance_path,
    )


def state(app):
    with app.app_context():
        session = db.session()
        certificates = session.scalars(WITH_PDF).all()
        job = session.scalars(sa.select(Job).where(Job.name == "certificate.pdf")).one()
        return certificates, job


def wait_for(path, process, seconds=120):
    """Until the file appears (the worker reached the signer) or the worker exits."""
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, "the worker exited before it reached the signer"
        assert time.monotonic() < deadline, "the worker never reached the signer"
        time.sleep(0.05)


def test_a_worker_killed_mid_job_loses_nothing_and_the_certificate_is_issued_once(
    make_app, make_user, publish, redis_url, tmp_path
):
    app = make_app(REDIS_URL=redis_url)
    publish(course_files(jp=2))
    learner = make_user("learner")
    client = app.test_client()
    login(client, learner.nip)
    complete_course(client)
    [certificate], job = state(app)
    assert certificate.pdf is None and job.state == "queued" and job.dispatched_at is not None

    script, signing = tmp_path / "hanging_worker.py", tmp_path / "signing"
    script.write_text(HANGING_WORKER)
    worker = subprocess.Popen(
        [sys.executable, str(script), str(signing)],
        env=worker_environment(app),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(signing, worker)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    [certificate], job = state(app)
    assert certificate.pdf is None and (job.state, job.attempts) == ("running", 1)

    app.config["JOBS_LEASE_SECONDS"] = 0  # its lease has run out: the sweep takes it back
    assert jobs.sweep(app)["recovered"] == 1
    subprocess.run(
        [sys.executable, "-m", "elearn.cli", "worker", "--burst"],
        env=worker_environment(app),
        check=True,
        timeout=120,
        capture_output=True,
    )
    certificates, job = state(app)
    assert len(certificates) == 1 and certificates[0].id == certificate.id
    assert certificates[0].pdf.startswith(b"%PDF") and certificates[0].signed_by is None
    assert (job.state, job.attempts) == ("done", 2)
    assert client.get(f"/certificates/{certificate.id}/download").data.startswith(b"%PDF")
