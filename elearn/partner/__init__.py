"""University partners' pages: the plugins they maintain, the courses those plugins'
course and question types serve, learners and completions, and item statistics with
no name or NIP in them."""

from flask import Blueprint

bp = Blueprint("partner", __name__, url_prefix="/partner", template_folder="templates")

from elearn.partner import routes  # noqa: E402,F401
