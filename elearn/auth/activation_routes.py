"""Activating an account with a printed code (``elearn.accounts.activation``): the NIP,
the code and a new password, then sign in. A wrong or spent code says only that NIP and
code do not match; tries are limited per address."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from elearn import db
from elearn.accounts.activation import activate
from elearn.audit import audit
from elearn.auth import bp
from elearn.auth.forms import ActivationForm
from elearn.permissions import public
from elearn.ratelimit import per_address


@bp.route("/activate", methods=["GET", "POST"])
@public
@per_address("ACTIVATION_LIMIT_ADDRESS")
def activate_account():
    form = ActivationForm(nip=request.args.get("nip", ""))
    if form.validate_on_submit():
        session = db.session()
        user = activate(session, form.nip.data, form.code.data, form.new_password.data)
        if user is not None:
            audit(session, user, "account.activate", f"user:{user.nip}", user.full_name)
            session.commit()
            flash(_("Your account is active. Sign in with your NIP and new password."), "success")
            return redirect(url_for("auth.login"))
        form.code.errors.append(
            _("The NIP and the code do not match, or the code was used or has expired.")
        )
    return render_template("auth/activate.html", form=form)
