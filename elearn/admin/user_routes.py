"""Creating and editing an account: NIP (once), name, e-mail, agency, position, direct
supervisor, roles, and whether it may sign in. Deactivating ends the person's sessions
at once. A new account has no usable password: its owner sets one through the e-mailed
reset link ("Lupa kata sandi"), or, without e-mail, with a printed activation code."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from elearn import db
from elearn.accounts.agencies import load_agency_tree
from elearn.accounts.bulk_import import NO_PASSWORD
from elearn.accounts.nip import NipError, normalise_nip, validate_nip
from elearn.accounts.users import AccountDetails, account_problems, apply_account
from elearn.admin import bp
from elearn.admin.forms import NewUserForm, UserForm, agency_choices
from elearn.audit import Said, audit
from elearn.models import User
from elearn.partner.maintainers import maintained_by, set_maintained
from elearn.permissions import roles_required
from elearn.plugins import get_host


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required("admin")
def new_user():
    session = db.session()
    form = NewUserForm(active=True, roles=["learner"])
    _agency_choices(session, form)
    if form.validate_on_submit():
        user = User(password_hash=NO_PASSWORD, full_name="")
        nip, problems = _new_problems(session, form)
        problems += _problems(session, form, user)
        if not problems:
            user.nip = nip
            session.add(user)
            _save(session, form, user, "user.create")
            if not user.email:  # an activation code is their way in
                flash(
                    _(
                        "%(name)s's account is created. Print an activation code for them "
                        "below: with it they set their password.",
                        name=user.full_name,
                    ),
                    "success",
                )
                return redirect(url_for("admin.edit_user", user_id=user.id))
            flash(
                _(
                    "%(name)s's account is created. They set their password with "
                    '"Forgot password", which sends a link to %(email)s.',
                    name=user.full_name,
                    email=user.email,
                ),
                "success",
            )
            return redirect(url_for("admin.users", q=user.nip or user.email))
        for field, message in problems:
            getattr(form, field).errors.append(message)
    return render_template("admin/user_edit.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required("admin")
def edit_user(user_id: int):
    session = db.session()
    user = session.get(User, user_id)
    if user is None:
        abort(404)
    supervisor = session.get(User, user.supervisor_id) if user.supervisor_id else None
    form = UserForm(
        full_name=user.full_name,
        email=user.email or "",
        position=user.position or "",
        siasn_id=user.siasn_id or "",
        active=user.active,
        supervisor_nip=supervisor.nip if supervisor else "",
        roles=sorted(user.roles),
        agency_id=user.agency_id or 0,
        plugins=maintained_by(session, user.id),
    )
    _agency_choices(session, form)
    if form.validate_on_submit():
        problems = _problems(session, form, user)
        if not problems:
            _save(session, form, user, "user.update")
            flash(_("%(name)s is saved.", name=user.full_name), "success")
            return redirect(url_for("admin.users", q=user.nip or user.email))
        for field, message in problems:
            getattr(form, field).errors.append(message)
    return render_template("admin/user_edit.html", form=form, user=user)


def _agency_choices(session, form: UserForm) -> None:
    """The choices of the account form: agencies, and the plugins a partner may maintain
    (every installed plugin but the platform's own)."""
    form.agency_id.choices = agency_choices(load_agency_tree(session), _("(none)"))
    form.plugins.choices = [
        (name, name) for name, record in sorted(get_host().records.items()) if not record.builtin
    ]


def _new_problems(session, form: NewUserForm) -> tuple[str | None, list[tuple[str, str]]]:
    """The new account's NIP (None if not given or not valid) and what is wrong."""
    problems = []
    nip = None
    text = (form.nip.data or "").strip()
    if text:
        try:
            nip = validate_nip(text)
        except NipError as error:
            problems.append(("nip", str(error)))
        else:
            if session.scalar(sa.select(User.id).where(User.nip == nip)):
                problems.append(("nip", _("Another account has this NIP.")))
    if not (form.email.data or "").strip() and nip is None:
        problems.append(
            ("email", _("Give an e-mail address or a NIP: without either they cannot get in."))
        )
    return nip, problems


def _problems(session, form: UserForm, user: User) -> list[tuple[str, str]]:
    problems = account_problems(
        session,
        user,
        email=form.email.data,
        supervisor_nip=form.supervisor_nip.data or "",
        roles=form.roles.data,
    )
    if user.id == current_user.id and ("admin" not in form.roles.data or not form.active.data):
        problems.append(("roles", _("You cannot take away your own admin access.")))
    return [(field, str(message)) for field, message in problems]


def _save(session, form: UserForm, user: User, action: str) -> None:
    nip = normalise_nip(form.supervisor_nip.data or "")
    details = AccountDetails(
        full_name=form.full_name.data,
        email=form.email.data,
        agency_id=form.agency_id.data,
        position=form.position.data,
        siasn_id=form.siasn_id.data,
        supervisor_id=session.scalar(sa.select(User.id).where(User.nip == nip)) if nip else None,
        roles=form.roles.data,
        active=form.active.data,
    )
    apply_account(user, details)
    session.flush()  # a new account's id, for the plugins it maintains
    maintained = sorted(form.plugins.data or []) if "partner" in form.roles.data else []
    set_maintained(session, user, maintained)
    values = {
        "roles": ", ".join(sorted(form.roles.data)),
        "state": "active" if user.active else "inactive",
        "position": user.position or "-",
    }
    summary = (
        Said("account.partner", values | {"plugins": ", ".join(maintained)})
        if maintained
        else Said("account", values)
    )
    audit(session, current_user, action, f"user:{user.nip or user.email}", summary)
    session.commit()
