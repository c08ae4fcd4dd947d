"""Slow work out of requests: certificate PDFs, e-mail, big exports, the periodic sweep.

``enqueue`` writes a job row in the caller's transaction; once that transaction commits
the job is dispatched: to RQ on Redis when ``REDIS_URL`` is set (``elearn worker`` runs
it), otherwise at once in the process that queued it (the embedded default needs no
server). Running a job claims it (state ``running``, attempt n, committed), then does
its work and marks it done in one transaction fenced by the attempt number: a job queued
again after its worker died can never commit twice, and work and "done" are never apart.
A job that raises is retried with backoff; after ``JOBS_MAX_ATTEMPTS`` it is failed and
shown to admins (/admin/jobs), who may queue it again.

The sweep (``elearn worker`` runs it every ``JOBS_SWEEP_SECONDS``) dispatches retries
that are due, re-queues jobs whose worker stopped (started longer than
``JOBS_LEASE_SECONDS`` ago) and dispatched jobs that no worker took, forgets finished
jobs after a week, and runs the periodic tasks modules register (closing expired quiz
attempts, say).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from elearn import db
from elearn.models import Job
from elearn.models.types import utcnow

log = logging.getLogger(__name__)

QUEUE_NAME = "elearn"
BACKOFF_SECONDS = (30, 120, 600, 3600)  # before the 2nd, 3rd, 4th, later tries
REDISPATCH_AFTER = timedelta(minutes=10)  # dispatched, never started: the message was lost
KEEP_FINISHED = timedelta(days=7)

Handler = Callable[[Session, dict[str, Any]], "dict[str, Any] | None"]
HANDLERS: dict[str, Handler] = {}
PERIODIC: dict[str, Callable[[Session], int]] = {}  # the sweep's own work, by what it counts


def job(name: str) -> Callable[[Handler], Handler]:
    """Register a handler: ``handler(session, payload)`` does the work in ``session``
    (the runner commits it with the job's "done"); it may return a payload to keep in
    place of the one given (an e-mail forgets its body, which may hold a link)."""

    def register(handler: Handler) -> Handler:
        HANDLERS[name] = handler
        return handler

    return register


def periodic(name: str):
    """Register ``task(session) -> count`` to run in every sweep (the sweep commits)."""

    def register(task: Callable[[Session], int]) -> Callable[[Session], int]:
        PERIODIC[name] = task
        return task

    return register


def enqueue(
    session: Session, name: str, payload: dict[str, Any], user_id: int | None = None
) -> Job:
    """Queue ``name`` with ``payload``, in ``session``'s transaction: it is dispatched
    once that transaction commits, and forgotten if it rolls back."""
    if name not in HANDLERS:
        raise KeyError(f"no job is called {name!r}")
    row = Job(name=name, payload=payload, state="queued", run_after=utcnow(), user_id=user_id)
    session.add(row)
    session.flush()
    app, job_id = current_app._get_current_object(), row.id
    db.after_commit(session, lambda: dispatch(app, [job_id]))
    return row


def dispatch(app: Flask, job_ids: list[int]) -> None:
    """Hand the jobs to RQ, or run them here when there is no Redis."""
    if not job_ids:
        return
    queue = rq_queue(app)
    if queue is None:
        for job_id in job_ids:
            run_job(app, job_id)
        return
    with db.UnitOfWork(db.get_db(app).engine) as session:
        session.execute(sa.update(Job).where(Job.id.in_(job_ids)).values(dispatched_at=utcnow()))
        session.commit()
    for job_id in job_ids:
        queue.enqueue_call(
            "elearn.jobs.perform",
            args=(job_id,),
            result_ttl=0,
            timeout=max(1, app.config["JOBS_LEASE_SECONDS"]),  # a job ends within its lease
        )


_QUEUES: dict[str, Any] = {}


def rq_queue(app: Flask):
    """The RQ queue of the app's Redis, or None without one."""
    url = app.config["REDIS_URL"]
    if not url:
        return None
    if url not in _QUEUES:
        from redis import Redis
        from rq import Queue

        _QUEUES[url] = Queue(QUEUE_NAME, connection=Redis.from_url(url))
    return _QUEUES[url]


WORKER_APP: list[Flask] = []  # the app of this `elearn worker` process


def perform(job_id: int) -> str:
    """What RQ runs: the job, with the worker's app."""
    return run_job(WORKER_APP[0], job_id)


def job_context(app: Flask):
    """Jobs run as a POST would: on SQLite each transaction takes the write lock when it
    begins (elearn.db), so a job that reads and then writes never meets "database is
    locked"; links are built from ``BASE_URL``."""
    return app.test_request_context("/", base_url=app.config["BASE_URL"], method="POST")


def run_job(app: Flask, job_id: int) -> str:
    """Claim the job and run it: 'done', 'queued' (to be tried again), 'failed', or
    'skipped' when it was not there to be claimed (done already, or taken)."""
    attempt = claim(app, job_id)
    return "skipped" if attempt is None else execute(app, job_id, attempt)


def claim(app: Flask, job_id: int) -> int | None:
    """Mark a queued, due job running (committed at once); its attempt number, or None."""
    with job_context(app), db.UnitOfWork(db.get_db(app).engine) as session:
        now = utcnow()
        claimed = session.execute(
            sa.update(Job)
            .where(Job.id == job_id, Job.state == "queued", Job.run_after <= now)
            .values(state="running", attempts=Job.attempts + 1, started_at=now)
        )
        attempt = session.scalar(sa.select(Job.attempts).where(Job.id == job_id))
        session.commit()
    return attempt if claimed.rowcount == 1 else None


def execute(app: Flask, job_id: int, attempt: int) -> str:
    """Run attempt ``attempt`` of a claimed job: its work and its "done" commit together,
    only if no later attempt has taken the job meanwhile (its worker taken for dead)."""
    engine = db.get_db(app).engine
    fence = (Job.id == job_id, Job.state == "running", Job.attempts == attempt)
    with job_context(app), db.UnitOfWork(engine) as session:
        row = session.get(Job, job_id)
        try:
            kept = HANDLERS[row.name](session, dict(row.payload))
            done = session.execute(
                sa.update(Job)
                .where(*fence)
                .values(
                    state="done",
                    finished_at=utcnow(),
                    last_error=None,
                    payload=row.payload if kept is None else kept,
                )
                .execution_options(synchronize_session=False)
            )
            if done.rowcount != 1:  # a later attempt has it: this one's work is dropped
                session.rollback()
                return "skipped"
            session.commit()
            return "done"
        except Exception:  # noqa: BLE001 (any failure of a job is recorded and retried)
            session.rollback()
            error = traceback.format_exc(limit=20)
            log.exception("job %s (%s) failed, attempt %s", job_id, row.name, attempt)
    return _record_failure(engine, fence, attempt, error, app.config["JOBS_MAX_ATTEMPTS"])


def _record_failure(engine, fence, attempt: int, error: str, max_attempts: int) -> str:
    state = "failed" if attempt >= max_attempts else "queued"
    delay = BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS)) - 1]
    with db.UnitOfWork(engine) as session:
        session.execute(
            sa.update(Job)
            .where(*fence)
            .values(
                state=state,
                last_error=error[-4000:],
                finished_at=utcnow() if state == "failed" else None,
                run_after=utcnow() + timedelta(seconds=delay),
                dispatched_at=None,
            )
        )
        session.commit()
    return state


