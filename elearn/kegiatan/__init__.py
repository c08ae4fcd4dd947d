"""Seminars, workshops (lokakarya), classroom training, webinars and bimtek: the pages to
create an event and its sessions, register (with a waiting list and, per event, the
supervisor's approval), check in with a rotating code, and the attendance that credits
JP and issues a certificate through the same ledger and numbering as courses.

A core blueprint rather than a plugin: an event writes the JP ledger, issues
certificates, and adds to the team page, catalogue and reports, none of which the
plugin API lets a plugin write (plugins read core tables, never write them)."""

from flask import Blueprint

bp = Blueprint("kegiatan", __name__, url_prefix="/kegiatan", template_folder="templates")

from elearn.kegiatan.schedule import moment_text, session_when  # noqa: E402

bp.add_app_template_filter(session_when, "session_when")
bp.add_app_template_filter(moment_text, "moment_text")

from elearn.kegiatan import (  # noqa: E402,F401
    checkin_routes,
    evaluation_routes,
    manage_routes,
    reminders,
    report_routes,
    routes,
    test_routes,
)
