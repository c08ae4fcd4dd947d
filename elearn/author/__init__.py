"""Trainers' pages (widyaiswara): grading the answers that wait for a person."""

from flask import Blueprint

bp = Blueprint("author", __name__, url_prefix="/author", template_folder="templates")

from elearn.author import routes  # noqa: E402,F401
