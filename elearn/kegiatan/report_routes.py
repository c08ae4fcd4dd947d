"""An event's report for its organisers and BKPSDM, its participants as CSV or XLSX
(through the safe exporter), and a webinar's attendee list uploaded to mark attendance."""

from __future__ import annotations

from flask import flash, render_template, request
from flask_babel import gettext as _

from elearn import db
from elearn.accounts.bulk_import import ImportFileError
from elearn.kegiatan import bp
from elearn.kegiatan.attendee_list import OUTCOMES, mark_from_list, read_attendees
from elearn.kegiatan.checkin_routes import sitting_or_404
from elearn.kegiatan.evaluation import SCALE, SHORT, STATEMENTS, summary
from elearn.kegiatan.event_test import gain
from elearn.kegiatan.forms import KIND_LABELS, AttendeeListForm
from elearn.kegiatan.manage_routes import ORGANISERS, managed_or_404
from elearn.kegiatan.report import PARTICIPANT_HEADER, figures, participant_rows
from elearn.kegiatan.schedule import session_when
from elearn.permissions import roles_required
from elearn.reports.export import table_response


@bp.route("/<int:event_id>/report")
@roles_required(*ORGANISERS)
def report(event_id: int):
    event = managed_or_404(event_id)
    session = db.session()
    answered, averages, comments = summary(session, event.id)
    data = figures(session, event)
    return render_template(
        "kegiatan/report.html",
        event=event,
        data=data,
        present=[
            (str(number), data.per_session.get(sitting.id, 0))
            for number, sitting in enumerate(event.sessions, start=1)
        ],
        answered=answered,
        averages=averages,
        comments=comments,
        statements=STATEMENTS,
        averaged=(
            [str(SHORT[item]) for item in averages],
            list(averages.values()),
        ),
        gain=gain(session, event.id),
        top=max(SCALE),
        kinds=KIND_LABELS,
    )


@bp.route("/<int:event_id>/report/participants.<fmt>")
@roles_required(*ORGANISERS)
def export_participants(event_id: int, fmt: str):
    event = managed_or_404(event_id)
    rows = participant_rows(db.session(), event)
    return table_response(f"peserta-kegiatan-{event.id}", fmt, PARTICIPANT_HEADER, rows)


@bp.route("/<int:event_id>/sessions/<int:session_id>/attendees", methods=["GET", "POST"])
@roles_required(*ORGANISERS)
def attendee_list(event_id: int, session_id: int):
    """A webinar's attendee list: every row's outcome, good rows marked present."""
    sitting = sitting_or_404(event_id, session_id)
    form = AttendeeListForm()
    lines = None
    if form.validate_on_submit():
        upload = request.files["file"]
        try:
            rows = read_attendees(upload.filename or "", upload.read())
        except ImportFileError as problem:
            form.file.errors.append(str(problem))
        else:
            session = db.session()
            lines = mark_from_list(session, sitting, rows)
            session.commit()
            marked = sum(1 for line in lines if line.outcome == "present")
            flash(_("Attendance recorded from the list: see each row below."), "success")
            lines = (marked, lines)
    return render_template(
        "kegiatan/attendees.html",
        event=sitting.event,
        sitting=sitting,
        form=form,
        result=lines,
        outcomes=OUTCOMES,
        when=session_when(sitting.starts_at, sitting.ends_at, sitting.time_zone),
    )
