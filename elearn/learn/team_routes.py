"""The direct supervisor's (atasan langsung's) view of their team: each member's JP this
year against the target, courses in progress and last activity. A supervisor sees only
the people whose supervisor they are."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, render_template
from flask_login import current_user

from elearn import db
from elearn.auth.permissions import signed_in
from elearn.learn import bp
from elearn.models import Enrolment, JpCredit, User
from elearn.models.types import LOCAL_TIME, utcnow


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
            User.full_name,
            User.nip,
            User.position,
            jp.label("jp"),
            in_progress.label("in_progress"),
            last_activity.label("last_activity"),
        )
        .where(User.supervisor_id == supervisor_id, User.active.is_(True))
        .order_by(jp, User.full_name)
    ).all()


@bp.route("/team")
@signed_in
def team():
    year = utcnow().astimezone(LOCAL_TIME).year
    target = current_app.config["JP_YEARLY_TARGET"]
    rows = team_rows(db.session(), current_user.id, year)
    return render_template(
        "learn/team.html",
        rows=rows,
        year=year,
        target=target,
        under=sum(1 for row in rows if row.jp < target),
    )
