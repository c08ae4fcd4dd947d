"""Mandatory courses: admins assign a course to an agency, a position or both with a due
date, and see who has completed it on time, late, or not yet."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from elearn import db
from elearn.accounts.agencies import load_agency_tree
from elearn.admin import bp
from elearn.admin.forms import MandatoryCourseForm, RemoveForm, agency_choices
from elearn.admin.report_routes import PAGE_SIZE, ReportScope
from elearn.audit import audit
from elearn.jobs import enqueue
from elearn.mandatory import STATES, everyone
from elearn.models import CourseVersion, MandatoryCourse
from elearn.models.catalog import latest_versions_query
from elearn.permissions import roles_required
from elearn.reports.export import table_response

STATE_LABELS = {
    "done": _l("completed on time"),
    "late": _l("completed late"),
    "overdue": _l("overdue"),
    "open": _l("not yet due"),
}


@bp.route("/mandatory", methods=["GET", "POST"])
@roles_required("admin")
def mandatory_courses():
    session = db.session()
    versions = session.scalars(latest_versions_query().order_by(CourseVersion.title)).all()
    titles = {version.course_id: version.title for version in versions}
    form = MandatoryCourseForm()
    form.course_id.choices = [SelectChoice(v.course_id, v.title) for v in versions]
    form.agency_id.choices = agency_choices(load_agency_tree(session), _("(any agency)"))
    if form.validate_on_submit():
        position = " ".join((form.position.data or "").split()) or None
        row = MandatoryCourse(
            course_id=form.course_id.data,
            agency_id=form.agency_id.data or None,
            position=position,
            due_date=form.due_date.data,
            created_by_id=current_user.id,
        )
        session.add(row)
        session.flush()
        summary = _describe(row, titles[row.course_id])
        audit(session, current_user, "mandatory.assign", f"mandatory:{row.id}", summary)
        enqueue(session, "mandatory.remind", {})  # the assignees are told at once
        session.commit()
        flash(_("%(title)s is now mandatory.", title=titles[row.course_id]), "success")
        return redirect(url_for("admin.mandatory_courses"))
    assignments = session.scalars(
        sa.select(MandatoryCourse).order_by(MandatoryCourse.due_date, MandatoryCourse.id)
    ).all()
    return render_template(
        "admin/mandatory.html",
        form=form,
        assignments=assignments,
        titles=titles,
        remove_form=RemoveForm(),
    )


def _describe(row: MandatoryCourse, title: str) -> str:
    agency = row.agency.name if row.agency else None
    who = " · ".join(filter(None, [agency, row.position])) or "-"
    return f"{title} untuk {who}, tenggat {row.due_date:%d-%m-%Y}"


@bp.route("/mandatory/<int:assignment_id>/remove", methods=["POST"])
@roles_required("admin")
def remove_mandatory(assignment_id: int):
    session = db.session()
    row = session.get(MandatoryCourse, assignment_id)
    if row is None:
        abort(404)
    if not RemoveForm().validate_on_submit():
        abort(400)
    summary = _describe(row, row.course.key)
    audit(session, current_user, "mandatory.remove", f"mandatory:{row.id}", summary)
    session.delete(row)
    session.commit()
    flash(_("The assignment is removed."), "success")
    return redirect(url_for("admin.mandatory_courses"))


@bp.route("/reports/mandatory")
@roles_required("admin")
def mandatory_report():
    session = db.session()
    scope = ReportScope.from_request(session)
    shown_state = request.args.get("status", "terlambat")
    rows = everyone(session, scope.agency_ids)
    per_course: dict[tuple[str, str], Counter] = {}
    for row in rows:
        per_course.setdefault((row.duty.title, row.duty.course_key), Counter())[row.duty.state] += 1
    wanted = {"terlambat": {"late", "overdue"}, "semua": set(STATES)}.get(
        shown_state, {shown_state}
    )
    shown = [row for row in rows if row.duty.state in wanted]
    shown.sort(key=lambda r: (r.duty.due, r.duty.title, r.name))
    names = scope.names
    fmt = request.args.get("format")
    if fmt in {"csv", "xlsx"}:
        header = [_("NIP"), _("Name"), _("Agency"), _("Position"), _("Course")]
        header += [_("Due date"), _("Completed on"), _("State")]
        table = (
            [
                r.nip,
                r.name,
                names.get(r.agency_id, ""),
                r.position,
                r.duty.title,
                r.duty.due.strftime("%d-%m-%Y"),
                r.duty.completed_on.strftime("%d-%m-%Y") if r.duty.completed_on else "",
                str(STATE_LABELS[r.duty.state]),
            ]
            for r in shown
        )
        return table_response("kursus-wajib", fmt, header, table)
    page = max(request.args.get("halaman", 1, type=int), 1)
    context = scope.context()
    del context["years"]  # due dates, not a year, decide who is late
    return render_template(
        "admin/report_mandatory.html",
        **context,
        per_course=sorted(per_course.items()),
        states=STATES,
        state_labels=STATE_LABELS,
        shown_state=shown_state,
        people=shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        shown_count=len(shown),
        page=page,
        pages=max(1, -(-len(shown) // PAGE_SIZE)),
        names=names,
    )
