"""The participant's pages: upcoming events, an event with its sessions and speakers,
registering and cancelling, the calendar file and the personal calendar feed, and
checking in with the code the organiser shows."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from elearn import db
from elearn.content.render import render_block
from elearn.forms import ActionForm
from elearn.kegiatan import bp
from elearn.kegiatan.calendar import ICS_TYPE, event_file, feed_of, feed_token
from elearn.kegiatan.checkin import CheckinRefused, check_in
from elearn.kegiatan.completion import attended_enough
from elearn.kegiatan.evaluation import may_evaluate
from elearn.kegiatan.forms import KIND_LABELS, CheckinForm, DecisionForm
from elearn.kegiatan.registration import (
    NotCancellable,
    RegistrationRefused,
    cancel,
    decide,
    refusal,
    register,
    registration_of,
    seats_taken,
    waiting_place,
)
from elearn.kegiatan.test_status import tests_shown
from elearn.models import (
    EventAttendance,
    EventMaterial,
    EventRegistration,
    EventSession,
    TrainingEvent,
)
from elearn.models.types import aware, utcnow
from elearn.permissions import public, signed_in
from elearn.ratelimit import per_user

LISTED = 50


def can_manage(event: TrainingEvent) -> bool:
    return current_user.has_role("admin") or event.created_by_id == current_user.id


def event_or_404(event_id: int) -> TrainingEvent:
    """An event the current user may see: published or cancelled ones, and drafts to
    those who manage them."""
    event = db.session().scalar(
        sa.select(TrainingEvent)
        .where(TrainingEvent.id == event_id)
        .options(
            selectinload(TrainingEvent.sessions),
            selectinload(TrainingEvent.speakers),
            selectinload(TrainingEvent.organisers),
        )
    )
    if event is None or (event.state == "draft" and not can_manage(event)):
        abort(404)
    return event


def meeting_parts(session, event: TrainingEvent) -> dict:
    """An idea meeting's agenda and minutes, and whether the reader runs it."""
    if event.kind != "forum_inovasi":
        return {}
    # imported here: the idea board builds on the events (its meetings are events)
    from elearn.ideas.board import STAGE_LABELS
    from elearn.ideas.meetings import agenda_of, runs_meeting

    return {
        "agenda": agenda_of(session, event.id),
        "idea_stages": STAGE_LABELS,
        "minutes": Markup(render_block(event.minutes)) if event.minutes else "",  # noqa: S704
        "runs_meeting": runs_meeting(session, current_user, event, can_manage(event)),
    }


def materials_of(event_id: int) -> list[EventMaterial]:
    return list(
        db.session().scalars(
            sa.select(EventMaterial)
            .where(EventMaterial.event_id == event_id)
            .order_by(EventMaterial.kind, EventMaterial.created_at)
        )
    )


@bp.route("/")
@signed_in
def index():
    session = db.session()
    kind = request.args.get("jenis", "")
    upcoming = (
        sa.select(TrainingEvent)
        .where(
            TrainingEvent.state == "published",
            sa.or_(TrainingEvent.starts_at.is_(None), TrainingEvent.starts_at >= _today_start()),
        )
        .options(selectinload(TrainingEvent.sessions), selectinload(TrainingEvent.organisers))
        .order_by(TrainingEvent.starts_at, TrainingEvent.id)
        .limit(LISTED)
    )
    if kind in KIND_LABELS:
        upcoming = upcoming.where(TrainingEvent.kind == kind)
    events = session.scalars(upcoming).all()
    mine = session.execute(
        sa.select(EventRegistration.event_id, EventRegistration.status).where(
            EventRegistration.user_id == current_user.id
        )
    ).all()
    managed_query = (  # an admin (BKPSDM) manages every event
        sa.select(TrainingEvent)
        .where(TrainingEvent.state != "cancelled")
        .order_by(TrainingEvent.created_at.desc())
        .limit(LISTED)
    )
    if not current_user.has_role("admin"):
        managed_query = managed_query.where(TrainingEvent.created_by_id == current_user.id)
    managed = session.scalars(managed_query).all()
    return render_template(
        "kegiatan/index.html",
        events=events,
        mine=dict(mine),
        managed=managed,
        kinds=KIND_LABELS,
        kind=kind,
        may_create=current_user.has_role("trainer", "partner", "admin"),
    )


def _today_start():
    return utcnow().replace(hour=0, minute=0, second=0, microsecond=0)


@bp.route("/<int:event_id>")
@signed_in
def event(event_id: int):
    session = db.session()
    event = event_or_404(event_id)
    registration = registration_of(session, event.id, current_user.id)
    attended = set()
    if registration is not None:
        attended = set(
            session.scalars(
                sa.select(EventAttendance.session_id).where(
                    EventAttendance.user_id == current_user.id,
                    EventAttendance.session_id.in_([s.id for s in event.sessions]),
                )
            )
        )
    return render_template(
        "kegiatan/event.html",
        event=event,
        description=Markup(render_block(event.description)) if event.description else "",  # noqa: S704
        registration=registration,
        place=waiting_place(session, registration)
        if registration and registration.status == "waiting"
        else None,
        taken=seats_taken(session, event.id),
        refused=None if registration else refusal(session, event, current_user),
        attended=attended,
        complete=attended_enough(len(attended), len(event.sessions), event.attendance_percent),
        kinds=KIND_LABELS,
        form=ActionForm(),
        manages=can_manage(event),
        materials=materials_of(event.id)
        if can_manage(event) or (registration and registration.status == "registered")
        else [],
        may_evaluate=may_evaluate(session, registration),
        tests=tests_shown(session, event, registration),
        **meeting_parts(session, event),
        can_cancel=event.state == "published" and utcnow() < aware(event.cancel_until),
    )


