"""BKPSDM names each agency's innovation team: the people who move that agency's ideas
between stages and record their results."""

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
from elearn.ideas.forms import TeamMemberForm
from elearn.models import Agency, InnovationTeamMember, User
from elearn.permissions import roles_required


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
