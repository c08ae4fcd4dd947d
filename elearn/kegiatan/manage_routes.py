"""The organiser's pages: creating and editing an event, its sessions, publishing or
cancelling it, the participants, and BKPSDM's decision on its JP. Admins, trainers and
university partners create events; the one who created an event and admins manage it."""

from __future__ import annotations

from datetime import datetime, time

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from elearn import db
from elearn.audit import Said, audit
from elearn.competencies import split_choice
from elearn.forms import ActionForm
from elearn.kegiatan import bp
from elearn.kegiatan.completion import credit_completed
from elearn.kegiatan.forms import KIND_LABELS, EventForm, EventJpForm, SessionForm, parse_speakers
from elearn.kegiatan.registration import ACTIVE, locked_event, promote, tell
from elearn.kegiatan.routes import can_manage, event_or_404
from elearn.kegiatan.schedule import local, moment
from elearn.models import (
    Agency,
    EventRegistration,
    EventSession,
    EventSpeaker,
    TrainingEvent,
    User,
)
from elearn.models.types import aware, utcnow
from elearn.notifications import notify_admins
from elearn.permissions import roles_required
from elearn.templating import number

ORGANISERS = ("trainer", "partner", "admin")


def managed_or_404(event_id: int) -> TrainingEvent:
    event = event_or_404(event_id)
    if not can_manage(event):
        abort(404)
    return event


def _agency_choices(form: EventForm) -> None:
    agencies = db.session().execute(sa.select(Agency.id, Agency.name).order_by(Agency.name)).all()
    form.organisers.choices = [SelectChoice(a.id, a.name) for a in agencies]
    form.audience.choices = [SelectChoice(a.id, a.name) for a in agencies]


def _end_of_day(day, zone: str) -> datetime:
    return moment(day, time(23, 59, 59), zone)


def _save(form: EventForm, event: TrainingEvent) -> None:
    session = db.session()
    competency, code = split_choice(form.competency.data)
    event.kind, event.title = form.kind.data, form.title.data.strip()
    event.description = form.description.data or ""
    event.institution = (form.institution.data or "").strip()
    event.competency, event.competency_code = competency, code
    if event.jp_status != "approved" or event.jp_claimed != round(form.jp_claimed.data, 2):
        event.jp_claimed = round(form.jp_claimed.data, 2)
        event.jp_status, event.jp_approved = "pending", None
    event.capacity = form.capacity.data
    event.open_to_all = form.open_to_all.data
    event.audience_positions = ", ".join(
        word.strip() for word in (form.audience_positions.data or "").split(",") if word.strip()
    )
    event.needs_supervisor = form.needs_supervisor.data
    event.evaluation_required = form.evaluation_required.data
    event.time_zone = form.time_zone.data
    event.registration_closes_at = _end_of_day(form.registration_closes.data, event.time_zone)
    event.cancel_until = _end_of_day(form.cancel_until.data, event.time_zone)
    event.attendance_percent = form.attendance_percent.data
    chosen = set(form.organisers.data or []) | set(form.audience.data or [])
    agencies = {a.id: a for a in session.scalars(sa.select(Agency).where(Agency.id.in_(chosen)))}
    event.organisers = [agencies[i] for i in form.organisers.data or [] if i in agencies]
    event.audience = (
        [] if event.open_to_all else [agencies[i] for i in form.audience.data if i in agencies]
    )
    event.speakers = [
        EventSpeaker(position=n, name=name, institution=institution, bio=bio)
        for n, (name, institution, bio) in enumerate(parse_speakers(form.speakers.data))
    ]


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*ORGANISERS)
def new_event():
    form = EventForm()
    _agency_choices(form)
    if not form.is_submitted() and current_user.agency_id:
        form.organisers.data = [current_user.agency_id]
    if form.validate_on_submit():
        session = db.session()
        event = TrainingEvent(created_by_id=current_user.id)
        session.add(event)
        _save(form, event)
        session.flush()
        audit(session, current_user, "event.create", f"event:{event.id}", event.title)
        session.commit()
        flash(_("The event is saved as a draft. Add its sessions, then publish it."), "success")
        return redirect(url_for("kegiatan.manage", event_id=event.id))
    return render_template("kegiatan/edit.html", form=form, event=None)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@roles_required(*ORGANISERS)
