"""``elearn worker``: runs jobs (elearn.jobs) and the periodic sweep.

With ``ELEARN_REDIS_URL`` it is an RQ worker on the platform's queue, with a thread that
sweeps every ``JOBS_SWEEP_SECONDS``; without Redis the sweep itself runs the jobs that
are due (retries; work queued by a process that stopped before running it). Run one or
more beside the app processes; any number may run at once (a job is claimed before it
runs, so none runs twice).
"""

from __future__ import annotations

import logging
import threading
import time

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from elearn import jobs

log = logging.getLogger(__name__)


def sweep_safely(app: Flask) -> None:
    try:
        done = jobs.sweep(app)
    except Exception:  # noqa: BLE001 (a sweep that fails is tried again next round)
        log.exception("the job sweep failed")
        return
    if any(done.values()):
        log.info("sweep: %s", ", ".join(f"{k} {v}" for k, v in done.items() if v))


def start_sweeper(app: Flask) -> threading.Thread:
    """Sweep every ``JOBS_SWEEP_SECONDS`` in a background thread of this process."""

    def loop() -> None:
        while True:
            time.sleep(app.config["JOBS_SWEEP_SECONDS"])
            sweep_safely(app)

    thread = threading.Thread(target=loop, name="elearn-sweeper", daemon=True)
    thread.start()
    return thread


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run what is due now, then stop (cron, tests).")
@with_appcontext
def worker_command(burst: bool) -> None:
    """Run jobs (certificate PDFs, e-mail, exports) and the periodic sweep."""
    run_worker(current_app._get_current_object(), burst)


def run_worker(app: Flask, burst: bool = False) -> None:
    """Work until stopped (or, with ``burst``, until nothing is due)."""
    jobs.WORKER_APP[:] = [app]
    queue = jobs.rq_queue(app)
    sweep_safely(app)
    if queue is None:
        click.echo("elearn worker: no ELEARN_REDIS_URL, running due jobs from the database")
        while not burst:
            time.sleep(app.config["JOBS_SWEEP_SECONDS"])
            sweep_safely(app)
        return
    from rq import SimpleWorker

    if not burst:
        start_sweeper(app)
    click.echo(f"elearn worker: queue {queue.name!r} on {app.config['REDIS_URL']}")
    SimpleWorker([queue], connection=queue.connection).work(burst=burst)
