"""The audit log: who changed what and when, newest first, filtered by action or by
person, and exported as CSV with the same rows."""

from __future__ import annotations

import sqlalchemy as sa
from flask import render_template, request
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from elearn import db
from elearn.admin import bp
from elearn.audit import ACTIONS, actor_text, summary_text
from elearn.models import AuditEntry
from elearn.permissions import roles_required
from elearn.reports.export import table_response

SHOWN = 200


@bp.route("/audit")
@roles_required("admin")
def audit_log():
    action = request.args.get("aksi", "")
    person = request.args.get("oleh", "").strip()
    statement = sa.select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    if action in ACTIONS:
        statement = statement.where(AuditEntry.action == action)
    if person:
        statement = statement.where(sa.func.lower(AuditEntry.actor_name).contains(person.lower()))
    if request.args.get("format") == "csv":
        entries = db.session().scalars(statement).all()
        rows = (
            [
                format_datetime(e.created_at, "yyyy-MM-dd HH:mm"),
                actor_text(e),
                str(ACTIONS[e.action]),
                e.target,
                summary_text(e),
            ]
            for e in entries
        )
        header = [
            str(_l("When")),
            str(_l("Who")),
            str(_l("Action")),
            str(_l("Object")),
            str(_l("Details")),
        ]
        return table_response("log-audit", "csv", header, rows)
    entries = db.session().scalars(statement.limit(SHOWN)).all()
    return render_template(
        "admin/audit.html",
        entries=entries,
        labels=ACTIONS,
        summary_text=summary_text,
        actor_text=actor_text,
        action=action,
        person=person,
        shown=SHOWN,
    )
