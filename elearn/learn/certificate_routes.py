"""A learner downloads their certificate; anyone checks one by its code."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from flask import Response, abort, redirect, render_template, request, url_for
from flask_login import current_user

from elearn import db
from elearn.certificates.codes import normalise_code
from elearn.learn import bp
from elearn.learn.certificate_forms import CodeForm, PdfCheckForm
from elearn.models import Certificate
from elearn.permissions import public, signed_in


@bp.route("/certificates/<int:certificate_id>/download")
@signed_in
def download_certificate(certificate_id: int):
    certificate = db.session().get(Certificate, certificate_id)
    if certificate is None or (
        certificate.user_id != current_user.id and not current_user.has_role("admin")
    ):
        abort(404)  # another learner's certificate does not exist for you
    if certificate.pdf is None:  # its job has not run yet: the page looks again shortly
        return render_template("learn/certificate_pending.html", certificate=certificate), 202
    filename = f"sertifikat-{certificate.code}.pdf"
    return Response(
        certificate.pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/verify")
@public
def verify_certificate_form():
    form = CodeForm(request.args)
    if request.args and form.validate():
        return redirect(url_for("learn.verify_certificate", code=normalise_code(form.code.data)))
    return render_template("learn/certificate_verify_form.html", form=form)


@bp.route("/verify/<code>", methods=["GET", "POST"])
@public
def verify_certificate(code: str):
    """What the certificate shows, and whether an uploaded PDF is the one issued."""
    normalised = normalise_code(code)
    if normalised != code:
        return redirect(url_for("learn.verify_certificate", code=normalised))
    certificate = db.session().scalar(sa.select(Certificate).where(Certificate.code == code))
    form = PdfCheckForm()
    matches = None
    if certificate is not None and certificate.pdf_sha256 and form.validate_on_submit():
        uploaded = hashlib.sha256(form.pdf.data.read()).hexdigest()
        matches = uploaded == certificate.pdf_sha256
    return render_template(
        "learn/certificate_verify.html",
        certificate=certificate,
        code=code,
        form=form,
        matches=matches,
        code_form=CodeForm(data={"code": code}),
    ), (200 if certificate else 404)
