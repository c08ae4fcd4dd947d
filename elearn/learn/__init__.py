"""The learner's pages."""

from flask import Blueprint

bp = Blueprint("learn", __name__, template_folder="templates")

from elearn.learn import certificate_routes, quiz_routes, routes  # noqa: E402,F401
