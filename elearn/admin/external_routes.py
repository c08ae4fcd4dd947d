"""Verifying training done elsewhere: the queue of records waiting, each with its
certificate, verified (its JP credited) or rejected with a note for the ASN."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from elearn import db
from elearn.admin import bp
from elearn.learn.external_forms import ReviewForm
from elearn.models import ExternalLearning
from elearn.permissions import roles_required
from elearn.progress.external import review
from elearn.progress.reviews import AlreadyReviewed
from elearn.templating import number

RECENT = 50


@bp.route("/external")
@roles_required("admin")
def external_queue():
    session = db.session()
    base = sa.select(ExternalLearning).options(joinedload(ExternalLearning.user))
    pending = session.scalars(
        base.where(ExternalLearning.status == "pending").order_by(ExternalLearning.created_at)
    ).all()
    decided = session.scalars(
        base.where(ExternalLearning.status != "pending")
        .order_by(ExternalLearning.reviewed_at.desc())
        .limit(RECENT)
    ).all()
    return render_template(
        "admin/external.html", pending=pending, decided=decided, form=ReviewForm()
    )


@bp.route("/external/<int:record_id>", methods=["POST"])
@roles_required("admin")
def review_external(record_id: int):
    session = db.session()
    record = session.get(ExternalLearning, record_id)
    form = ReviewForm()
    if record is None:
        abort(404)
    if not form.validate_on_submit():
        abort(400)
    verified = bool(form.verify.data)
    if not verified and not (form.note.data or "").strip():
        flash(_("Say why it is rejected: the ASN reads the note."), "error")
        return redirect(url_for("admin.external_queue"))
    try:
        review(session, current_user, record, verified, (form.note.data or "").strip())
        session.commit()
    except AlreadyReviewed:
        flash(_("This record was reviewed already."), "info")
        return redirect(url_for("admin.external_queue"))
    if verified:
        flash(
            _(
                "Verified: %(jp)s JP credited to %(name)s.",
                jp=number(record.jp),
                name=record.user.full_name,
            ),
            "success",
        )
    else:
        flash(_("Rejected."), "success")
    return redirect(url_for("admin.external_queue"))
