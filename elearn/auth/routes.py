"""Sign in with NIP or e-mail, sign out, change and reset the password, pick a language."""

from __future__ import annotations

import hashlib

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from elearn import db
from elearn.accounts import find_by_identifier, hash_password, normalise_nip, verify_password
from elearn.accounts.passwords import dummy_hash
from elearn.auth import bp
from elearn.auth.forms import (
    ChangePasswordForm,
    LanguageForm,
    LoginForm,
    LogoutForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from elearn.auth.throttle import throttle
from elearn.i18n import LOCALE_COOKIE
from elearn.links import absolute_url, safe_next
from elearn.mail import queue_mail
from elearn.models import User
from elearn.models.types import utcnow
from elearn.permissions import public, signed_in
from elearn.progress import record_event
from elearn.ratelimit import per_address

RESET_SALT = "elearn-password-reset"


def _account(user: User | None, identifier: str) -> str:
    """The account a sign-in tries: the same counter for its NIP and its e-mail."""
    if user is not None:
        return f"user:{user.id}"
    identifier = identifier.strip().lower()
    return "name:" + (identifier if "@" in identifier else normalise_nip(identifier))


def _wait_message(seconds: int) -> str:
    if seconds > 90:
        minutes = (seconds + 59) // 60
        return ngettext(
            "Too many failed attempts. Try again in %(num)d minute.",
            "Too many failed attempts. Try again in %(num)d minutes.",
            minutes,
        )
    return ngettext(
        "Too many failed attempts. Try again in %(num)d second.",
        "Too many failed attempts. Try again in %(num)d seconds.",
        seconds,
    )


def _safe_next(target: str | None) -> str:
    return safe_next(target) or url_for("learn.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Sign in. Failures slow down further tries (``throttle``); an attempt that must
    wait is told how long, and its password is not checked."""
    if current_user.is_authenticated:
        return redirect(url_for("learn.dashboard"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        session = db.session()
        user = find_by_identifier(session, form.identifier.data)
        account, address = _account(user, form.identifier.data), request.remote_addr or "-"
        wait = throttle().retry_after(account, address)
        if wait:
            flash(_wait_message(wait), "error")
            page = render_template("auth/login.html", form=form)
            return page, 429, {"Retry-After": str(wait)}
        usable = user is not None and user.active
        checked = verify_password(
            user.password_hash if usable else dummy_hash(), form.password.data
        )
        if usable and checked:
            throttle().succeeded(account, address)
            user.last_login_at = utcnow()
            login_user(user, remember=form.remember.data)
            record_event(
                session, actor=user, verb="logged-in", object_type="platform", object_id="elearn"
            )
            session.commit()
            return redirect(_safe_next(form.next.data))
        throttle().failed(account, address)
        flash(_("The NIP/e-mail or password is wrong, or the account is inactive."), "error")
        return render_template("auth/login.html", form=form), 200
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    if LogoutForm().validate_on_submit():
        current_user.rotate_session_token()
        db.session().commit()
        logout_user()
        flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not verify_password(user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("The current password is wrong."))
        else:
            _set_password(user, form.new_password.data)
            login_user(user)  # this browser keeps going; other sessions end
            flash(
                _("Your password has been changed. Other devices have been signed out."), "success"
            )
            return redirect(url_for("learn.dashboard"))
    return render_template("auth/change_password.html", form=form)


def _set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.rotate_session_token()
    db.session().commit()


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def _password_fingerprint(user: User) -> str:
    """Part of the token, so a token stops working once the password has changed."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_reset_token(user: User) -> str:
    return _reset_serializer().dumps({"u": user.id, "p": _password_fingerprint(user)})


def user_for_reset_token(token: str) -> User | None:
    try:
        data = _reset_serializer().loads(token, max_age=current_app.config["RESET_TOKEN_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        return None
    user = db.session().get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or not user.active or data.get("p") != _password_fingerprint(user):
        return None
    return user


@bp.route("/password/reset", methods=["GET", "POST"])
@public
@per_address("LOGIN_LIMIT_ADDRESS")
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = find_by_identifier(db.session(), form.identifier.data)
        if user and user.active and user.email:
            link = absolute_url("auth.reset_password", token=make_reset_token(user))
            queue_mail(
                db.session(),
                user.email,
                _("Reset your elearn password"),
                _(
                    "Open this link within an hour to choose a new password:\n%(link)s\n\n"
                    "If you did not ask for it, ignore this message.",
                    link=link,
                ),
                user.id,
            )
            db.session().commit()
        # The same answer whether or not the account exists.
        flash(
            _("If the account exists and has an e-mail address, a reset link has been sent to it."),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    user = user_for_reset_token(token)
    if user is None:
        flash(_("The reset link is invalid or has expired. Ask for a new one."), "error")
        return redirect(url_for("auth.reset_request"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        _set_password(user, form.new_password.data)
        flash(_("Your password has been set. Sign in with the new password."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/language", methods=["POST"])
@public
def set_language():
    form = LanguageForm()
    chosen = request.form.get("lang", "")
    target = _safe_next(form.next.data)
    response = redirect(target)
    if form.validate_on_submit() and chosen in current_app.config["LANGUAGES"]:
        response.set_cookie(
            LOCALE_COOKIE,
            chosen,
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
        if current_user.is_authenticated:
            current_user.locale = chosen
            db.session().commit()
    return response
