"""Sign-in limits: which accounts and addresses are being slowed down after failed
sign-ins, and for how long; an admin clears one (an ASN who forgot their password and
called BKPSDM, an office that mistyped together)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from elearn import db
from elearn.admin import bp
from elearn.audit import audit
from elearn.auth.throttle import throttle
from elearn.forms import ActionForm
from elearn.models import User
from elearn.permissions import roles_required


def _who(subject: str, users: dict[int, User]) -> str:
    """A counter's subject as people read it: a name and NIP, an identifier, an address."""
    account, _, address = subject.partition("|")
    if account.startswith("user:") and account[5:].isdigit():
        user = users.get(int(account[5:]))
        account = f"{user.full_name} ({user.nip or user.email})" if user else account
    elif account.startswith("name:"):
        account = account[5:]
    return f"{account} · {address}" if address else account


@bp.route("/sign-in-limits")
@roles_required("admin")
def signin_limits():
    counters = throttle().counters()
    ids = {
        int(c.subject.split("|")[0][5:])
        for c, _wait in counters
        if c.subject.startswith("user:") and c.subject.split("|")[0][5:].isdigit()
    }
    users = {u.id: u for u in db.session().scalars(sa.select(User).where(User.id.in_(ids)))}
    rows = [(counter, wait, _who(counter.subject, users)) for counter, wait in counters]
    return render_template("admin/signin_limits.html", rows=rows, form=ActionForm())


@bp.route("/sign-in-limits/clear", methods=["POST"])
@roles_required("admin")
def clear_signin_limit():
    if ActionForm().validate_on_submit():
        kind, subject = request.form.get("kind", ""), request.form.get("subject", "")
        throttle().clear(kind, subject)
        audit(db.session(), current_user, "signin.clear", f"signin:{kind}", subject[:200])
        db.session().commit()
        flash(_("Cleared: the next sign-in from there is not slowed down."), "success")
    return redirect(url_for("admin.signin_limits"))
