"""Administration for BKPSDM: agencies, accounts, plugins."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")

from elearn.admin import (  # noqa: E402,F401
    activation_routes,
    approval_routes,
    audit_routes,
    external_routes,
    import_routes,
    job_routes,
    mandatory_routes,
    report_routes,
    routes,
    siasn_routes,
    signin_routes,
    user_routes,
    workplace_routes,
)