def edit_event(event_id: int):
    event = managed_or_404(event_id)
    form = EventForm(obj=event)
    _agency_choices(form)
    if not form.is_submitted():
        form.organisers.data = [a.id for a in event.organisers]
        form.audience.data = [a.id for a in event.audience]
        form.speakers.data = "\n".join(
            " | ".join(part for part in (s.name, s.institution, s.bio)) for s in event.speakers
        )
        form.competency.data = (
            f"{event.competency}/{event.competency_code}"
            if event.competency_code
            else event.competency
        )
        form.registration_closes.data = _local_day(event.registration_closes_at, event.time_zone)
        form.cancel_until.data = _local_day(event.cancel_until, event.time_zone)
    if form.validate_on_submit():
        session = db.session()
        locked_event(session, event.id)
        _save(form, event)
        while promote(session, event):  # more seats take people off the waiting list
            pass
        audit(session, current_user, "event.edit", f"event:{event.id}", event.title)
        session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("kegiatan.manage", event_id=event.id))
    return render_template("kegiatan/edit.html", form=form, event=event)


def _local_day(moment_: datetime, zone: str):
    return local(moment_, zone).date()


@bp.route("/<int:event_id>/manage", methods=["GET", "POST"])
@roles_required(*ORGANISERS)
def manage(event_id: int):
    """The event's sessions (and the form to add one), its participants and its JP."""
    event = managed_or_404(event_id)
    session = db.session()
    form = SessionForm()
    if not form.is_submitted():
        form.time_zone.data = event.time_zone
    if form.validate_on_submit():
        starts = moment(form.day.data, form.start.data, form.time_zone.data)
        sitting = EventSession(
            event_id=event.id,
            title=(form.title.data or "").strip(),
            starts_at=starts,
            ends_at=moment(form.day.data, form.end.data, form.time_zone.data),
            time_zone=form.time_zone.data,
            place=(form.place.data or "").strip(),
            online_url=(form.online_url.data or "").strip(),
        )
        session.add(sitting)
        event.sessions.append(sitting)
        event.starts_at = min(aware(s.starts_at) for s in event.sessions)
        _tell_participants(session, event, "event.changed")
        session.commit()
        flash(_("The session is added."), "success")
        return redirect(url_for("kegiatan.manage", event_id=event.id))
    registrations = session.scalars(
        sa.select(EventRegistration)
        .join(User, User.id == EventRegistration.user_id)
        .where(EventRegistration.event_id == event.id)
        .order_by(EventRegistration.status, EventRegistration.queued_at, EventRegistration.id)
    ).all()
    jp_form = EventJpForm()
    jp_form.jp.data = event.jp_claimed
    return render_template(
        "kegiatan/manage.html",
        event=event,
        form=form,
        registrations=registrations,
        counts=_counts(registrations),
        action=ActionForm(),
        jp_form=jp_form,
        kinds=KIND_LABELS,
    )


def _counts(registrations) -> dict[str, int]:
    counts: dict[str, int] = {}
    for registration in registrations:
        counts[registration.status] = counts.get(registration.status, 0) + 1
    return counts


def _tell_participants(session, event: TrainingEvent, kind: str) -> None:
    """A published event's participants hear of a change of schedule or a cancellation."""
    if event.state == "draft":
        return
    people = session.scalars(
        sa.select(User)
        .join(EventRegistration, EventRegistration.user_id == User.id)
        .where(
            EventRegistration.event_id == event.id,
            EventRegistration.status.in_(ACTIVE),
        )
    ).all()
    for person in people:
        tell(session, person, kind, event, with_calendar=True)


