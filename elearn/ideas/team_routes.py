"""BKPSDM names each agency's innovation team: the people who move that agency's ideas
between stages and record their results; the board's report, for BKPSDM (every
agency) and for innovation teams (their own agencies)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from elearn import db
from elearn.audit import audit
from elearn.forms import ActionForm
from elearn.ideas import bp
from elearn.ideas.board import STAGE_LABELS
from elearn.ideas.forms import TeamMemberForm
from elearn.ideas.report import IDEA_HEADER, activity, board_figures, idea_rows
from elearn.models import Agency, InnovationTeamMember, User
from elearn.permissions import roles_required, signed_in
from elearn.reports.export import table_response


@bp.route("/teams", methods=["GET", "POST"])
@roles_required("admin")
def teams():
    session = db.session()
    form = TeamMemberForm()
    agencies = session.execute(sa.select(Agency.id, Agency.name).order_by(Agency.name)).all()
    form.agency.choices = [SelectChoice(a.id, a.name) for a in agencies]
    if form.validate_on_submit():
        person = session.scalar(sa.select(User).where(User.nip == form.nip.data.strip()))
        if person is None:
            form.nip.errors.append(_("No account has this NIP."))
        elif session.get(InnovationTeamMember, (form.agency.data, person.id)) is None:
            session.add(
                InnovationTeamMember(
                    agency_id=form.agency.data, user_id=person.id, granted_by_id=current_user.id
                )
            )
            agency = session.get(Agency, form.agency.data)
            audit(session, current_user, "ideas.team_add", f"agency:{agency.code}",
                  f"{person.full_name} ({person.nip})")  # fmt: skip
            session.commit()
            flash(
                _(
                    "%(name)s joins the innovation team of %(agency)s.",
                    name=person.full_name,
                    agency=agency.name,
                ),  # fmt: skip
                "success",
            )
            return redirect(url_for("ideas.teams"))
        else:
            return redirect(url_for("ideas.teams"))
    members = session.scalars(
        sa.select(InnovationTeamMember)
        .options(joinedload(InnovationTeamMember.user), joinedload(InnovationTeamMember.agency))
        .join(Agency, Agency.id == InnovationTeamMember.agency_id)
        .join(User, User.id == InnovationTeamMember.user_id)
        .order_by(Agency.name, User.full_name)
    ).all()
    return render_template("ideas/teams.html", form=form, members=members, action=ActionForm())


@bp.route("/teams/<int:agency_id>/<int:user_id>/remove", methods=["POST"])
@roles_required("admin")
def remove_member(agency_id: int, user_id: int):
    session = db.session()
    if not ActionForm().validate_on_submit():
        abort(400)
    member = session.get(InnovationTeamMember, (agency_id, user_id))
    if member is None:
        abort(404)
    audit(session, current_user, "ideas.team_remove", f"agency:{member.agency.code}",
          f"{member.user.full_name} ({member.user.nip})")  # fmt: skip
    session.delete(member)
    session.commit()
    flash(_("Removed from the innovation team."), "success")
    return redirect(url_for("ideas.teams"))


def _report_scope() -> set[int] | None:
    """All agencies for BKPSDM, the agencies of one's innovation teams otherwise."""
    if current_user.has_role("admin"):
        return None
    agencies = set(
        db.session().scalars(
            sa.select(InnovationTeamMember.agency_id).where(
                InnovationTeamMember.user_id == current_user.id
            )
        )
    )
    if not agencies:
        abort(404)  # there is no report of theirs
    return agencies


@bp.route("/report")
@signed_in
def report():
    scope = _report_scope()
    rows, months = board_figures(db.session(), scope)
    return render_template(
        "ideas/report.html",
        rows=rows,
        months=months,
        stages=STAGE_LABELS,
        activity=activity(db.session(), scope),
    )


@bp.route("/report/ideas.<fmt>")
@signed_in
def export(fmt: str):
    rows = idea_rows(db.session(), _report_scope())
    return table_response("ide-ruang-ide", fmt, IDEA_HEADER, rows)
