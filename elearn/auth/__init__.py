"""Signing in and out, passwords, and the interface language."""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")

from elearn.auth import activation_routes, routes  # noqa: E402,F401
