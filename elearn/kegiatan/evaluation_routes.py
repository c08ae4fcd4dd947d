"""The participant's evaluation form, and the materials and recordings of an event:
listed for participants, added and removed by its organisers."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.utils import secure_filename

from elearn import db
from elearn.forms import ActionForm
from elearn.kegiatan import bp
from elearn.kegiatan.evaluation import SCALE, STATEMENTS, may_evaluate, record_evaluation
from elearn.kegiatan.forms import MaterialForm, evaluation_form
from elearn.kegiatan.manage_routes import ORGANISERS, managed_or_404
from elearn.kegiatan.registration import registration_of
from elearn.kegiatan.routes import can_manage, event_or_404, materials_of
from elearn.models import EventMaterial
from elearn.permissions import roles_required, signed_in

MAX_MATERIAL_BYTES = 20 * 1024 * 1024


@bp.route("/<int:event_id>/evaluation", methods=["GET", "POST"])
@signed_in
def evaluation(event_id: int):
    session = db.session()
    event = event_or_404(event_id)
    registration = registration_of(session, event.id, current_user.id)
    if not may_evaluate(session, registration):
        flash(
            _("The evaluation is for participants who attended, once each."),
            "info",
        )
        return redirect(url_for("kegiatan.event", event_id=event.id))
    form = evaluation_form(STATEMENTS, SCALE)
    if form.validate_on_submit():
        answers = {item: getattr(form, item).data for item in STATEMENTS}
        record_evaluation(session, event, registration, answers, (form.comment.data or "").strip())
        session.commit()
        flash(_("Thank you: your evaluation is sent without your name."), "success")
        return redirect(url_for("kegiatan.event", event_id=event.id))
    return render_template(
        "kegiatan/evaluation.html", event=event, form=form, items=list(STATEMENTS)
    )


@bp.route("/<int:event_id>/materials", methods=["GET", "POST"])
@roles_required(*ORGANISERS)
def materials(event_id: int):
    event = managed_or_404(event_id)
    form = MaterialForm()
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(MAX_MATERIAL_BYTES + 1) if upload else b""
        url = (form.url.data or "").strip()
        if len(data) > MAX_MATERIAL_BYTES:
            form.file.errors.append(_("A file is at most 20 MB."))
        elif bool(data) == bool(url):
            form.url.errors.append(_("Give a link or a file, one of them."))
        else:
            session = db.session()
            session.add(
                EventMaterial(
                    event_id=event.id,
                    kind=form.kind.data,
                    title=form.title.data.strip(),
                    url=url,
                    file_name=(secure_filename(upload.filename or "") or "berkas") if data else "",
                    data=data or None,
                    size=len(data),
                )
            )
            session.commit()
            flash(_("Added: participants see it on the event's page."), "success")
            return redirect(url_for("kegiatan.materials", event_id=event.id))
    return render_template(
        "kegiatan/materials.html",
        event=event,
        form=form,
        materials=materials_of(event.id),
        action=ActionForm(),
    )


@bp.route("/<int:event_id>/materials/<int:material_id>/delete", methods=["POST"])
@roles_required(*ORGANISERS)
def delete_material(event_id: int, material_id: int):
    event = managed_or_404(event_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    session = db.session()
    material = session.get(EventMaterial, material_id)
    if material is None or material.event_id != event.id:
        abort(404)
    session.delete(material)
    session.commit()
    flash(_("Removed."), "success")
    return redirect(url_for("kegiatan.materials", event_id=event.id))


@bp.route("/<int:event_id>/materials/<int:material_id>")
@signed_in
def material_file(event_id: int, material_id: int):
    """A material's file, for participants holding a seat and the organisers."""
    session = db.session()
    event = event_or_404(event_id)
    registration = registration_of(session, event.id, current_user.id)
    if not can_manage(event) and (registration is None or registration.status != "registered"):
        abort(404)
    material = session.get(EventMaterial, material_id)
    if material is None or material.event_id != event.id or material.data is None:
        abort(404)
    return Response(
        material.data,
        mimetype="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{material.file_name}"',
            "X-Content-Type-Options": "nosniff",
        },
    )
