"""The notification centre: the signed-in person's notices, newest first, marked read
when opened or all at once, and how they want them by e-mail."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField, SubmitField
from wtforms.fields.choices import SelectChoice

from elearn import db
from elearn.forms import ActionForm
from elearn.learn import bp
from elearn.models import Notification
from elearn.models.notifications import EMAIL_CHOICES
from elearn.notifications import mark_read, text_of
from elearn.permissions import signed_in

PAGE_SIZE = 30
EMAIL_LABELS = {
    "now": _l("Each notification by e-mail as it comes"),
    "daily": _l("One e-mail a day with the day's notifications"),
    "off": _l("No e-mail: only here"),
}


class EmailSettingForm(FlaskForm):
    notify_email = RadioField(
        _l("E-mail"),
        choices=[SelectChoice(c, EMAIL_LABELS[c]) for c in EMAIL_CHOICES],
        default="now",
    )
    submit = SubmitField(_l("Save"))


@bp.route("/notifications")
@signed_in
def notifications():
    session = db.session()
    page = max(1, request.args.get("halaman", 1, type=int))
    mine = Notification.user_id == current_user.id
    total = session.scalar(sa.select(sa.func.count(Notification.id)).where(mine)) or 0
    rows = session.scalars(
        sa.select(Notification)
        .where(mine)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return render_template(
        "learn/notifications.html",
        rows=[(row, text_of(row)) for row in rows],
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        form=ActionForm(),
        setting=EmailSettingForm(notify_email=current_user.notify_email),
        has_email=bool(current_user.email),
    )


@bp.route("/notifications/<int:notification_id>")
@signed_in
def open_notification(notification_id: int):
    """Mark the notice read and go to the page it is about."""
    session = db.session()
    row = session.get(Notification, notification_id)
    if row is None or row.user_id != current_user.id:
        abort(404)  # another person's notice does not exist for you
    mark_read(session, current_user.id, [row.id])
    session.commit()
    return redirect(request.script_root + row.link if row.link else url_for("learn.notifications"))


@bp.route("/notifications/read", methods=["POST"])
@signed_in
def read_notifications():
    if ActionForm().validate_on_submit():
        session = db.session()
        mark_read(session, current_user.id)
        session.commit()
    return redirect(url_for("learn.notifications"))


@bp.route("/notifications/email", methods=["POST"])
@signed_in
def notification_email():
    form = EmailSettingForm()
    if form.validate_on_submit():
        current_user.notify_email = form.notify_email.data
        db.session().commit()
        flash(_("Your e-mail setting is saved."), "success")
    return redirect(url_for("learn.notifications"))
