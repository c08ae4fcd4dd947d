"""Reporting a post, the moderators' queue of open reports, and hiding, restoring or
keeping a post."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from elearn import db
from elearn.content.render import render_block
from elearn.discussions import bp
from elearn.discussions.moderation import (
    Place,
    hide,
    keep,
    may_moderate,
    open_reports,
    post_and_place,
    remove,
    report_post,
    restore,
)
from elearn.discussions.threads import may_read
from elearn.forms import ActionForm, ReasonForm, ReportForm
from elearn.links import safe_next
from elearn.permissions import signed_in
from elearn.ratelimit import per_user


def page_of(place: Place) -> str:
    if place.course is not None:
        return url_for("discussions.question", key=place.course.key, question_id=place.question.id)
    return url_for("ideas.idea", idea_id=place.idea.id)


def _found_or_404(kind: str, post_id: int):
    found = post_and_place(db.session(), kind, post_id)
    if found is None:
        abort(404)
    return found


@bp.route("/moderation/report", methods=["POST"])
@signed_in
@per_user("POST_LIMIT_USER")
def report():
    form = ReportForm()
    if not form.validate_on_submit() or not form.post_id.data.isdigit():
        flash(_("Say what is wrong with the post."), "error")
        return redirect(safe_next(request.form.get("next")) or url_for("learn.dashboard"))
    post, place = _found_or_404(form.kind.data, int(form.post_id.data))
    session = db.session()
    if place.course is not None and not may_read(session, current_user, place.course):
        abort(404)
    made = report_post(session, current_user, form.kind.data, post, place, form.reason.data.strip())
    session.commit()
    flash(
        _("Thank you: the moderators will look at it.")
        if made
        else _("You reported this post already."),
        "success",
    )
    return redirect(page_of(place))


@bp.route("/moderation")
@signed_in
def moderation():
    """The open reports this person may act on (a course's trainers, an agency's
    innovation team, admins); others see an empty queue."""
    reports = open_reports(db.session(), current_user)
    return render_template(
        "discussions/moderation.html",
        reports=reports,
        bodies={
            (report.kind, report.post_id): Markup(render_block(post.body))  # noqa: S704
            for report, post, _place in reports
        },
        pages={(r.kind, r.post_id): page_of(place) for r, _post, place in reports},
        reason_form=ReasonForm(),
        action=ActionForm(),
    )


@bp.route("/moderation/<kind>/<int:post_id>/<what>", methods=["POST"])
@signed_in
def moderate(kind: str, post_id: int, what: str):
    """hide or remove (with a reason), restore, or keep (the reports are read, the post
    stays)."""
    session = db.session()
    post, place = _found_or_404(kind, post_id)
    if what not in ("hide", "remove", "restore", "keep"):
        abort(404)
    if not may_moderate(session, current_user, place):
        abort(403)
    back = safe_next(request.form.get("next")) or page_of(place)
    if what == "remove" and kind == "question":
        back = url_for("discussions.discussion", key=place.course.key)
    if what == "remove" and kind == "idea":
        back = url_for("ideas.index")
    if what in ("hide", "remove"):
        form = ReasonForm()
        if not form.validate_on_submit():
            flash(_("Give the reason for hiding it."), "error")
            return redirect(back)
        (hide if what == "hide" else remove)(
            session, current_user, kind, post, form.reason.data.strip()
        )
    elif not ActionForm().validate_on_submit():
        abort(400)
    elif what == "restore":
        restore(session, current_user, kind, post)
    else:
        keep(session, current_user, kind, post)
    session.commit()
    flash(
        {"hide": _("Hidden."), "remove": _("Removed."), "restore": _("Restored."),
         "keep": _("Kept.")}[what],
        "success",
    )  # fmt: skip
    return redirect(back)
