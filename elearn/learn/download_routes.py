"""Downloads: the files a job prepared for the signed-in person (a SIASN archive), each
kept a week; the page looks again every few seconds while one is being prepared."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, render_template
from flask_login import current_user
from sqlalchemy.orm import undefer

from elearn import db
from elearn.learn import bp
from elearn.models import Job
from elearn.permissions import signed_in


@bp.route("/downloads")
@signed_in
def downloads():
    files = (
        db.session()
        .scalars(
            sa.select(Job)
            .where(Job.user_id == current_user.id, Job.result_name.is_not(None))
            .order_by(Job.created_at.desc(), Job.id.desc())
            .limit(50)
        )
        .all()
    )
    preparing = any(job.state in ("queued", "running") for job in files)
    return render_template("learn/downloads.html", files=files, preparing=preparing)


@bp.route("/downloads/<int:job_id>")
@signed_in
def download(job_id: int):
    job = db.session().scalar(sa.select(Job).where(Job.id == job_id).options(undefer(Job.result)))
    if job is None or job.user_id != current_user.id or job.result is None:
        abort(404)  # another person's file does not exist for you
    return Response(
        job.result,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{job.result_name}"'},
    )
