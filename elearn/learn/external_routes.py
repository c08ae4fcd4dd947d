"""An ASN's training done elsewhere: the list with each record's state, the form to
record one with its certificate, and the certificate itself (its owner and admins)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from elearn import db
from elearn.learn import bp
from elearn.learn.external_forms import ExternalLearningForm
from elearn.models import ExternalLearning
from elearn.permissions import signed_in
from elearn.progress.external import record_external


@bp.route("/learning/external", methods=["GET", "POST"])
@signed_in
def external_learning():
    session = db.session()
    form = ExternalLearningForm()
    if form.validate_on_submit():
        competency, code = form.competency.split
        record_external(
            session,
            current_user,
            title=form.title.data.strip(),
            organiser=form.organiser.data.strip(),
            start_date=form.start_date.data,
            end_date=form.end_date.data,
            jp=round(form.jp.data, 2),
            competency=competency,
            competency_code=code,
            certificate_number=(form.certificate_number.data or "").strip(),
            certificate_pdf=form.pdf.data.read(),
        )
        session.commit()
        flash(_("Recorded. An admin will verify it; its JP count once verified."), "success")
        return redirect(url_for("learn.external_learning"))
    records = session.scalars(
        sa.select(ExternalLearning)
        .where(ExternalLearning.user_id == current_user.id)
        .order_by(ExternalLearning.end_date.desc(), ExternalLearning.id.desc())
    ).all()
    return render_template("learn/external.html", form=form, records=records)


@bp.route("/learning/external/<int:record_id>/certificate")
@signed_in
def external_certificate(record_id: int):
    record = db.session().get(ExternalLearning, record_id)
    if record is None or (record.user_id != current_user.id and not current_user.has_role("admin")):
        abort(404)
    response = current_app.response_class(record.certificate_pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="sertifikat-{record.id}.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
