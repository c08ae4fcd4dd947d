"""The organiser's check-in: opening and closing it per session, the page for the
projector (a QR code and a six-digit code that change every 30 seconds) and the roster,
where someone without a phone is marked present with a reason."""

from __future__ import annotations

import segno
import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from elearn import db
from elearn.audit import Said, audit
from elearn.forms import ActionForm
from elearn.kegiatan import bp
from elearn.kegiatan.checkin import STEP, code_at, mark_present, seconds_left
from elearn.kegiatan.forms import RosterForm
from elearn.kegiatan.manage_routes import ORGANISERS, managed_or_404
from elearn.kegiatan.schedule import session_when
from elearn.links import absolute_url
from elearn.models import EventAttendance, EventRegistration, EventSession, User
from elearn.models.types import utcnow
from elearn.permissions import roles_required


def sitting_or_404(event_id: int, session_id: int) -> EventSession:
    event = managed_or_404(event_id)
    sitting = next((s for s in event.sessions if s.id == session_id), None)
    if sitting is None:
        abort(404)
    return sitting


@bp.route("/<int:event_id>/sessions/<int:session_id>/checkin", methods=["GET", "POST"])
@roles_required(*ORGANISERS)
def projector(event_id: int, session_id: int):
    """GET shows the code (the page reloads itself when it changes); POST opens or closes
    check-in."""
    sitting = sitting_or_404(event_id, session_id)
    form = ActionForm()
    if form.is_submitted():
        if not form.validate_on_submit():
            abort(400)
        sitting.checkin_open = not sitting.checkin_open
        db.session().commit()
        flash(
            _("Check-in is open.") if sitting.checkin_open else _("Check-in is closed."),
            "success",
        )
        return redirect(url_for("kegiatan.projector", event_id=event_id, session_id=session_id))
    now = utcnow()
    code = code_at(sitting.checkin_secret, now) if sitting.checkin_open else None
    qr = None
    if code:
        link = absolute_url("kegiatan.checkin", s=sitting.id, c=code)
        qr = Markup(segno.make(link, error="m").svg_inline(scale=10, omitsize=True))  # noqa: S704
    present = db.session().scalar(
        sa.select(sa.func.count()).where(EventAttendance.session_id == sitting.id)
    )
    return render_template(
        "kegiatan/projector.html",
        event=sitting.event,
        sitting=sitting,
        code=code,
        qr=qr,
        refresh=seconds_left(now) + 1,
        step=STEP,
        present=present,
        when=session_when(sitting.starts_at, sitting.ends_at, sitting.time_zone),
        form=form,
    )


@bp.route("/<int:event_id>/sessions/<int:session_id>/roster")
@roles_required(*ORGANISERS)
def roster(event_id: int, session_id: int):
    sitting = sitting_or_404(event_id, session_id)
    session = db.session()
    rows = session.execute(
        sa.select(EventRegistration, User, EventAttendance)
        .join(User, User.id == EventRegistration.user_id)
        .outerjoin(
            EventAttendance,
            sa.and_(
                EventAttendance.user_id == EventRegistration.user_id,
                EventAttendance.session_id == sitting.id,
            ),
        )
        .where(EventRegistration.event_id == event_id, EventRegistration.status == "registered")
        .order_by(User.full_name)
    ).all()
    return render_template(
        "kegiatan/roster.html",
        event=sitting.event,
        sitting=sitting,
        rows=rows,
        forms={r.id: RosterForm(prefix=f"r{r.id}") for r, _user, present in rows if not present},
        when=session_when(sitting.starts_at, sitting.ends_at, sitting.time_zone),
    )


@bp.route(
    "/<int:event_id>/sessions/<int:session_id>/roster/<int:registration_id>", methods=["POST"]
)
@roles_required(*ORGANISERS)
def mark(event_id: int, session_id: int, registration_id: int):
    sitting = sitting_or_404(event_id, session_id)
    session = db.session()
    registration = session.get(EventRegistration, registration_id)
    if (
        registration is None
        or registration.event_id != event_id
        or registration.status != "registered"
    ):
        abort(404)
    form = RosterForm(prefix=f"r{registration_id}")
    back = url_for("kegiatan.roster", event_id=event_id, session_id=session_id)
    if not form.validate_on_submit():
        flash(_("Give the reason for marking someone present by hand."), "error")
        return redirect(back)
    reason = form.reason.data.strip()
    if mark_present(session, sitting, registration, current_user, reason):
        audit(
            session,
            current_user,
            "event.attendance",
            f"event:{event_id}",
            Said(
                "event.present",
                {
                    "name": registration.user.full_name,
                    "event": sitting.event.title,
                    "session": 1 + sitting.event.sessions.index(sitting),
                },
                reason,
            ),
        )
    session.commit()
    flash(_("%(name)s is marked present.", name=registration.user.full_name), "success")
    return redirect(back)
