"""An idea meeting's page for its organisers and the agencies' innovation teams: the
agenda built from the board, a decision on each idea, the minutes, and the next
meetings scheduled monthly."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from elearn import db
from elearn.forms import ActionForm
from elearn.ideas import bp
from elearn.ideas.board import STAGE_LABELS, StageRefused, on_team
from elearn.ideas.forms import MinutesForm, RepeatForm, stage_form
from elearn.ideas.meetings import (
    MEETING,
    add_to_agenda,
    agenda_of,
    candidates,
    decide,
    repeat_monthly,
    runs_meeting,
)
from elearn.kegiatan.routes import can_manage, event_or_404
from elearn.models import Idea, MeetingAgendaItem
from elearn.permissions import signed_in


def meeting_or_404(event_id: int):
    """The meeting, for those who run it: its organiser, admins, and the innovation
    teams of its organising agencies."""
    event = event_or_404(event_id)
    session = db.session()
    if event.kind != MEETING:
        abort(404)
    if not runs_meeting(session, current_user, event, can_manage(event)):
        abort(404)
    return event


@bp.route("/meetings/<int:event_id>")
@signed_in
def meeting(event_id: int):
    event = meeting_or_404(event_id)
    session = db.session()
    agenda = agenda_of(session, event.id)
    decisions = {
        item.id: stage_form(item.idea.stage)
        for item in agenda
        if item.decided_at is None and on_team(session, current_user, item.idea.agency_id)
    }
    minutes = MinutesForm(obj=event)
    return render_template(
        "ideas/meeting.html",
        event=event,
        agenda=agenda,
        decisions=decisions,
        candidates=candidates(session, event),
        stages=STAGE_LABELS,
        minutes=minutes,
        repeat=RepeatForm(),
        action=ActionForm(),
    )


@bp.route("/meetings/<int:event_id>/agenda", methods=["POST"])
@signed_in
def add_item(event_id: int):
    event = meeting_or_404(event_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    session = db.session()
    idea = session.get(Idea, request.form.get("idea", type=int) or 0)
    if idea is None or idea not in candidates(session, event):
        flash(_("Choose an open idea of the organising agencies."), "error")
    else:
        add_to_agenda(session, event, idea)
        session.commit()
        flash(_("On the agenda: %(title)s.", title=idea.title), "success")
    return redirect(url_for("ideas.meeting", event_id=event.id))


@bp.route("/meetings/<int:event_id>/agenda/<int:item_id>", methods=["POST"])
@signed_in
def decide_item(event_id: int, item_id: int):
    event = meeting_or_404(event_id)
    session = db.session()
    item = session.get(MeetingAgendaItem, item_id)
    if item is None or item.event_id != event.id:
        abort(404)
    if not on_team(session, current_user, item.idea.agency_id):
        abort(403)
    form = stage_form(item.idea.stage)
    back = redirect(url_for("ideas.meeting", event_id=event.id))
    if item.decided_at is not None or not form.validate_on_submit():
        flash(_("Choose the stage the idea moves to."), "error")
        return back
    try:
        decide(session, item, current_user, form.stage.data, (form.note.data or "").strip())
    except StageRefused as refused:
        session.rollback()
        flash(str(refused), "error")
        return back
    session.commit()
    flash(_("Decided: %(title)s is now %(stage)s.", title=item.idea.title,
            stage=STAGE_LABELS[item.decided_stage]), "success")  # fmt: skip
    return back


@bp.route("/meetings/<int:event_id>/minutes", methods=["POST"])
@signed_in
def save_minutes(event_id: int):
    event = meeting_or_404(event_id)
    form = MinutesForm()
    if form.validate_on_submit():
        event.minutes = (form.minutes.data or "").strip()
        db.session().commit()
        flash(_("The minutes are saved: participants read them on the meeting's page."),
              "success")  # fmt: skip
    else:
        flash(_("The minutes are too long."), "error")
    return redirect(url_for("ideas.meeting", event_id=event.id))


@bp.route("/meetings/<int:event_id>/repeat", methods=["POST"])
@signed_in
def repeat(event_id: int):
    event = meeting_or_404(event_id)
    if not can_manage(event):
        abort(403)
    form = RepeatForm()
    if not form.validate_on_submit() or not event.sessions:
        flash(_("Give how many months ahead, from 1 to 12, once the meeting has a session."),
              "error")  # fmt: skip
        return redirect(url_for("ideas.meeting", event_id=event.id))
    made = repeat_monthly(db.session(), event, form.months.data)
    db.session().commit()
    flash(_("Scheduled: the next meetings are published on the events page."), "success")
    return redirect(url_for("kegiatan.event", event_id=made[0].id))
