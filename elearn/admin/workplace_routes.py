"""The limits on workplace learning's JP (coaching, mentoring, on-the-job assignments)
that direct supervisors approve within."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from elearn import db
from elearn.admin import bp
from elearn.admin.forms import WorkplaceLimitsForm
from elearn.models.workplace import KINDS
from elearn.permissions import roles_required
from elearn.progress.workplace import KIND_LABELS, Limit, limits, set_limits


@bp.route("/workplace-limits", methods=["GET", "POST"])
@roles_required("admin")
def workplace_limits():
    session = db.session()
    current = limits(session)
    form = WorkplaceLimitsForm(
        data={
            f"{kind}_{part}": getattr(current[kind], part)
            for kind in KINDS
            for part in ("per_entry", "per_year")
        }
    )
    if form.validate_on_submit():
        wanted = {
            kind: Limit(form[f"{kind}_per_entry"].data, form[f"{kind}_per_year"].data)
            for kind in KINDS
        }
        problems = [kind for kind, limit in wanted.items() if limit.per_entry > limit.per_year]
        if not problems:
            set_limits(session, current_user, wanted)
            session.commit()
            flash(_("The limits are saved. They apply to approvals from now on."), "success")
            return redirect(url_for("admin.workplace_limits"))
        for kind in problems:
            form[f"{kind}_per_entry"].errors.append(
                _("One entry cannot earn more than the yearly limit.")
            )
    return render_template("admin/workplace_limits.html", form=form, kinds=KIND_LABELS)
