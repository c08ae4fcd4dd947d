"""Background jobs as admins see them: how many wait or run, and every job that failed
after its retries (certificate PDFs, e-mail, exports), with its error and a button to
try it again once the cause (a mail server, a plugin) is put right."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from elearn import db, jobs
from elearn.admin import bp
from elearn.audit import audit
from elearn.forms import ActionForm
from elearn.models import Job
from elearn.permissions import roles_required

FAILED_SHOWN = 100


@bp.route("/jobs")
@roles_required("admin")
def job_list():
    session = db.session()
    counts = dict(session.execute(sa.select(Job.state, sa.func.count()).group_by(Job.state)).all())
    waiting = session.scalar(
        sa.select(sa.func.count()).where(Job.state == "queued", Job.attempts > 0)
    )
    failed = session.scalars(
        sa.select(Job)
        .where(Job.state == "failed")
        .order_by(Job.finished_at.desc())
        .limit(FAILED_SHOWN)
    ).all()
    oldest = session.scalar(sa.select(sa.func.min(Job.created_at)).where(Job.state == "queued"))
    return render_template(
        "admin/jobs.html",
        counts=counts,
        retrying=waiting,
        failed=failed,
        oldest_queued=oldest,
        form=ActionForm(),
    )


@bp.route("/jobs/<int:job_id>/retry", methods=["POST"])
@roles_required("admin")
def retry_job(job_id: int):
    if not ActionForm().validate_on_submit():
        abort(400)
    session = db.session()
    if jobs.retry(session, job_id):
        audit(session, current_user, "job.retry", f"job:{job_id}", session.get(Job, job_id).name)
        session.commit()
        flash(_("Queued again."), "success")
    else:
        flash(_("This job is not failed (any more)."), "info")
    return redirect(url_for("admin.job_list"))
