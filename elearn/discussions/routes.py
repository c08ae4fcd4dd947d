"""A course's discussion pages: the list of questions with the form to ask, a question
with its answers, and the trainer's accept, pin and lock."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from elearn import db
from elearn.content.render import render_block
from elearn.discussions import bp
from elearn.discussions.forms import AnswerForm, QuestionForm
from elearn.discussions.threads import accept, answer, ask, may_moderate, may_read, toggle_follow
from elearn.forms import ActionForm, ReasonForm, ReportForm
from elearn.learn.lookup import published_course
from elearn.models import Course, CourseAnswer, CourseQuestion, QuestionFollower
from elearn.permissions import signed_in
from elearn.ratelimit import per_user

SHOWN = 100


def course_or_404(key: str):
    """The course (its newest version for its items), if the person may read its
    discussion: enrolled learners, its trainers, admins."""
    session = db.session()
    version, _enrolment, _done = published_course(session, key)
    course = session.get(Course, version.course_id)
    if not may_read(session, current_user, course):
        abort(403)
    return course, version


def _question_form(version) -> QuestionForm:
    form = QuestionForm()
    form.item.choices = [SelectChoice("", _("The course as a whole"))] + [
        SelectChoice(item.key, item.title) for item in version.items
    ]
    return form


@bp.route("/courses/<key>/discussion", methods=["GET", "POST"])
@signed_in
@per_user("POST_LIMIT_USER")
def discussion(key: str):
    course, version = course_or_404(key)
    session = db.session()
    form = _question_form(version)
    if not form.is_submitted() and request.args.get("tentang") in {i.key for i in version.items}:
        form.item.data = request.args["tentang"]  # asked from a lesson or quiz page
    if form.validate_on_submit():
        question = ask(session, course, current_user, form.title.data.strip(),
                       form.body.data.strip(), form.item.data or None)  # fmt: skip
        session.commit()
        flash(_("Your question is posted. You are told of every answer."), "success")
        return redirect(url_for("discussions.question", key=key, question_id=question.id))
    moderator = may_moderate(session, current_user, course)
    statement = (
        sa.select(CourseQuestion)
        .options(joinedload(CourseQuestion.author))
        .where(CourseQuestion.course_id == course.id)
        .order_by(CourseQuestion.pinned.desc(), CourseQuestion.last_activity_at.desc())
        .limit(SHOWN)
    )
    if not moderator:
        statement = statement.where(CourseQuestion.hidden_at.is_(None))
    return render_template(
        "discussions/list.html",
        course=course,
        version=version,
        questions=session.scalars(statement).all(),
        items={item.key: item.title for item in version.items},
        form=form,
    )


def question_or_404(course, question_id: int) -> CourseQuestion:
    question = db.session().get(CourseQuestion, question_id)
    if question is None or question.course_id != course.id:
        abort(404)
    if question.hidden and not may_moderate(db.session(), current_user, course):
        abort(404)
    return question


@bp.route("/courses/<key>/discussion/<int:question_id>", methods=["GET", "POST"])
@signed_in
@per_user("POST_LIMIT_USER")
def question(key: str, question_id: int):
    course, version = course_or_404(key)
    session = db.session()
    thread = question_or_404(course, question_id)
    form = AnswerForm()
    moderator = may_moderate(session, current_user, course)
    if form.validate_on_submit():
        if thread.locked and not moderator:
            flash(_("This question is closed to new answers."), "error")
        else:
            made = answer(session, course, thread, current_user, form.body.data.strip())
            session.commit()
            return redirect(url_for("discussions.question", key=key, question_id=thread.id,
                                    _anchor=f"jawaban-{made.id}"))  # fmt: skip
    answers = session.scalars(
        sa.select(CourseAnswer)
        .options(joinedload(CourseAnswer.author))
        .where(CourseAnswer.question_id == thread.id)
        .order_by(CourseAnswer.created_at, CourseAnswer.id)
    ).all()
    return render_template(
        "discussions/question.html",
        course=course,
        version=version,
        thread=thread,
        answers=answers,
        rendered={a.id: Markup(render_block(a.body)) for a in answers},  # noqa: S704
        body=Markup(render_block(thread.body)),  # noqa: S704 (sanitised)
        item_title=next((i.title for i in version.items if i.key == thread.item_key), None),
        following=session.get(QuestionFollower, (thread.id, current_user.id)) is not None,
        moderator=moderator,
        form=form,
        action=ActionForm(),
        reason_form=ReasonForm(),
        report_form=ReportForm(),
    )


@bp.route("/courses/<key>/discussion/<int:question_id>/<what>", methods=["POST"])
@signed_in
def question_action(key: str, question_id: int, what: str):
    """follow, pin, lock (a trainer's toggles), or accept=<answer id>."""
    course, _version = course_or_404(key)
    session = db.session()
    thread = question_or_404(course, question_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    back = redirect(url_for("discussions.question", key=key, question_id=thread.id))
    if what == "follow":
        following = toggle_follow(session, thread, current_user)
        session.commit()
        flash(_("You follow this question.") if following else _("You no longer follow it."),
              "success")  # fmt: skip
        return back
    if what not in ("pin", "lock", "accept") or not may_moderate(session, current_user, course):
        abort(403 if what in ("pin", "lock", "accept") else 404)
    if what == "accept":
        reply = session.get(CourseAnswer, request.form.get("answer", type=int) or 0)
        if reply is None or reply.question_id != thread.id or reply.hidden:
            abort(404)
        accept(session, course, thread, reply)
    elif what == "pin":
        thread.pinned = not thread.pinned
    else:
        thread.locked = not thread.locked
    session.commit()
    flash(_("Saved."), "success")
    return back