def retry(session: Session, job_id: int) -> bool:
    """Queue a failed job again from its first try (an admin's button)."""
    changed = session.execute(
        sa.update(Job)
        .where(Job.id == job_id, Job.state == "failed")
        .values(
            state="queued", attempts=0, run_after=utcnow(), dispatched_at=None, finished_at=None
        )
    )
    if changed.rowcount:
        app = current_app._get_current_object()
        db.after_commit(session, lambda: dispatch(app, [job_id]))
    return bool(changed.rowcount)


def sweep(app: Flask) -> dict[str, int]:
    """One round of the periodic work; returns what it did, by kind."""
    now = utcnow()
    lease = timedelta(seconds=app.config["JOBS_LEASE_SECONDS"])
    with job_context(app), db.UnitOfWork(db.get_db(app).engine) as session:
        lost = session.execute(
            sa.update(Job)
            .where(Job.state == "running", Job.started_at < now - lease)
            .values(state="queued", run_after=now, dispatched_at=None)
        ).rowcount
        given_up = session.execute(
            sa.update(Job)
            .where(Job.state == "queued", Job.attempts >= app.config["JOBS_MAX_ATTEMPTS"])
            .values(state="failed", finished_at=now, last_error="the worker running it stopped")
        ).rowcount
        due = list(
            session.scalars(
                sa.select(Job.id).where(
                    Job.state == "queued",
                    Job.run_after <= now,
                    sa.or_(Job.dispatched_at.is_(None), Job.dispatched_at < now - REDISPATCH_AFTER),
                )
            )
        )
        forgotten = session.execute(
            sa.delete(Job).where(Job.state == "done", Job.finished_at < now - KEEP_FINISHED)
        ).rowcount
        done = {name: task(session) for name, task in PERIODIC.items()}
        session.commit()
    dispatch(app, due)
    return {
        "recovered": lost,
        "failed": given_up,
        "dispatched": len(due),
        "forgotten": forgotten,
        **done,
    }
