"""Change projects' pages: one's projects and those one mentors, starting one (from an
idea in trial or one's own plan), and a project with its milestones, the mentor's
reviews and the final report."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import Session, joinedload, selectinload

from elearn import db
from elearn.accounts.nip import normalise_nip
from elearn.content.render import render_block
from elearn.forms import ActionForm
from elearn.ideas import bp
from elearn.ideas.forms import EvidenceForm, FinishForm, NoteForm, ProjectForm
from elearn.ideas.projects import (
    ProjectRefused,
    add_note,
    attach_evidence,
    finish,
    parse_milestones,
    review_milestone,
    start_project,
    submit_milestone,
)
from elearn.learn.workplace_forms import WorkplaceReviewForm
from elearn.models import ChangeProject, Idea, PostFile, ProjectMilestone, ProjectNote, User
from elearn.permissions import signed_in
from elearn.ratelimit import per_user
from elearn.uploads import ACCEPTED, UploadRefused, uploads_in


@bp.route("/projects")
@signed_in
def projects():
    session = db.session()
    mine = session.scalars(
        sa.select(ChangeProject)
        .where(ChangeProject.owner_id == current_user.id)
        .order_by(ChangeProject.created_at.desc())
    ).all()
    mentored = session.scalars(
        sa.select(ChangeProject)
        .options(joinedload(ChangeProject.owner))
        .where(ChangeProject.mentor_id == current_user.id)
        .order_by(ChangeProject.created_at.desc())
    ).all()
    return render_template("ideas/projects.html", mine=mine, mentored=mentored)


@bp.route("/projects/new", methods=["GET", "POST"])
@signed_in
def new_project():
    """From an idea in trial (its author's), or one's own plan."""
    session = db.session()
    idea = session.get(Idea, request.values.get("idea", type=int) or 0)
    if idea is not None and (idea.author_id != current_user.id or idea.stage != "uji_coba"):
        abort(404)
    form = ProjectForm()
    if idea is not None and not form.is_submitted():
        form.title.data, form.goal.data = idea.title, idea.proposal
    if form.validate_on_submit():
        mentor_id = _mentor_id(session, form)
        try:
            milestones = parse_milestones(form.milestones.data)
        except ProjectRefused as refused:
            form.milestones.errors.append(str(refused))
            milestones = []
        if milestones and not form.mentor_nip.errors:
            project = start_project(
                session,
                current_user,
                mentor_id=mentor_id,
                idea_id=idea.id if idea else None,
                title=form.title.data.strip(),
                goal=form.goal.data.strip(),
                team=(form.team.data or "").strip(),
                coach=(form.coach.data or "").strip(),
                milestones=milestones,
            )
            session.commit()
            flash(_("The project is started. Send each milestone to your mentor when done."),
                  "success")  # fmt: skip
            return redirect(url_for("ideas.project", project_id=project.id))
    return render_template("ideas/project_new.html", form=form, idea=idea)


def _mentor_id(session: Session, form: ProjectForm) -> int | None:
    """The mentor named by NIP (an active colleague, not oneself), else the supervisor."""
    nip = normalise_nip(form.mentor_nip.data)
    if not nip:
        return current_user.supervisor_id
    mentor = session.scalar(sa.select(User).where(User.nip == nip, User.active.is_(True)))
    if mentor is None or mentor.id == current_user.id:
        form.mentor_nip.errors.append(_("No colleague's account has this NIP."))
        return None
    return mentor.id


def project_or_404(project_id: int) -> ChangeProject:
    """A project, for its owner, its mentor and admins."""
    project = db.session().scalar(
        sa.select(ChangeProject)
        .where(ChangeProject.id == project_id)
        .options(
            selectinload(ChangeProject.milestones),
            selectinload(ChangeProject.notes).joinedload(ProjectNote.author),
            joinedload(ChangeProject.owner),
            joinedload(ChangeProject.mentor),
        )  # fmt: skip
    )
    if project is None or not (
        current_user.id in (project.owner_id, project.mentor_id) or current_user.has_role("admin")
    ):
        abort(404)
    return project


@bp.route("/projects/<int:project_id>")
@signed_in
def project(project_id: int):
    project = project_or_404(project_id)
    files: dict[int, list[PostFile]] = {}
    for post_file in db.session().scalars(
        sa.select(PostFile)
        .where(PostFile.milestone_id.in_([m.id for m in project.milestones]))
        .order_by(PostFile.id)
    ):
        files.setdefault(post_file.milestone_id, []).append(post_file)
    return render_template(
        "ideas/project.html",
        project=project,
        files=files,
        accepted=ACCEPTED,
        notes={n.id: Markup(render_block(n.body)) for n in project.notes},  # noqa: S704
        note_form=NoteForm(),
        action=ActionForm(),
        goal=Markup(render_block(project.goal)),  # noqa: S704 (sanitised)
        report=Markup(render_block(project.final_report)) if project.final_report else "",  # noqa: S704
        evidence={m.id: Markup(render_block(m.evidence)) for m in project.milestones},  # noqa: S704
        owner=current_user.id == project.owner_id,
        mentor=current_user.id == project.mentor_id,
        evidence_form=EvidenceForm(),
        review_form=WorkplaceReviewForm(),
        finish_form=FinishForm(),
    )


def _milestone(project: ChangeProject, milestone_id: int) -> ProjectMilestone:
    milestone = next((m for m in project.milestones if m.id == milestone_id), None)
    if milestone is None:
        abort(404)
    return milestone


@bp.route("/projects/<int:project_id>/milestones/<int:milestone_id>", methods=["POST"])
@signed_in
def milestone(project_id: int, milestone_id: int):
    """The owner submits evidence; the mentor approves or rejects."""
    project = project_or_404(project_id)
    milestone = _milestone(project, milestone_id)
    session = db.session()
    back = redirect(url_for("ideas.project", project_id=project.id))
    try:
        if current_user.id == project.owner_id and "evidence" in request.form:
            form = EvidenceForm()
            if not form.validate_on_submit():
                raise ProjectRefused(_("Describe what was done, with its evidence."))
            attach_evidence(session, current_user, milestone, uploads_in(form.files.data))
            submit_milestone(session, project, milestone, form.evidence.data.strip())
        elif current_user.id == project.mentor_id:
            form = WorkplaceReviewForm()
            if not form.validate_on_submit():
                abort(400)
            review_milestone(session, current_user, project, milestone,
                             bool(form.approve.data), (form.note.data or "").strip())  # fmt: skip
        else:
            abort(403)
    except (ProjectRefused, UploadRefused) as refused:
        session.rollback()
        flash(str(refused), "error")
        return back
    session.commit()
    flash(_("Saved."), "success")
    return back


@bp.route("/projects/<int:project_id>/notes", methods=["POST"])
@signed_in
@per_user("POST_LIMIT_USER")
def note(project_id: int):
    """A progress note by the owner or the mentor, which the other is told of."""
    project = project_or_404(project_id)
    if current_user.id not in (project.owner_id, project.mentor_id):
        abort(403)
    form = NoteForm()
    if not form.validate_on_submit():
        flash(_("Write the note first (at most 5,000 characters)."), "error")
    else:
        session = db.session()
        add_note(session, project, current_user, form.body.data.strip())
        session.commit()
        flash(_("The note is added."), "success")
    return redirect(url_for("ideas.project", project_id=project.id, _anchor="catatan"))


@bp.route("/projects/<int:project_id>/finish", methods=["POST"])
@signed_in
def finish_project(project_id: int):
    project = project_or_404(project_id)
    if current_user.id != project.owner_id:
        abort(403)
    form = FinishForm()
    back = redirect(url_for("ideas.project", project_id=project.id))
    if not form.validate_on_submit():
        flash(_("Write the final report (50 characters at least) and the JP asked for."), "error")
        return back
    session = db.session()
    competency, code = form.competency.split
    try:
        finish(session, project, form.report.data.strip(), round(form.jp.data, 2), competency,
               code)  # fmt: skip
    except ProjectRefused as refused:
        session.rollback()
        flash(str(refused), "error")
        return back
    session.commit()
    flash(_("Finished: your supervisor approves its JP as on-the-job learning."), "success")
    return back
