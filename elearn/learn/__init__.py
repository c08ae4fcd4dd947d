"""The learner's pages."""

from flask import Blueprint

bp = Blueprint("learn", __name__, template_folder="templates")

from elearn.learn import (  # noqa: E402,F401
    certificate_routes,
    download_routes,
    external_routes,
    notification_routes,
    quiz_routes,
    routes,
    team_routes,
    workplace_routes,
)
from elearn.learn.lookup import missing_parts  # noqa: E402
from elearn.learn.syllabus import syllabus  # noqa: E402

bp.add_app_template_filter(lambda version: bool(missing_parts(version)), "course_unavailable")
bp.add_app_template_global(syllabus)
