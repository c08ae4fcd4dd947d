"""Taking a quiz: start or resume an attempt, answer, save, submit, see the result."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from elearn import db
from elearn.auth.permissions import signed_in
from elearn.content import question_type_lookup
from elearn.learn import bp
from elearn.learn.forms import ActionForm
from elearn.learn.lookup import enrolled_item
from elearn.models import Attempt
from elearn.progress.attempts import (
    AttemptRefused,
    close_if_expired,
    questions_of,
    save_answers,
    start_attempt,
    submit_attempt,
)

REFUSALS = {
    "no-attempts-left": _l("You have used all attempts at this quiz."),
    "time-is-up": _l("The time is up: the quiz was submitted with your saved answers."),
    "already-submitted": _l("This attempt has already been submitted."),
    "stale-form": _l(
        "This page was out of date (answers were saved elsewhere). Here is "
        "the latest version; check your answers and try again."
    ),
    "not-a-quiz": _l("This item is not a quiz."),
    "not-yours": _l("This attempt belongs to someone else."),
}


@bp.route("/courses/<key>/items/<item_key>/start", methods=["POST"])
@signed_in
def start_quiz(key: str, item_key: str):
    course, _version, item, enrolment = enrolled_item(key, item_key)
    session = db.session()
    if enrolment is None or not ActionForm().validate_on_submit():
        return redirect(url_for("learn.course", key=key))
    try:
        attempt = start_attempt(session, current_user, enrolment, item)
    except AttemptRefused as refused:
        flash(str(REFUSALS[refused.reason]), "error")
        return redirect(url_for("learn.item", key=key, item_key=item_key))
    return redirect(url_for("learn.attempt", attempt_id=attempt.id))


def _own_attempt_or_404(attempt_id: int) -> Attempt:
    attempt = db.session().get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)  # another learner's attempt does not exist for you
    return attempt


@bp.route("/attempts/<int:attempt_id>", methods=["GET", "POST"])
@signed_in
def attempt(attempt_id: int):
    session = db.session()
    attempt = _own_attempt_or_404(attempt_id)
    if request.method == "POST" and ActionForm().validate_on_submit():
        return _answer(session, attempt)
    if close_if_expired(session, current_user, attempt):
        flash(str(REFUSALS["time-is-up"]), "info")
    questions = questions_of(session, attempt)
    template = "learn/attempt.html" if attempt.open else "learn/result.html"
    return render_template(
        template,
        attempt=attempt,
        item=attempt.item,
        course=attempt.item.version.course,
        questions=questions,
        form=ActionForm(),
        responses=attempt.responses or {},
        show_feedback=_show_feedback(session, attempt),
    )


def _answer(session, attempt: Attempt):
    types = question_type_lookup(current_app)
    questions = questions_of(session, attempt)
    answers = {}
    for entry in attempt.layout:
        question_type = types.get(questions[entry["id"]].type_id)
        if question_type is not None:
            answers[entry["key"]] = question_type.response_from_form(
                request.form, f"q-{entry['key']}"
            )
    revision = request.form.get("revision", type=int)
    try:
        save_answers(session, current_user, attempt, answers, revision)
        if request.form.get("action") == "submit":
            submit_attempt(session, current_user, attempt)
        else:
            flash(str(_l("Your answers are saved.")), "success")
    except AttemptRefused as refused:
        flash(str(REFUSALS[refused.reason]), "error")
    return redirect(url_for("learn.attempt", attempt_id=attempt.id))


def _show_feedback(session, attempt: Attempt) -> bool:
    rule = attempt.item.settings.get("feedback", "after-submit")
    if attempt.open or rule == "never":
        return False
    if rule == "after-submit":
        return True
    allowed = attempt.item.settings.get("attempts") or 0
    used = session.scalar(
        sa.select(sa.func.count(Attempt.id)).where(
            Attempt.user_id == attempt.user_id,
            Attempt.course_id == attempt.course_id,
            Attempt.item_key == attempt.item_key,
        )
    )
    return bool(attempt.passed) or (allowed and used >= allowed)
