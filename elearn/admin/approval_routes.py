"""Approving courses' JP: the queue of course versions whose JP, competency and
managerial code wait for BKPSDM, each beside how long its content is, approved as given
(up to ``JP_MAX_PER_COURSE``) or declined with a reason for the trainer."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import joinedload, selectinload, undefer

from elearn import db
from elearn.admin import bp
from elearn.admin.forms import JpApprovalForm
from elearn.competencies import split_choice
from elearn.models import CourseItem, CourseVersion, Enrolment, JpApproval, TrainingEvent
from elearn.models.approvals import PENDING
from elearn.permissions import roles_required
from elearn.progress.jp import AlreadyDecided, decide
from elearn.templating import number

RECENT = 30
WORDS_PER_MINUTE = 150  # reading a lesson in Indonesian, with its tables and figures
MINUTES_PER_QUESTION = 1.5


@dataclass(frozen=True)
class Length:
    """How much learning a version holds, to set beside the JP it claims."""

    lessons: int
    quizzes: int
    questions: int
    minutes: int


def content_length(version: CourseVersion) -> Length:
    lessons = [item for item in version.items if item.kind == "lesson"]
    quizzes = [item for item in version.items if item.kind == "quiz"]
    words = sum(len(Markup(item.html).striptags().split()) for item in version.items)  # noqa: S704
    questions = sum(len(item.questions) for item in quizzes)
    minutes = round(words / WORDS_PER_MINUTE + questions * MINUTES_PER_QUESTION)
    return Length(len(lessons), len(quizzes), questions, minutes)


@bp.route("/jp-approvals")
@roles_required("admin")
def jp_approvals():
    session = db.session()
    base = sa.select(JpApproval).options(
        joinedload(JpApproval.version).joinedload(CourseVersion.course)
    )
    pending = session.scalars(
        base.where(JpApproval.status == PENDING).order_by(JpApproval.created_at)
    ).all()
    versions = [approval.version for approval in pending]
    session.execute(  # every pending version's items and questions, in two statements
        sa.select(CourseVersion)
        .where(CourseVersion.id.in_([v.id for v in versions]))
        .options(
            selectinload(CourseVersion.items).options(
                undefer(CourseItem.html), selectinload(CourseItem.questions)
            )
        )
    ).all()
    waiting = dict(
        session.execute(
            sa.select(Enrolment.completed_version_id, sa.func.count())
            .where(Enrolment.completed_version_id.in_([v.id for v in versions]))
            .group_by(Enrolment.completed_version_id)
        ).all()
    )
    decided = session.scalars(
        base.where(JpApproval.status != PENDING, JpApproval.decided_at.is_not(None))
        .order_by(JpApproval.decided_at.desc())
        .limit(RECENT)
    ).all()
    forms = {}
    for approval in pending:
        version = approval.version
        code = version.settings.get("competency_code")
        form = JpApprovalForm(prefix=f"v{version.id}")
        form.jp.data = min(version.jp, current_app.config["JP_MAX_PER_COURSE"])
        form.competency.data = f"{version.competency}/{code}" if code else version.competency
        forms[version.id] = form
    return render_template(
        "admin/jp_approvals.html",
        pending=pending,
        lengths={v.id: content_length(v) for v in versions},
        waiting=waiting,
        decided=decided,
        forms=forms,
        ceiling=current_app.config["JP_MAX_PER_COURSE"],
        minutes_per_jp=current_app.config["MINUTES_PER_JP"],
        events=session.scalars(
            sa.select(TrainingEvent)
            .where(TrainingEvent.jp_status == PENDING, TrainingEvent.state == "published")
            .order_by(TrainingEvent.published_at)
        ).all(),
    )


@bp.route("/jp-approvals/<int:version_id>", methods=["POST"])
@roles_required("admin")
def decide_jp(version_id: int):
    session = db.session()
    approval = session.get(JpApproval, version_id)
    if approval is None:
        abort(404)
    form = JpApprovalForm(prefix=f"v{version_id}")
    if not form.validate_on_submit():
        flash(_("Check the JP: a number from 0.5."), "error")
        return redirect(url_for("admin.jp_approvals"))
    note = (form.note.data or "").strip()
    approve = bool(form.approve.data)
    ceiling = current_app.config["JP_MAX_PER_COURSE"]
    if approve and (form.jp.data is None or form.jp.data > ceiling):
        flash(_("A course earns at most %(max)s JP.", max=number(ceiling)), "error")
        return redirect(url_for("admin.jp_approvals"))
    if not approve and not note:
        flash(_("Say why the JP are declined: the trainer reads the note."), "error")
        return redirect(url_for("admin.jp_approvals"))
    competency, code = split_choice(form.competency.data)
    try:
        credited = decide(
            session,
            current_user,
            approval,
            approve=approve,
            jp=form.jp.data,
            competency=competency,
            competency_code=code,
            note=note,
        )
    except AlreadyDecided:
        flash(_("These JP were decided already."), "info")
        return redirect(url_for("admin.jp_approvals"))
    session.commit()
    version = approval.version
    if approve:
        flash(
            ngettext(
                "Approved: %(title)s earns %(jp)s JP; %(num)d completion credited.",
                "Approved: %(title)s earns %(jp)s JP; %(num)d completions credited.",
                credited,
                title=version.title,
                jp=number(approval.jp),
            ),
            "success",
        )
    else:
        flash(_("Declined: %(title)s earns no JP.", title=version.title), "success")
    return redirect(url_for("admin.jp_approvals"))
