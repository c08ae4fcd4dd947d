"""Workplace learning pages: an ASN's log of coaching, mentoring and on-the-job
assignments with the form to add one, and the direct supervisor's approval of them."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from elearn import db
from elearn.learn import bp
from elearn.learn.workplace_forms import WorkplaceLogForm, WorkplaceReviewForm
from elearn.mandatory import today
from elearn.models import User, WorkplaceLearning
from elearn.notifications import notify
from elearn.permissions import signed_in
from elearn.progress.reviews import AlreadyReviewed
from elearn.progress.workplace import (
    KIND_LABELS,
    NotTheirs,
    allowances,
    limits,
    log_workplace,
    review,
)
from elearn.templating import number


@bp.route("/learning/workplace", methods=["GET", "POST"])
@signed_in
def workplace_learning():
    session = db.session()
    supervisor = (
        session.get(User, current_user.supervisor_id) if current_user.supervisor_id else None
    )
    form = WorkplaceLogForm()
    year = today().year
    if supervisor is not None and form.validate_on_submit() and _within_limits(session, form):
        competency, code = form.competency.split
        entry = log_workplace(
            session,
            current_user,
            kind=form.kind.data,
            title=form.title.data.strip(),
            partner=form.partner.data.strip(),
            description=form.description.data.strip(),
            start_date=form.start_date.data,
            end_date=form.end_date.data,
            jp=round(form.jp.data, 2),
            competency=competency,
            competency_code=code,
        )
        notify(
            session,
            supervisor,
            "workplace.submitted",
            "learn.team",
            learner=current_user.full_name,
            title=entry.title,
            jp=entry.jp,
        )
        session.commit()  # the e-mail goes out after it, by a job
        flash(
            _(
                "Sent to %(name)s for approval. Its JP count once approved.",
                name=supervisor.full_name,
            ),
            "success",
        )
        return redirect(url_for("learn.workplace_learning"))
    entries = session.scalars(
        sa.select(WorkplaceLearning)
        .where(WorkplaceLearning.user_id == current_user.id)
        .order_by(WorkplaceLearning.end_date.desc(), WorkplaceLearning.id.desc())
    ).all()
    return render_template(
        "learn/workplace.html",
        form=form,
        entries=entries,
        supervisor=supervisor,
        limits=limits(session),
        kinds=KIND_LABELS,
        year=year,
        left=allowances(session, current_user.id, year),
    )


def _within_limits(session, form: WorkplaceLogForm) -> bool:
    """Refuse, on the form, JP beyond what the limits still allow for the entry's year."""
    year = form.end_date.data.year
    allowed = allowances(session, current_user.id, year)[form.kind.data]
    if round(form.jp.data, 2) <= allowed:
        return True
    form.jp.errors = [
        _(
            "The limits allow %(jp)s JP for %(kind)s in %(year)d: ask for at most that.",
            jp=number(allowed),
            kind=KIND_LABELS[form.kind.data],
            year=year,
        )
    ]
    return False


@bp.route("/team/workplace/<int:entry_id>", methods=["POST"])
@signed_in
def review_workplace(entry_id: int):
    session = db.session()
    entry = session.get(WorkplaceLearning, entry_id)
    if entry is None or entry.supervisor_id != current_user.id:
        abort(404)  # someone else's team is not there to see
    form = WorkplaceReviewForm()
    if not form.validate_on_submit():
        abort(400)
    approved = bool(form.approve.data)
    note = (form.note.data or "").strip()
    if not approved and not note:
        flash(_("Say why it is rejected: the ASN reads the note."), "error")
        return redirect(url_for("learn.team"))
    try:
        credited = review(session, current_user, entry, approved, note)
    except (AlreadyReviewed, NotTheirs):
        flash(_("This record was reviewed already."), "info")
        return redirect(url_for("learn.team"))
    notify(
        session,
        entry.user,
        "workplace.approved" if approved else "workplace.rejected",
        "learn.workplace_learning",
        supervisor=current_user.full_name,
        title=entry.title,
        jp=credited,
        note=note,
    )
    session.commit()
    if not approved:
        flash(_("Rejected."), "success")
    elif credited < entry.jp:
        flash(
            _(
                "Approved: %(jp)s of the %(asked)s JP asked for credited to %(name)s "
                "(the limit for %(kind)s).",
                jp=number(credited),
                asked=number(entry.jp),
                name=entry.user.full_name,
                kind=KIND_LABELS[entry.kind],
            ),
            "success",
        )
    else:
        flash(
            _(
                "Approved: %(jp)s JP credited to %(name)s.",
                jp=number(credited),
                name=entry.user.full_name,
            ),
            "success",
        )
    return redirect(url_for("learn.team"))
