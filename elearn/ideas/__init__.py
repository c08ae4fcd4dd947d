"""Ruang Ide, the idea board: ideas to improve public services, posted by any ASN after
seeing similar ones, supported and discussed across agencies, moved through their stages
by the innovation team of the agency concerned, and, once put in place, kept in a
searchable catalogue of innovations with their results."""

from flask import Blueprint

bp = Blueprint("ideas", __name__, url_prefix="/ideas", template_folder="templates")

from elearn.ideas import (  # noqa: E402,F401
    file_routes,
    meeting_routes,
    project_routes,
    routes,
    team_routes,
)
