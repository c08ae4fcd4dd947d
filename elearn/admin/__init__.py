"""Administration for BKPSDM: agencies, accounts, plugins."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")

from elearn.admin import routes  # noqa: E402,F401
