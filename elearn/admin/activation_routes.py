"""Printing activation codes (``elearn.accounts.activation``): for one account from its
page (also to let someone back in who lost their password), or for every account of an
agency, optionally only those never signed in (a whole import). The response is the PDF
sheet itself: the codes are not kept, so printing again issues new ones."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SubmitField

from elearn import db
from elearn.accounts.activation_sheet import sheet_response
from elearn.accounts.agencies import load_agency_tree, within
from elearn.admin import bp
from elearn.admin.forms import agency_choices
from elearn.forms import ActionForm
from elearn.models import User
from elearn.permissions import roles_required

MAX_SLIPS = 2000  # one sheet; a larger city prints agency by agency


class ActivationSheetForm(FlaskForm):
    agency_id = SelectField(_l("Agency"), coerce=int, choices=[])
    only_new = BooleanField(_l("Only accounts that have never signed in"), default=True)
    submit = SubmitField(_l("Print activation codes"))


def sheet_form() -> ActivationSheetForm:
    form = ActivationSheetForm()
    tree = load_agency_tree(db.session())
    form.agency_id.choices = agency_choices(tree, _("(every agency)"))
    return form


@bp.route("/users/<int:user_id>/activation", methods=["POST"])
@roles_required("admin")
def print_activation_code(user_id: int):
    user = db.session().get(User, user_id)
    if user is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not user.nip or not user.active:
        flash(_("Only an active account with a NIP can be activated with a code."), "error")
        return redirect(url_for("admin.edit_user", user_id=user_id))
    return sheet_response([user], f"kode-aktivasi-{user.nip}")


@bp.route("/users/activation", methods=["POST"])
@roles_required("admin")
def print_activation_codes():
    form = sheet_form()
    if not form.validate_on_submit():
        abort(400)
    statement = sa.select(User).where(User.active.is_(True), User.nip.is_not(None))
    if form.agency_id.data:
        agencies = within(load_agency_tree(db.session()), form.agency_id.data)
        statement = statement.where(User.agency_id.in_(agencies))
    if form.only_new.data:
        statement = statement.where(User.last_login_at.is_(None))
    people = list(db.session().scalars(statement.order_by(User.full_name).limit(MAX_SLIPS + 1)))
    if not people:
        flash(_("No account matches: nothing to print."), "info")
        return redirect(url_for("admin.users"))
    if len(people) > MAX_SLIPS:
        flash(
            ngettext(
                "More than %(num)d account: print one agency at a time.",
                "More than %(num)d accounts: print one agency at a time.",
                MAX_SLIPS,
            ),
            "error",
        )
        return redirect(url_for("admin.users"))
    return sheet_response(people, f"kode-aktivasi-{len(people)}-akun")