@bp.route("/<int:event_id>/register", methods=["POST"])
@signed_in
def register_for(event_id: int):
    session = db.session()
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        registration = register(session, event_id, current_user)
    except RegistrationRefused as refused:
        session.rollback()
        flash(str(refused), "error")
        return redirect(url_for("kegiatan.event", event_id=event_id))
    session.commit()
    flash(
        {
            "registered": _("You are registered. The details are in your notifications."),
            "waiting": _("The event is full: you are on the waiting list."),
            "awaiting": _("Your registration waits for your supervisor's approval."),
        }[registration.status],
        "success",
    )
    return redirect(url_for("kegiatan.event", event_id=event_id))


@bp.route("/<int:event_id>/cancel", methods=["POST"])
@signed_in
def cancel_registration(event_id: int):
    session = db.session()
    if not ActionForm().validate_on_submit():
        abort(400)
    registration = registration_of(session, event_id, current_user.id)
    if registration is None:
        abort(404)
    try:
        cancel(session, registration)
    except NotCancellable:
        session.rollback()
        flash(_("The time to cancel has passed. Tell the organiser if you cannot come."), "error")
        return redirect(url_for("kegiatan.event", event_id=event_id))
    session.commit()
    flash(_("Your registration is cancelled."), "success")
    return redirect(url_for("kegiatan.event", event_id=event_id))


@bp.route("/<int:event_id>/kegiatan.ics")
@signed_in
def event_calendar(event_id: int):
    event = event_or_404(event_id)
    registration = registration_of(db.session(), event.id, current_user.id)
    seat = registration is not None and registration.status == "registered"
    return Response(
        event_file(event, with_links=seat or can_manage(event)),
        mimetype=ICS_TYPE,
        headers={"Content-Disposition": f'attachment; filename="kegiatan-{event.id}.ics"'},
    )


@bp.route("/calendar", methods=["GET", "POST"])
@signed_in
def calendar():
    """The person's secret feed address; posting makes a new one, and the old stops."""
    session = db.session()
    form = ActionForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        feed_token(session, current_user.id, renew=True)
        session.commit()
        flash(_("A new address is made; the old one no longer works."), "success")
        return redirect(url_for("kegiatan.calendar"))
    token = feed_token(session, current_user.id)
    session.commit()
    return render_template(
        "kegiatan/calendar.html",
        feed=url_for("kegiatan.feed", token=token, _external=True),
        form=form,
    )


@bp.route("/feed/<token>.ics")
@public
def feed(token: str):
    calendar = feed_of(db.session(), token)
    if calendar is None:
        abort(404)
    return Response(calendar, mimetype=ICS_TYPE, headers={"Cache-Control": "private, no-store"})


@bp.route("/checkin", methods=["GET", "POST"])
@signed_in
@per_user("CHECKIN_LIMIT_USER")
def checkin():
    """Where the QR code leads (with the session and code in the address) and where a
    participant types the code."""
    session = db.session()
    sitting = session.get(EventSession, request.values.get("s", type=int) or 0)
    if sitting is None or sitting.event.state != "published":
        abort(404)
    form = CheckinForm()
    if request.method == "GET" and request.args.get("c"):
        form.code.data = request.args["c"]
    if form.validate_on_submit():
        try:
            recorded = check_in(session, sitting, current_user, form.code.data)
        except CheckinRefused as refused:
            session.rollback()
            flash(_REFUSALS[str(refused)](), "error")
        else:
            session.commit()
            flash(
                _("You are checked in. Welcome!")
                if recorded
                else _("You were checked in for this session already."),
                "success",
            )
            return redirect(url_for("kegiatan.event", event_id=sitting.event_id))
    return render_template("kegiatan/checkin.html", sitting=sitting, event=sitting.event, form=form)


_REFUSALS = {
    "closed": lambda: _("Check-in for this session is not open. Ask the organiser."),
    "not-registered": lambda: _("You are not registered for this event, so you cannot check in."),
    "wrong-code": lambda: _(
        "That code is wrong or has expired. Type the code shown now; it changes every 30 seconds."
    ),
}


@bp.route("/registrations/<int:registration_id>/decide", methods=["POST"])
@signed_in
def decide_registration(registration_id: int):
    """The direct supervisor approves or declines a team member's registration."""
    session = db.session()
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    decided = decide(
        session,
        current_user,
        registration_id,
        bool(form.approve.data),
        (form.note.data or "").strip(),
    )
    if decided is None:
        session.rollback()
        flash(_("This registration was decided already."), "info")
        return redirect(url_for("learn.team"))
    session.commit()
    flash(
        _("Approved: %(name)s is registered or on the waiting list.", name=decided.user.full_name)
        if form.approve.data
        else _("Declined: %(name)s is told.", name=decided.user.full_name),
        "success",
    )
    return redirect(url_for("learn.team"))
