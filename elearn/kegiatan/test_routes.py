"""The event's test: its organisers write it (a quiz file, checked line by line) and
say whether it is also a pre-test and whether completion needs the post-test passed;
participants take it on one page."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from elearn import db
from elearn.forms import ActionForm
from elearn.kegiatan import bp
from elearn.kegiatan.completion import settle
from elearn.kegiatan.event_test import (
    TEMPLATE,
    attempts_of,
    compile_test,
    event_test,
    open_attempt,
    refusal,
    submit,
)
from elearn.kegiatan.forms import TestForm
from elearn.kegiatan.manage_routes import ORGANISERS, managed_or_404
from elearn.kegiatan.registration import registration_of
from elearn.kegiatan.routes import event_or_404
from elearn.kegiatan.test_status import phase_open
from elearn.permissions import roles_required, signed_in
from elearn.questions.views import answers_from_form, attempt_views
from elearn.templating import number

PHASES = ("pre", "post")


@bp.route("/<int:event_id>/test/edit", methods=["GET", "POST"])
@roles_required(*ORGANISERS)
def edit_test(event_id: int):
    event = managed_or_404(event_id)
    form = TestForm(obj=event)
    if not form.is_submitted():
        form.source.data = event.test_source or TEMPLATE
    problems = []
    if form.validate_on_submit():
        source = (form.source.data or "").replace("\r\n", "\n").strip()
        test, problems = (
            compile_test(current_app._get_current_object(), source) if source else (None, [])
        )
        if source and test is None:
            flash(_("The test is not saved: fix the problems listed below."), "error")
        else:
            event.test_source = source + "\n" if source else ""
            event.pre_test = bool(source) and form.pre_test.data
            event.post_test_required = bool(source) and form.post_test_required.data
            db.session().commit()
            flash(_("The test is saved.") if source else _("The event has no test now."), "success")
            return redirect(url_for("kegiatan.manage", event_id=event.id))
    return render_template("kegiatan/test_edit.html", event=event, form=form, problems=problems)


@bp.route("/<int:event_id>/test/<phase>", methods=["GET", "POST"])
@signed_in
def take_test(event_id: int, phase: str):
    session = db.session()
    event = event_or_404(event_id)
    if phase not in PHASES:
        abort(404)
    registration = registration_of(session, event.id, current_user.id)
    back = redirect(url_for("kegiatan.event", event_id=event.id))
    if not phase_open(session, event, registration, phase):
        flash(_("This test is not open to you now."), "info")
        return back
    test = event_test(event)
    attempts = attempts_of(session, event.id, current_user.id, phase)
    current = next((a for a in attempts if a.submitted_at is None), None)
    refused = refusal(test, attempts, phase) if current is None else None
    if refused:
        flash(str(refused), "info")
        return back
    form = ActionForm()
    if form.is_submitted():
        if not form.validate_on_submit():
            abort(400)
        if current is None or current.source_sha256 != test.sha256:  # the start button
            open_attempt(session, event, current_user, phase, test)
            session.commit()
            return redirect(url_for("kegiatan.take_test", event_id=event.id, phase=phase))
        answers, too_long = answers_from_form(current.layout, test.questions)
        for _position, _key, message in too_long:
            flash(message, "error")
        submit(current, test, answers)
        if phase == "post" and current.passed:
            settle(session, event, registration)
        session.commit()
        flash(_result_message(current), "success" if current.passed else "info")
        return back
    views = (
        attempt_views(list(enumerate(current.layout, start=1)), test.questions, {})
        if current
        else {}
    )
    return render_template(
        "kegiatan/test_take.html",
        event=event,
        phase=phase,
        attempt=current,
        questions=test.questions,
        views=views,
        test=test,
        done=len([a for a in attempts if a.submitted_at is not None]),
        form=form,
    )


def _result_message(attempt) -> str:
    if attempt.pending:
        return _("An answer could not be graded, so the test is not passed. Tell the organiser.")
    if attempt.phase == "pre":
        return _("Pre-test sent: your score is %(percent)s.", percent=number(attempt.percent))
    if attempt.passed:
        return _("You passed the post-test with %(percent)s.", percent=number(attempt.percent))
    return _("Your score is %(percent)s, below the pass mark.", percent=number(attempt.percent))
