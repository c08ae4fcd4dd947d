"""The learner's home: the dashboard."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user

from elearn.auth.permissions import public, signed_in
from elearn.learn import bp


@bp.route("/")
@public
def index():
    if current_user.is_authenticated:
        return redirect(url_for("learn.dashboard"))
    return redirect(url_for("auth.login"))


@bp.route("/dashboard")
@signed_in
def dashboard():
    return render_template("learn/dashboard.html", user=current_user)
