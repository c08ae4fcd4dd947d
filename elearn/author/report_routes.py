"""A course's reports for its trainers: enrolment, progress and quiz results with charts,
the item analysis of each quiz, and a learner's own path through the course; each table
exports as CSV and XLSX with the numbers the page shows."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from elearn import db
from elearn.audit import audit
from elearn.author import bp
from elearn.author.access import taught_course_or_404
from elearn.author.forms import GrantAttemptsForm
from elearn.models import (
    Attempt,
    AttemptGrant,
    Course,
    CourseVersion,
    Enrolment,
    ItemProgress,
    User,
)
from elearn.models.catalog import latest_version
from elearn.models.types import LOCAL_TIME, aware
from elearn.notifications import notify
from elearn.permissions import roles_required
from elearn.progress.attempts import grant_attempts
from elearn.reports.course import PROGRESS_BINS, SCORE_BINS, course_report
from elearn.reports.export import table_response
from elearn.reports.items import FLAGS, analyse, first_attempts

PAGE_SIZE = 100
DEFAULT_STUCK_DAYS = 14


def _published(course: Course) -> CourseVersion:
    version = latest_version(db.session(), course)
    if version is None:
        abort(404)  # nothing published, nobody to report on
    return version


def _day(moment) -> str:
    return aware(moment).astimezone(LOCAL_TIME).strftime("%d-%m-%Y") if moment else ""


@bp.route("/courses/<key>/reports")
@roles_required("trainer", "admin")
def report(key: str):
    course = taught_course_or_404(key)
    version = _published(course)
    stuck_days = max(1, min(request.args.get("macet", DEFAULT_STUCK_DAYS, type=int), 365))
    data = course_report(db.session(), course.id, version, stuck_days)
    only_stuck = request.args.get("hanya") == "macet"
    learners = [r for r in data.learners if r.stuck] if only_stuck else data.learners
    fmt = request.args.get("format")
    if fmt in {"csv", "xlsx"} and request.args.get("tabel") == "kuis":
        header = [_("Quiz"), _("Learners"), _("Attempts"), _("Passed"), _("Mean score")]
        header += list(SCORE_BINS)
        rows = (
            [q.title, q.learners, q.attempts, q.passed, round(q.mean, 1), *q.histogram]
            for q in data.quizzes
        )
        return table_response(f"kuis-{course.key}", fmt, header, rows)
    if fmt in {"csv", "xlsx"}:
        header = [_("NIP"), _("Name"), _("Enrolled"), _("Progress (%)"), _("Last active")]
        header += [_("Completed"), _("Stuck")]
        rows = (
            [
                r.nip,
                r.name,
                _day(r.enrolled_at),
                r.percent,
                _day(r.last_activity_at),
                _day(r.completed_at),
                _("yes") if r.stuck else "",
            ]
            for r in learners
        )
        return table_response(f"peserta-{course.key}", fmt, header, rows)
    page = max(request.args.get("halaman", 1, type=int), 1)
    months = [
        (format_date(date(int(label[:4]), int(label[5:]), 1), "MMM yy"), count)
        for label, count in data.completions_by_month
    ]
    return render_template(
        "author/report.html",
        course=course,
        version=version,
        data=data,
        months=months,
        counts=data.counts,
        progress_bins=PROGRESS_BINS,
        score_bins=SCORE_BINS,
        learners=learners[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        shown=len(learners),
        only_stuck=only_stuck,
        page=page,
        pages=max(1, -(-len(learners) // PAGE_SIZE)),
    )


@bp.route("/courses/<key>/reports/quiz/<item_key>")
@roles_required("trainer", "admin")
def report_items(key: str, item_key: str):
    course = taught_course_or_404(key)
    version = _published(course)
    item = next((i for i in version.items if i.key == item_key and i.kind == "quiz"), None)
    if item is None:
        abort(404)
    attempts = first_attempts(db.session(), course.id, item_key)
    stats = analyse(item, attempts)
    fmt = request.args.get("format")
    if fmt in {"csv", "xlsx"}:
        header = [_("Question"), _("Type"), _("Answered"), _("Facility"), _("Discrimination")]
        header += [_("Options chosen"), _("Flags")]
        rows = (
            [
                s.title,
                s.type_id,
                s.answered,
                round(s.facility, 2) if s.facility is not None else "",
                round(s.discrimination, 2) if s.discrimination is not None else "",
                "; ".join(
                    f"{o.option_id}{'*' if o.correct else ''}: {o.chosen}" for o in s.options
                ),
                "; ".join(str(FLAGS[f]) for f in s.flags),
            ]
            for s in stats
        )
        return table_response(f"analisis-{course.key}-{item_key}", fmt, header, rows)
    return render_template(
        "author/report_items.html",
        course=course,
        item=item,
        stats=stats,
        learners=len(attempts),
        flag_labels=FLAGS,
    )


@bp.route("/courses/<key>/reports/learners/<int:user_id>")
@roles_required("trainer", "admin")
def report_learner(key: str, user_id: int):
    """One learner's path: what they have done, when, and each attempt's result."""
    course = taught_course_or_404(key)
    version = _published(course)
    session = db.session()
    enrolment = session.scalar(
        sa.select(Enrolment).where(Enrolment.course_id == course.id, Enrolment.user_id == user_id)
    )
    if enrolment is None:
        abort(404)  # a trainer sees the learners of their courses only
    learner = session.get(User, user_id)
    progress = {
        p.item_key: p
        for p in session.scalars(
            sa.select(ItemProgress).where(ItemProgress.enrolment_id == enrolment.id)
        )
    }
    attempts = session.scalars(
        sa.select(Attempt)
        .where(Attempt.course_id == course.id, Attempt.user_id == user_id)
        .order_by(Attempt.item_key, Attempt.number)
    ).all()
    by_item: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_item.setdefault(attempt.item_key, []).append(attempt)
    fmt = request.args.get("format")
    if fmt in {"csv", "xlsx"}:
        header = [_("Step"), _("Opened"), _("Done"), _("Attempts"), _("Best score")]
        rows = []
        for item in version.items:
            done = progress.get(item.key)
            tries = [a for a in by_item.get(item.key, []) if a.percent is not None]
            rows.append(
                [
                    item.title,
                    _day(done.first_viewed_at) if done else "",
                    _day(done.completed_at) if done and done.completed_at else "",
                    len(by_item.get(item.key, [])),
                    max((a.percent for a in tries), default=""),
                ]
            )
        return table_response(
            f"peserta-{learner.nip or learner.id}-{course.key}", fmt, header, rows
        )
    return render_template(
        "author/report_learner.html",
        course=course,
        version=version,
        learner=learner,
        enrolment=enrolment,
        progress=progress,
        attempts=by_item,
        grant_form=_grant_form(version),
        grants=session.scalars(
            sa.select(AttemptGrant)
            .where(AttemptGrant.course_id == course.id, AttemptGrant.user_id == user_id)
            .order_by(AttemptGrant.granted_at)
        ).all(),
    )


def _grant_form(version: CourseVersion) -> GrantAttemptsForm | None:
    """The form for extra attempts, offering the quizzes whose attempts are limited."""
    limited = [i for i in version.items if i.kind == "quiz" and i.settings.get("attempts")]
    if not limited:
        return None
    form = GrantAttemptsForm()
    form.item_key.choices = [SelectChoice(i.key, i.title) for i in limited]
    return form


@bp.route("/courses/<key>/reports/learners/<int:user_id>/attempts", methods=["POST"])
@roles_required("trainer", "admin")
def grant_learner_attempts(key: str, user_id: int):
    """Give a learner who used up a quiz's attempts more, with the reason (audited; the
    learner is told)."""
    course = taught_course_or_404(key)
    session = db.session()
    enrolled = session.scalar(
        sa.select(Enrolment.id).where(
            Enrolment.course_id == course.id, Enrolment.user_id == user_id
        )
    )
    version = _published(course)
    form, course_title = _grant_form(version), version.title
    if enrolled is None or form is None:
        abort(404)
    learner = session.get(User, user_id)
    page = url_for("author.report_learner", key=key, user_id=user_id)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "error")
        return redirect(page)
    title = next(c.label for c in form.item_key.choices if c.value == form.item_key.data)
    extra, reason = form.extra.data, form.reason.data.strip()
    grant_attempts(session, current_user, learner, course, form.item_key.data, extra, reason)
    audit(
        session,
        current_user,
        "attempt.extra",
        f"attempt:{course.key}/{form.item_key.data}",
        f"{learner.nip or learner.email}: +{extra} ({reason})",
    )
    notify(
        session,
        learner,
        "attempt.extra",
        "learn.item",
        {"key": course.key, "item_key": form.item_key.data},
        quiz=title,
        course=course_title,
        extra=extra,
    )
    session.commit()
    flash(
        ngettext(
            "%(num)d extra attempt granted to %(name)s.",
            "%(num)d extra attempts granted to %(name)s.",
            extra,
            name=learner.full_name,
        ),
        "success",
    )
    return redirect(page)
