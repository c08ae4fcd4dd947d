"""Trainers' pages (widyaiswara): their courses, authored in the browser, the reports
on their learners, and grading the answers that wait for a person."""

from flask import Blueprint

bp = Blueprint("author", __name__, url_prefix="/author", template_folder="templates")

from elearn.author import (  # noqa: E402,F401
    course_routes,
    editor_routes,
    grading_routes,
    preview_routes,
    report_routes,
)