@bp.route("/<int:event_id>/sessions/<int:session_id>/delete", methods=["POST"])
@roles_required(*ORGANISERS)
def delete_session(event_id: int, session_id: int):
    event = managed_or_404(event_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    sitting = next((s for s in event.sessions if s.id == session_id), None)
    if sitting is None:
        abort(404)
    session = db.session()
    event.sessions.remove(sitting)
    event.starts_at = min((aware(s.starts_at) for s in event.sessions), default=None)
    _tell_participants(session, event, "event.changed")
    session.commit()
    flash(_("The session is removed."), "success")
    return redirect(url_for("kegiatan.manage", event_id=event.id))


@bp.route("/<int:event_id>/publish", methods=["POST"])
@roles_required(*ORGANISERS)
def publish(event_id: int):
    event = managed_or_404(event_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not event.sessions:
        flash(_("Add at least one session before publishing."), "error")
        return redirect(url_for("kegiatan.manage", event_id=event.id))
    session = db.session()
    if event.state == "draft":
        event.state, event.published_at = "published", utcnow()
        if event.jp_status == "pending":
            notify_admins(
                session,
                "event.jp_waiting",
                "kegiatan.manage",
                {"event_id": event.id},
                event=event.title,
            )
        audit(session, current_user, "event.publish", f"event:{event.id}", event.title)
        session.commit()
        flash(_("Published: ASN can register now."), "success")
    return redirect(url_for("kegiatan.manage", event_id=event.id))


@bp.route("/<int:event_id>/cancel-event", methods=["POST"])
@roles_required(*ORGANISERS)
def cancel_event(event_id: int):
    event = managed_or_404(event_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    session = db.session()
    if event.state != "cancelled":
        event.state = "cancelled"
        _tell_participants(session, event, "event.cancelled")
        audit(session, current_user, "event.cancel", f"event:{event.id}", event.title)
        session.commit()
        flash(_("The event is cancelled and its participants are told."), "success")
    return redirect(url_for("kegiatan.manage", event_id=event.id))


@bp.route("/<int:event_id>/jp", methods=["POST"])
@roles_required("admin")
def decide_jp(event_id: int):
    """BKPSDM approves (possibly fewer) or declines the JP the event claims; approval
    credits everyone who completed it already."""
    event = managed_or_404(event_id)
    form = EventJpForm()
    if not form.validate_on_submit():
        flash(_("Check the JP: a number from 0.5."), "error")
        return redirect(url_for("kegiatan.manage", event_id=event.id))
    note = (form.note.data or "").strip()
    session = db.session()
    if form.approve.data:
        if form.jp.data is None:
            flash(_("Check the JP: a number from 0.5."), "error")
            return redirect(url_for("kegiatan.manage", event_id=event.id))
        event.jp_status, event.jp_approved = "approved", round(form.jp.data, 2)
    elif note:
        event.jp_status, event.jp_approved = "declined", None
    else:
        flash(_("Say why the JP are declined: the organiser reads the note."), "error")
        return redirect(url_for("kegiatan.manage", event_id=event.id))
    event.jp_note, event.jp_decided_by_id, event.jp_decided_at = note, current_user.id, utcnow()
    credited = credit_completed(session, event) if event.jp_status == "approved" else 0
    approved = event.jp_status == "approved"
    audit(
        session,
        current_user,
        "event.jp_approve" if approved else "event.jp_decline",
        f"event:{event.id}",
        Said(
            "event.jp_approved" if approved else "event.jp_declined",
            {"title": event.title, "claimed": event.jp_claimed}
            | ({"jp": event.jp_approved} if approved else {}),
            note,
        ),
    )
    session.commit()
    if event.jp_status == "approved":
        flash(
            ngettext(
                "Approved: %(title)s earns %(jp)s JP; %(num)d participant credited.",
                "Approved: %(title)s earns %(jp)s JP; %(num)d participants credited.",
                credited,
                title=event.title,
                jp=number(event.jp_approved),
            ),
            "success",
        )
    else:
        flash(_("Declined: %(title)s earns no JP.", title=event.title), "success")
    return redirect(url_for("kegiatan.manage", event_id=event.id))
