"""Taking a quiz: start or resume an attempt, answer (one page or one question at a
time), save as you go, submit, see the result. Everything works without JavaScript;
with it, ``static/js/quiz.js`` saves each answer as it is given and shows the time left."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import (
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from elearn import db
from elearn.content.published import PublishedItem, published_questions, published_version
from elearn.forms import BUTTONS, ActionForm
from elearn.learn import bp
from elearn.learn.completion import completion_message
from elearn.learn.lookup import enrolled_item, locked_reason, missing_parts
from elearn.lookups import Lookup, columns_of
from elearn.models import Attempt, CourseItem, Enrolment, Question
from elearn.models.types import aware, utcnow
from elearn.permissions import signed_in
from elearn.progress.attempts import (
    AttemptRefused,
    close_if_expired,
    save_answers,
    start_attempt,
    submit_attempt,
)
from elearn.progress.grading import questions_of
from elearn.progress.submit_check import answered, submit_check
from elearn.questions.types import Reveal
from elearn.questions.views import (
    answers_from_form,
    attempt_views,
    correct_answers,
    question_sections,
    result_views,
    your_answers,
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
    session.commit()
    return redirect(url_for("learn.attempt", attempt_id=attempt.id))


_ATTEMPT_AND_VERSION = Lookup(  # every quiz page and answer save asks: sent to the driver
    sa.select(*columns_of(Attempt), CourseItem.version_id)
    .join(CourseItem, CourseItem.id == Attempt.item_id)
    .where(Attempt.id == sa.bindparam("attempt_id", 0)),
    entity=Attempt,
)


def _own_attempt_or_404(attempt_id: int) -> tuple[Attempt, PublishedItem]:
    """The learner's attempt and its quiz as published (its version and course kept per
    process, elearn.content.published), in one statement: loading the quiz, version and
    course as objects with the attempt was a quarter of a quiz page."""
    session = db.session()
    found = _ATTEMPT_AND_VERSION.first(session, attempt_id=attempt_id)
    if found is None or found[0].user_id != current_user.id:
        abort(404)  # another learner's attempt does not exist for you
    attempt, version_id = found
    version = published_version(session, version_id)
    return attempt, next(item for item in version.items if item.id == attempt.item_id)


@bp.route("/attempts/<int:attempt_id>", methods=["GET", "POST"])
@signed_in
def attempt(attempt_id: int):
    session = db.session()
    attempt, item = _own_attempt_or_404(attempt_id)
    version = item.version
    if attempt.open and missing_parts(version):
        flash(str(REFUSALS["unavailable"]), "error")
        return redirect(url_for("learn.course", key=version.course.key))
    if request.method == "POST" and ActionForm().validate_on_submit():
        answered_page = _answer(session, attempt)
        session.commit()  # the saved answers, and the submit if there was one
        return answered_page
    if close_if_expired(session, current_user, attempt):
        session.commit()
        flash(str(REFUSALS["time-is-up"]), "info")
    page = {
        "attempt": attempt,
        "item": item,
        "course": version.course,
        "questions": questions_of(session, attempt, with_keys=not attempt.open),
    }
    if attempt.open:
        return _attempt_page(page)
    reveal = reveal_of(session, attempt, item.settings)
    return render_template(
        "learn/result.html",
        **page,
        views=result_views(attempt, page["questions"], reveal),
        answers=your_answers(attempt, page["questions"]),
        reveal=reveal,
        correct_answers=correct_answers(attempt, page["questions"]) if reveal.answers else {},
    )


def _attempt_page(page: dict[str, Any]):
    attempt = page["attempt"]
    layout = attempt.layout
    responses = attempt.responses or {}
    per_question = page["item"].settings.get("layout") == "per-question"
    number = min(max(request.args.get("q", 1, type=int), 1), len(layout) or 1)
    shown = (
        [(number, layout[number - 1])] if per_question and layout else list(enumerate(layout, 1))
    )
    views = attempt_views(shown, page["questions"], responses)
    return render_template(
        "learn/attempt.html",
        **page,
        form=BUTTONS,
        sections=question_sections(shown, page["questions"], views),
        per_question=per_question,
        number=number,
        answered={key for key, value in responses.items() if answered(value)},
    )


def _answer(session, attempt: Attempt):
    questions = questions_of(session, attempt)
    answers, too_long = answers_from_form(attempt.layout, questions)
    revision = request.form.get("revision", type=int)
    action = request.form.get("action", "save")
    target = url_for("learn.attempt", attempt_id=attempt.id)
    try:
        save_answers(session, current_user, attempt, answers, revision)
    except AttemptRefused as refused:
        flash(str(REFUSALS[refused.reason]), "error")
        return redirect(target)
    if too_long:  # nothing goes on while an answer waits to be shortened
        for _position, _key, message in too_long:
            flash(message, "error")
        return redirect(url_for("learn.attempt", attempt_id=attempt.id, q=too_long[0][0]))
    if action in {"submit", "submit-confirmed"}:
        confirmed = action == "submit-confirmed" or request.form.get("timeout") == "1"
        return _submit(session, attempt, questions, confirmed)
    if action.startswith("goto-") and action[5:].isdigit():
        return redirect(url_for("learn.attempt", attempt_id=attempt.id, q=int(action[5:])))
    flash(str(_l("Your answers are saved.")), "success")
    return redirect(target)


def _submit(session, attempt: Attempt, questions: dict[int, Question], confirmed: bool):
    """Submit, unless something must be checked first: unanswered questions (the learner
    confirms) or a response that may not be submitted (the learner mends it). When the
    time is up, the attempt is submitted as it stands."""
    check = submit_check(attempt, questions)
    time_up = attempt.deadline is not None and utcnow() >= aware(attempt.deadline)
    if not time_up and (check.blocked or (check.unanswered and not confirmed)):
        return redirect(url_for("learn.confirm_submit", attempt_id=attempt.id))
    enrolment = session.scalar(
        sa.select(Enrolment).where(
            Enrolment.user_id == current_user.id, Enrolment.course_id == attempt.course_id
        )
    )
    completed_before = enrolment is not None and enrolment.completed_at is not None
    try:
        submit_attempt(session, current_user, attempt)
    except AttemptRefused as refused:
        flash(str(REFUSALS[refused.reason]), "error")
    if not completed_before and enrolment is not None and enrolment.completed_at is not None:
        flash(completion_message(session, current_user, enrolment), "success")
    return redirect(url_for("learn.attempt", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>/confirm")
@signed_in
def confirm_submit(attempt_id: int):
    """Before submitting: the questions left unanswered (to confirm) and the answers that
    may not be submitted as they stand (to mend). Works without script."""
    attempt, item = _own_attempt_or_404(attempt_id)
    if not attempt.open:
        return redirect(url_for("learn.attempt", attempt_id=attempt.id))
    questions = questions_of(db.session(), attempt)
    check = submit_check(attempt, questions)
    if check.clear:
        return redirect(url_for("learn.attempt", attempt_id=attempt.id))
    return render_template(
        "learn/confirm.html",
        attempt=attempt,
        item=item,
        course=item.version.course,
        check=check,
        per_question=item.settings.get("layout") == "per-question",
        form=ActionForm(),
    )


@bp.route("/attempts/<int:attempt_id>/answers", methods=["POST"])
@signed_in
def save_answer(attempt_id: int):
    """Save the answers of the questions named by ``shown`` (the page's script calls this
    as the learner answers); the CSRF token comes in the ``X-CSRFToken`` header. An
    answer over its length limit is refused (``refused``) and the others are saved."""
    session = db.session()
    attempt, item = _own_attempt_or_404(attempt_id)
    if missing_parts(item.version):
        return jsonify(error="unavailable", message=str(REFUSALS["unavailable"])), 409
    questions = published_questions(session, attempt.item_id)
    answers, too_long = answers_from_form(attempt.layout, questions)
    try:
        revision = save_answers(
            session,
            current_user,
            attempt,
            answers,
            request.form.get("revision", type=int),
        )
    except AttemptRefused as refused:
        session.commit()  # a save that found the time up submitted the attempt
        return jsonify(error=refused.reason, message=str(REFUSALS[refused.reason])), 409
    session.commit()
    refused = [{"key": key, "message": message} for _position, key, message in too_long]
    return jsonify(revision=revision, saved=sorted(answers), refused=refused)


@bp.route("/attempts/<int:attempt_id>/token")
@signed_in
def attempt_token(attempt_id: int):
    """A fresh form token for a quiz page whose session was renewed (the learner signed
    in again in another tab), so that its unsaved answers can still be saved."""
    attempt, _item = _own_attempt_or_404(attempt_id)
    return jsonify(csrf_token=generate_csrf(), revision=attempt.revision, open=attempt.open)


def reveal_of(session, attempt: Attempt, settings: dict[str, Any]) -> Reveal:
    """What a submitted attempt shows, by the quiz's rules (``umpan_balik``,
    ``tampilkan_jawaban``); attempts are counted at most once, and only for a rule
    that waits for the quiz to close."""
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
    shows = {what: not attempt.open and after.get(rule, False) for what, rule in rules.items()}
    return Reveal(feedback=shows["feedback"], answers=shows["answers"])
