"""Taking a quiz: start or resume an attempt, answer (one page or one question at a
time), save as you go, submit, see the result. Everything works without JavaScript;
with it, ``static/js/quiz.js`` saves each answer as it is given and shows the time left."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from elearn import db
from elearn.content import question_type_lookup
from elearn.learn import bp
from elearn.learn.forms import ActionForm
from elearn.learn.lookup import enrolled_item, locked_reason, missing_parts
from elearn.models import Attempt, Question
from elearn.permissions import signed_in
from elearn.progress.attempts import (
    AttemptRefused,
    close_if_expired,
    questions_of,
    save_answers,
    start_attempt,
    submit_attempt,
)
from elearn.questions.views import attempt_views, result_views

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
    "locked": _l("Finish the earlier steps of the course first."),
    "unavailable": _l("This course is not available at the moment."),
}


@bp.route("/courses/<key>/items/<item_key>/start", methods=["POST"])
@signed_in
def start_quiz(key: str, item_key: str):
    _course, version, item, enrolment = enrolled_item(key, item_key)
    session = db.session()
    if enrolment is None or not ActionForm().validate_on_submit():
        return redirect(url_for("learn.course", key=key))
    try:
        if missing_parts(version):
            raise AttemptRefused("unavailable")
        if locked_reason(session, version, item, enrolment):
            raise AttemptRefused("locked")
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
    version = attempt.item.version
    if attempt.open and missing_parts(version):
        flash(str(REFUSALS["unavailable"]), "error")
        return redirect(url_for("learn.course", key=version.course.key))
    if request.method == "POST" and ActionForm().validate_on_submit():
        return _answer(session, attempt)
    if close_if_expired(session, current_user, attempt):
        flash(str(REFUSALS["time-is-up"]), "info")
    page = {
        "attempt": attempt,
        "item": attempt.item,
        "course": attempt.item.version.course,
        "questions": questions_of(session, attempt),
    }
    if attempt.open:
        return _attempt_page(page)
    shows = _shows(session, attempt)
    return render_template(
        "learn/result.html",
        **page,
        views=result_views(attempt, page["questions"], shows["feedback"]),
        show_feedback=shows["feedback"],
        correct_answers=_correct_answers(attempt, page["questions"]) if shows["answers"] else {},
    )


def _attempt_page(page: dict[str, Any]):
    attempt = page["attempt"]
    layout = attempt.layout
    responses = attempt.responses or {}
    per_question = attempt.item.settings.get("layout") == "per-question"
    number = min(max(request.args.get("q", 1, type=int), 1), len(layout) or 1)
    shown = (
        [(number, layout[number - 1])] if per_question and layout else list(enumerate(layout, 1))
    )
    return render_template(
        "learn/attempt.html",
        **page,
        form=ActionForm(),
        responses=responses,
        views=attempt_views(shown, page["questions"], responses),
        shown=shown,
        per_question=per_question,
        number=number,
        answered={key for key, value in responses.items() if _given(value)},
    )


def _given(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_given(v) for v in value.values())
    if isinstance(value, list):
        return any(_given(v) for v in value)
    return value not in (None, "")


def _answers_from_form(attempt: Attempt, questions: dict[int, Question]) -> dict[str, Any]:
    """The responses of the questions this form showed (``shown``), read by their types."""
    shown = set(request.form.getlist("shown"))
    types = question_type_lookup(current_app)
    answers = {}
    for entry in attempt.layout:
        if shown and entry["key"] not in shown:
            continue
        question_type = types.get(questions[entry["id"]].type_id)
        if question_type is not None:
            answers[entry["key"]] = question_type.response_from_form(
                request.form, f"q-{entry['key']}"
            )
    return answers


def _answer(session, attempt: Attempt):
    answers = _answers_from_form(attempt, questions_of(session, attempt))
    revision = request.form.get("revision", type=int)
    action = request.form.get("action", "save")
    target = url_for("learn.attempt", attempt_id=attempt.id)
    try:
        save_answers(session, current_user, attempt, answers, revision)
        if action == "submit":
            submit_attempt(session, current_user, attempt)
        elif action.startswith("goto-") and action[5:].isdigit():
            target = url_for("learn.attempt", attempt_id=attempt.id, q=int(action[5:]))
        else:
            flash(str(_l("Your answers are saved.")), "success")
    except AttemptRefused as refused:
        flash(str(REFUSALS[refused.reason]), "error")
    return redirect(target)


@bp.route("/attempts/<int:attempt_id>/answers", methods=["POST"])
@signed_in
def save_answer(attempt_id: int):
    """Save the answers of the questions named by ``shown`` (the page's script calls this
    as the learner answers); the CSRF token comes in the ``X-CSRFToken`` header."""
    session = db.session()
    attempt = _own_attempt_or_404(attempt_id)
    if missing_parts(attempt.item.version):
        return jsonify(error="unavailable", message=str(REFUSALS["unavailable"])), 409
    answers = _answers_from_form(attempt, questions_of(session, attempt))
    try:
        revision = save_answers(
            session, current_user, attempt, answers, request.form.get("revision", type=int)
        )
    except AttemptRefused as refused:
        return jsonify(error=refused.reason, message=str(REFUSALS[refused.reason])), 409
    return jsonify(revision=revision, saved=sorted(answers))


def _shows(session, attempt: Attempt) -> dict[str, bool]:
    """Whether a submitted attempt shows its feedback and its correct answers, by the
    quiz's rules (``umpan_balik``, ``tampilkan_jawaban``); attempts are counted at most
    once, and only for a rule that waits for the quiz to close."""
    settings = attempt.item.settings
    rules = {
        "feedback": settings.get("feedback", "after-submit"),
        "answers": settings.get("show_answers", "after-pass"),
    }
    closed = bool(attempt.passed)
    if not closed and "after-close" in rules.values() and settings.get("attempts"):
        used = session.scalar(
            sa.select(sa.func.count(Attempt.id)).where(
                Attempt.user_id == attempt.user_id,
                Attempt.course_id == attempt.course_id,
                Attempt.item_key == attempt.item_key,
            )
        )
        closed = used >= settings["attempts"]
    after = {
        "after-submit": True,
        "after-pass": bool(attempt.passed),
        "after-close": closed,
        "never": False,
    }
    return {what: not attempt.open and after.get(rule, False) for what, rule in rules.items()}


def _correct_answers(attempt: Attempt, questions: dict[int, Question]) -> dict[str, list[str]]:
    types = question_type_lookup(current_app)
    shown = {}
    for entry in attempt.layout:
        question = questions[entry["id"]]
        question_type = types.get(question.type_id)
        try:
            shown[entry["key"]] = (
                question_type.correct_answer(question.answer_key, entry["view"])
                if question_type
                else []
            )
        except Exception:  # a plugin's bug costs the learner only this line
            current_app.logger.exception("correct_answer of %s failed", question.type_id)
            shown[entry["key"]] = []
    return shown
