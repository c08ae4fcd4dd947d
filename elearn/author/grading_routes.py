"""The grading queue and the page where a trainer grades one attempt's open answers.

A trainer sees the courses they teach (``course_trainers``); an admin sees every course.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from elearn import db
from elearn.audit import audit
from elearn.author import bp
from elearn.author.access import taught_ids
from elearn.forms import ActionForm
from elearn.models import Attempt, Course, CourseItem, User
from elearn.permissions import roles_required
from elearn.progress.attempts import grade_by_hand
from elearn.progress.grading import questions_of
from elearn.templating import number


def _taught(statement: sa.Select) -> sa.Select:
    """``statement`` (over attempts) limited to the courses the signed-in user teaches."""
    ids = taught_ids()
    return statement if ids is None else statement.where(Attempt.course_id.in_(ids))


@bp.route("/grading")
@roles_required("trainer", "admin")
def grading():
    rows = db.session().execute(
        _taught(
            sa.select(Attempt, User.full_name, User.nip, CourseItem.title, Course.key)
            .join(User, User.id == Attempt.user_id)
            .join(CourseItem, CourseItem.id == Attempt.item_id)
            .join(Course, Course.id == Attempt.course_id)
            .where(Attempt.state == "graded", Attempt.pending.is_(True))
            .order_by(Attempt.submitted_at)
        )
    )
    return render_template("author/grading.html", rows=rows.all())


@bp.route("/grading/<int:attempt_id>", methods=["GET", "POST"])
@roles_required("trainer", "admin")
def grade(attempt_id: int):
    session = db.session()
    attempt = session.scalar(_taught(sa.select(Attempt).where(Attempt.id == attempt_id)))
    if attempt is None or attempt.state != "graded":
        abort(404)
    questions = questions_of(session, attempt)
    waiting = [
        entry
        for entry in attempt.layout
        if (attempt.results or {}).get(entry["key"], {}).get("fraction") is None
    ]
    errors: dict[str, str] = {}
    form = ActionForm()
    if request.method == "POST" and form.validate_on_submit():
        grades = {}
        for entry in waiting:
            raw = request.form.get(f"points-{entry['key']}", "").strip().replace(",", ".")
            if not raw:
                continue
            try:
                points = float(raw)
            except ValueError:
                points = -1.0
            if not 0 <= points <= entry["points"]:
                errors[entry["key"]] = _(
                    "Give from 0 to %(points)s points.", points=number(entry["points"])
                )
                continue
            grades[entry["key"]] = (points, request.form.get(f"comment-{entry['key']}", ""))
        if not errors and grades:
            grade_by_hand(session, current_user, attempt, grades)
            given = ", ".join(f"{key}: {points:g}" for key, (points, _comment) in grades.items())
            audit(session, current_user, "attempt.grade", f"attempt:{attempt.id}", given)
            session.commit()
            flash(_("The grades are saved; the learner can read them now."), "success")
            following = session.scalar(  # on to the next answer waiting, oldest first
                _taught(
                    sa.select(Attempt.id)
                    .where(Attempt.pending.is_(True), Attempt.id != attempt.id)
                    .order_by(Attempt.submitted_at, Attempt.id)
                    .limit(1)
                )
            )
            if following is not None:
                return redirect(url_for("author.grade", attempt_id=following))
            return redirect(url_for("author.grading"))
        if not errors:
            errors[""] = _("Give points to at least one answer.")
    learner = session.get(User, attempt.user_id)
    return render_template(
        "author/grade.html",
        attempt=attempt,
        learner=learner,
        questions=questions,
        waiting=waiting,
        errors=errors,
        form=form,
    ), (400 if errors else 200)
