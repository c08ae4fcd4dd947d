"""Admin pages: overview, agencies, accounts and plugins."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from elearn import db
from elearn.accounts.agencies import agency_tree, load_agency_tree, within
from elearn.admin import bp
from elearn.admin.activation_routes import sheet_form
from elearn.admin.forms import AgencyForm, PluginToggleForm, agency_choices
from elearn.audit import Said, audit
from elearn.models import Agency, ExternalLearning, PluginState, User
from elearn.partner.maintainers import maintainers_of
from elearn.permissions import roles_required
from elearn.plugins import BUILTIN, get_host

PAGE_SIZE = 50


@bp.route("/")
@roles_required("admin")
def index():
    session = db.session()
    counts = {
        "users": session.scalar(sa.select(sa.func.count(User.id))),
        "agencies": session.scalar(sa.select(sa.func.count(Agency.id))),
        "external": session.scalar(
            sa.select(sa.func.count(ExternalLearning.id)).where(
                ExternalLearning.status == "pending"
            )
        ),
    }
    host = get_host()
    failed = [r for r in host.records.values() if not r.active or r.runtime_errors]
    return render_template("admin/index.html", counts=counts, failed_plugins=failed)


@bp.route("/agencies", methods=["GET", "POST"])
@roles_required("admin")
def agencies():
    session = db.session()
    all_agencies = session.scalars(sa.select(Agency).order_by(Agency.name)).all()
    form = AgencyForm()
    form.parent_id.choices = [SelectChoice(0, _l("(none: a top-level agency)"))] + [
        SelectChoice(agency.id, f"{agency.name} ({agency.code})") for agency in all_agencies
    ]
    if form.validate_on_submit():
        agency = Agency(
            code=form.code.data.strip(),
            name=form.name.data.strip(),
            parent_id=form.parent_id.data or None,
        )
        session.add(agency)
        audit(session, current_user, "agency.create", f"agency:{agency.code}", agency.name)
        session.commit()
        flash(_("Agency %(name)s was added.", name=agency.name), "success")
        return redirect(url_for("admin.agencies"))
    return render_template("admin/agencies.html", tree=agency_tree(all_agencies), form=form)


@bp.route("/agencies/<int:agency_id>", methods=["GET", "POST"])
@roles_required("admin")
def edit_agency(agency_id: int):
    session = db.session()
    agency = session.get(Agency, agency_id)
    if agency is None:
        abort(404)
    tree = load_agency_tree(session)
    below = within(tree, agency.id)  # an agency cannot move under itself
    form = AgencyForm(obj=agency, parent_id=agency.parent_id or 0)
    form.editing_id = agency.id
    form.submit.label.text = _("Save")
    form.parent_id.choices = agency_choices(tree, _("(none: a top-level agency)"), below)
    if form.validate_on_submit():
        before = f"{agency.code} {agency.name}"
        agency.code, agency.name = form.code.data.strip(), form.name.data.strip()
        agency.parent_id = form.parent_id.data or None
        summary = f"{before} -> {agency.code} {agency.name}"
        audit(session, current_user, "agency.update", f"agency:{agency.code}", summary)
        session.commit()
        flash(_("Agency %(name)s is saved.", name=agency.name), "success")
        return redirect(url_for("admin.agencies"))
    members = session.scalar(sa.select(sa.func.count(User.id)).where(User.agency_id == agency.id))
    return render_template("admin/agency_edit.html", form=form, agency=agency, members=members)


@bp.route("/users")
@roles_required("admin")
def users():
    page = max(request.args.get("page", 1, type=int), 1)
    query = (request.args.get("q") or "").strip()
    statement = sa.select(User).options(selectinload(User.role_rows)).order_by(User.full_name)
    if query:
        like = f"%{query.lower()}%"
        statement = statement.where(
            sa.or_(
                sa.func.lower(User.full_name).like(like),
                User.nip.like(like),
                sa.func.lower(User.email).like(like),
            )
        )
    rows = db.session().scalars(statement.limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE))
    found = list(rows)
    return render_template(
        "admin/users.html",
        activation_form=sheet_form(),
        users=found[:PAGE_SIZE],
        page=page,
        q=query,
        has_next=len(found) > PAGE_SIZE,
    )


@bp.route("/plugins", methods=["GET", "POST"])
@roles_required("admin")
def plugins():
    host = get_host()
    session = db.session()
    stored = {row.name: row for row in session.scalars(sa.select(PluginState))}
    form = PluginToggleForm()
    if form.validate_on_submit():
        wanted = set(request.form.getlist("enabled"))
        for name in host.records:
            if name == BUILTIN:
                continue
            row = stored.get(name) or PluginState(name=name)
            row.enabled, row.changed_by_id = name in wanted, current_user.id
            session.add(row)
        switched_off = sorted(set(host.records) - wanted - {BUILTIN})
        switched = {"on": ", ".join(sorted(wanted)) or "-", "off": ", ".join(switched_off) or "-"}
        audit(session, current_user, "plugins.switch", "plugins", Said("plugins", switched))
        session.commit()
        host.apply_switches(set(switched_off))  # here at once; other processes within seconds
        if any(host.records[n].status == "disabled" for n in wanted if n in host.records):
            flash(
                _(
                    "Saved. Plugins switched off stop now; a plugin that was off when the "
                    "platform started starts when it restarts."
                ),
                "success",
            )
        else:
            flash(_("Saved: the change takes effect now, in every app process."), "success")
        return redirect(url_for("admin.plugins"))
    return render_template(
        "admin/plugins.html",
        records=sorted(host.records.values(), key=lambda r: r.name),
        stored=stored,
        maintainers=maintainers_of(session),
        form=form,
        builtin=BUILTIN,
        course_types=host.course_types,
        question_types=host.question_types,
    )
