"""Administration for BKPSDM: agencies, accounts, plugins."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")

from elearn.admin import external_routes, import_routes, report_routes, routes  # noqa: E402,F401
