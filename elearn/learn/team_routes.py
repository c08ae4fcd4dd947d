"""The direct supervisor's (atasan langsung's) view of their team: each member's JP this
year against the target, courses in progress, mandatory courses overdue and last
activity, and the workplace
learning waiting for their approval. A supervisor sees only the people whose supervisor
they are."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from elearn import db
from elearn.accounts.activation_sheet import sheet_response
from elearn.forms import ActionForm
from elearn.kegiatan.forms import DecisionForm
from elearn.kegiatan.registration import awaiting_supervisor
from elearn.learn import bp
from elearn.learn.workplace_forms import WorkplaceReviewForm
from elearn.mandatory import everyone
from elearn.models import Enrolment, JpCredit, User, WorkplaceLearning
from elearn.models.types import LOCAL_TIME, utcnow
from elearn.permissions import signed_in
from elearn.progress.workplace import KIND_LABELS, creditable, credited_by_kind, limits

RECENT = 20


def team_rows(session, supervisor_id: int, year: int) -> list:
    """The team, fewest JP first, in one query."""
    jp = (
        sa.select(sa.func.coalesce(sa.func.sum(JpCredit.jp), 0))
        .where(JpCredit.user_id == User.id, JpCredit.year == year)
        .scalar_subquery()
    )
    in_progress = (
        sa.select(sa.func.count(Enrolment.id))
        .where(Enrolment.user_id == User.id, Enrolment.completed_at.is_(None))
        .scalar_subquery()
    )
    last_activity = (
        sa.select(sa.func.max(Enrolment.last_activity_at))
        .where(Enrolment.user_id == User.id)
        .scalar_subquery()
    )
    return session.execute(
        sa.select(
            User.id,
            User.full_name,
            User.nip,
            User.position,
            User.last_login_at,
            jp.label("jp"),
            in_progress.label("in_progress"),
            last_activity.label("last_activity"),
        )
        .where(User.supervisor_id == supervisor_id, User.active.is_(True))
        .order_by(jp, User.full_name)
    ).all()


def waiting_for(session, supervisor_id: int) -> list[tuple[WorkplaceLearning, float]]:
    """The workplace learning sent to this supervisor and not yet reviewed, each with
    the JP approving it would credit under the limits (a bounded number of queries)."""
    entries = session.scalars(
        sa.select(WorkplaceLearning)
        .options(joinedload(WorkplaceLearning.user))
        .where(
            WorkplaceLearning.supervisor_id == supervisor_id,
            WorkplaceLearning.status == "pending",
        )
        .order_by(WorkplaceLearning.created_at)
    ).all()
    credited = credited_by_kind(session, {entry.user_id for entry in entries})
    kind_limits = limits(session) if entries else {}
    return [
        (
            entry,
            creditable(
                entry,
                kind_limits[entry.kind],
                credited.get((entry.user_id, entry.kind, entry.end_date.year), 0.0),
            ),
        )
        for entry in entries
    ]


@bp.route("/team")
@signed_in
def team():
    session = db.session()
    year = utcnow().astimezone(LOCAL_TIME).year
    target = current_app.config["JP_YEARLY_TARGET"]
    rows = team_rows(session, current_user.id, year)
    overdue = Counter(
        d.user_id for d in everyone(session, None, current_user.id) if d.duty.state == "overdue"
    )
    reviewed = session.scalars(
        sa.select(WorkplaceLearning)
        .options(joinedload(WorkplaceLearning.user))
        .where(
            WorkplaceLearning.supervisor_id == current_user.id,
            WorkplaceLearning.status != "pending",
        )
        .order_by(WorkplaceLearning.reviewed_at.desc())
        .limit(RECENT)
    ).all()
    return render_template(
        "learn/team.html",
        rows=rows,
        year=year,
        target=target,
        under=sum(1 for row in rows if row.jp < target),
        overdue=overdue,
        waiting=waiting_for(session, current_user.id),
        registrations=awaiting_supervisor(session, current_user.id),
        decision_form=DecisionForm(),
        reviewed=reviewed,
        kinds=KIND_LABELS,
        form=WorkplaceReviewForm(),
        activation_form=ActionForm(),
    )


@bp.route("/team/activation", methods=["POST"])
@signed_in
def print_team_codes():
    """A supervisor prints activation codes for members of their own team who have never
    signed in: one (``user_id``) or all of them. An account already in use is not
    theirs to reset (that would let them sign in as a member): BKPSDM resets those."""
    if not ActionForm().validate_on_submit():
        abort(400)
    statement = sa.select(User).where(
        User.supervisor_id == current_user.id,
        User.active.is_(True),
        User.nip.is_not(None),
        User.last_login_at.is_(None),
    )
    one = request.form.get("user_id", type=int)
    if one is not None:
        statement = statement.where(User.id == one)
    people = list(db.session().scalars(statement.order_by(User.full_name)))
    if not people:
        flash(_("Nobody in your team is waiting for an activation code."), "info")
        return redirect(url_for("learn.team"))
    name = f"kode-aktivasi-{people[0].nip}" if one is not None else "kode-aktivasi-tim"
    return sheet_response(people, name)
