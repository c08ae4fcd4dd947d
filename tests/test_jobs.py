"""Jobs: queued in the request's transaction, run after its commit (here in process,
without Redis), retried with backoff, shown to admins when they fail, and never
committed twice when a worker taken for dead comes back."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from elearn import db, jobs
from elearn.audit import audit
from elearn.mail import queue_mail
from elearn.models import AuditEntry, Job
from elearn.models.types import aware, utcnow
from elearn.testing import NIPS, login, post_form
from tests.concurrency import free_port
from tests.courses import WITH_PDF, complete_course, course_files


def the_job(app, name):
    with app.app_context():
        return db.session().scalars(sa.select(Job).where(Job.name == name)).one()


def make_due(app, job_id):
    """Time passes: the job's retry is due now."""
    with app.app_context():
        db.session().execute(
            sa.update(Job).where(Job.id == job_id).values(run_after=utcnow() - timedelta(1))
        )
        db.session().commit()


def test_a_certificate_is_issued_at_once_and_its_pdf_rendered_by_a_job_after_the_commit(
    app, client, login_as, publish
):
    publish(course_files(jp=2))
    login_as("learner")
    complete_course(client)
    job = the_job(app, "certificate.pdf")
    with app.app_context():
        certificate = db.session().scalars(WITH_PDF).one()
    assert (job.state, job.attempts, job.payload) == ("done", 1, {"certificate_id": certificate.id})
    assert certificate.pdf.startswith(b"%PDF") and certificate.pdf_sha256


def test_a_certificate_whose_pdf_is_not_ready_says_so_and_looks_again(
    app, client, login_as, publish, monkeypatch
):
    publish(course_files(jp=2))
    login_as("learner")
    monkeypatch.setattr(jobs, "dispatch", lambda app, ids: None)  # no worker has run yet
    complete_course(client)
    with app.app_context():
        certificate = db.session().scalars(WITH_PDF).one()
    response = client.get(f"/certificates/{certificate.id}/download")
    page = response.get_data(as_text=True)
    assert response.status_code == 202 and certificate.number in page
    assert '<meta http-equiv="refresh" content="5">' in page
    monkeypatch.undo()
    jobs.run_job(app, the_job(app, "certificate.pdf").id)
    response = client.get(f"/certificates/{certificate.id}/download")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_a_job_queued_in_a_transaction_that_rolls_back_never_runs(app, monkeypatch):
    ran = []
    monkeypatch.setitem(jobs.HANDLERS, "test.note", lambda _session, payload: ran.append(payload))
    with app.test_request_context():
        session = db.session()
        jobs.enqueue(session, "test.note", {"n": 1})
        session.rollback()
        jobs.enqueue(session, "test.note", {"n": 2})
        session.commit()
        assert ran == [{"n": 2}]
        assert session.scalars(sa.select(Job.payload)).all() == [{"n": 2}]


def test_a_failing_job_is_retried_with_backoff_then_failed_for_admins_who_queue_it_again(
    make_app, make_user, smtp_server
):
    inbox, working_port = smtp_server
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nothing listens there
    with app.test_request_context():
        queue_mail(db.session(), "asn@example.go.id", "Pengingat", "Tautan rahasia: https://x/r/1")
        db.session().commit()
    job = the_job(app, "mail.send")
    assert (job.state, job.attempts) == ("queued", 1)
    assert "ConnectionRefusedError" in job.last_error
    assert timedelta(seconds=25) < aware(job.run_after) - utcnow() <= timedelta(seconds=30)
    assert jobs.sweep(app)["dispatched"] == 0  # not due yet
    for attempt in range(2, 6):
        make_due(app, job.id)
        assert jobs.sweep(app)["dispatched"] == 1
        assert the_job(app, "mail.send").attempts == attempt
    assert the_job(app, "mail.send").state == "failed"

    make_user("admin")
    admin = app.test_client()
    login(admin, NIPS["admin"])
    page = admin.get("/admin/jobs").get_data(as_text=True)
    assert f"mail.send #{job.id}" in page and "ConnectionRefusedError" in page
    app.config["MAIL_PORT"] = working_port  # the mail server is put right
    post_form(admin, f"/admin/jobs/{job.id}/retry", {}, page="/admin/jobs")
    job = the_job(app, "mail.send")
    assert (job.state, job.attempts) == ("done", 1)
    assert [m["Subject"] for m in inbox.messages] == ["Pengingat"]
    assert "body" not in job.payload  # the link it carried is not kept
    with app.app_context():
        assert db.session().scalar(sa.select(AuditEntry.action)) == "job.retry"
    assert "Tidak ada tugas yang gagal." in admin.get("/admin/jobs").get_data(as_text=True)


def test_a_job_whose_worker_was_taken_for_dead_commits_its_work_once(app, monkeypatch):
    def note(session, payload):
        audit(session, None, "job.retry", "test", payload["text"])

    monkeypatch.setitem(jobs.HANDLERS, "test.audit", note)
    with app.test_request_context():
        monkeypatch.setattr(jobs, "dispatch", lambda app, ids: None)
        job_id = jobs.enqueue(db.session(), "test.audit", {"text": "sekali"}).id
        db.session().commit()
        monkeypatch.undo()
        monkeypatch.setitem(jobs.HANDLERS, "test.audit", note)
    first = jobs.claim(app, job_id)  # a worker starts it, then stops answering
    app.config["JOBS_LEASE_SECONDS"] = 0
    assert jobs.sweep(app)["recovered"] == 1  # queued again, and run here
    assert jobs.execute(app, job_id, first) == "skipped"  # the first worker comes back
    job = the_job(app, "test.audit")
    assert (job.state, job.attempts) == ("done", 2)
    with app.app_context():
        assert db.session().scalars(sa.select(AuditEntry.summary)).all() == ["sekali"]


@pytest.mark.parametrize("state", ["done", "running"])
def test_only_a_failed_job_can_be_queued_again(app, monkeypatch, state):
    monkeypatch.setitem(jobs.HANDLERS, "test.noop", lambda _s, _p: None)
    with app.test_request_context():
        session = db.session()
        job = jobs.enqueue(session, "test.noop", {})
        job.state = state
        session.flush()
        assert jobs.retry(session, job.id) is False
