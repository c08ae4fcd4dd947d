"""A partner's plugins, the courses each serves and their anonymised statistics. A
partner reaches only the plugins an admin linked them to; an admin reaches every one."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user

from elearn import db
from elearn.partner import bp
from elearn.partner.maintainers import maintained_by
from elearn.partner.stats import plugin_types, published, quiz_figures, served_courses
from elearn.permissions import roles_required
from elearn.plugins import get_host
from elearn.reports.items import MIN_LEARNERS


def _mine() -> list[str]:
    if current_user.has_role("admin"):
        return sorted(name for name, record in get_host().records.items() if not record.builtin)
    return maintained_by(db.session(), current_user.id)


def _plugin_or_404(name: str):
    """The plugin's types, if the signed-in partner maintains it (an admin: any)."""
    types = plugin_types(name) if name in _mine() else None
    if types is None:
        abort(404)  # another partner's plugin does not exist for you
    return types


@bp.route("/")
@roles_required("partner", "admin")
def index():
    host = get_host()
    versions = published(db.session())
    plugins = []
    for name in _mine():
        types = plugin_types(name)
        plugins.append(
            {
                "name": name,
                "record": host.records.get(name),
                "types": types,
                "courses": served_courses(db.session(), types, versions) if types else [],
            }
        )
    return render_template("partner/index.html", plugins=plugins)


@bp.route("/plugins/<name>/courses/<key>")
@roles_required("partner", "admin")
def course(name: str, key: str):
    types = _plugin_or_404(name)
    session = db.session()
    found = served_courses(session, types, published(session, key))
    if not found:
        abort(404)
    served = found[0]
    return render_template(
        "partner/course.html",
        name=name,
        types=types,
        served=served,
        quizzes=quiz_figures(session, served, types),
        min_learners=MIN_LEARNERS,
    )
