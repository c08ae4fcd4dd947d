"""Pictures on an idea (added by its author or the innovation team, shown to all who
can read it) and the files a change project's milestone gives as evidence (seen by the
project's owner, mentor and admins); each served so that it never runs as a page."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.orm import Session, undefer

from elearn import db
from elearn.forms import ActionForm
from elearn.ideas import bp
from elearn.ideas.board import on_team
from elearn.ideas.forms import ImageForm
from elearn.ideas.project_routes import project_or_404
from elearn.ideas.routes import idea_or_404
from elearn.models import PostFile
from elearn.permissions import signed_in
from elearn.ratelimit import per_user
from elearn.uploads import UploadRefused, file_response, prepare, stored

MAX_IDEA_IMAGES = 6


@bp.route("/<int:idea_id>/images", methods=["POST"])
@signed_in
@per_user("POST_LIMIT_USER")
def add_image(idea_id: int):
    session = db.session()
    idea = idea_or_404(idea_id)
    if idea.author_id != current_user.id and not on_team(session, current_user, idea.agency_id):
        abort(403)
    back = redirect(url_for("ideas.idea", idea_id=idea.id, _anchor="gambar"))
    form = ImageForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
        return back
    count = session.scalar(sa.select(sa.func.count()).where(PostFile.idea_id == idea.id))
    if count >= MAX_IDEA_IMAGES:
        flash(
            ngettext(
                "An idea has at most %(num)d image.",
                "An idea has at most %(num)d images.",
                MAX_IDEA_IMAGES,
            ),
            "error",
        )
        return back
    try:
        picture = prepare(form.image.data, images_only=True)
    except UploadRefused as refused:
        flash(str(refused), "error")
        return back
    session.add(stored(picture, current_user.id, form.caption.data.strip(), idea_id=idea.id))
    session.commit()
    flash(_("The image is added."), "success")
    return back


def _file_or_404(session: Session, file_id: int, **owner: int) -> PostFile:
    post_file = session.scalar(
        sa.select(PostFile).options(undefer(PostFile.data)).filter_by(id=file_id, **owner)
    )
    if post_file is None:
        abort(404)
    return post_file


@bp.route("/<int:idea_id>/images/<int:file_id>")
@signed_in
def image(idea_id: int, file_id: int):
    idea = idea_or_404(idea_id)
    return file_response(_file_or_404(db.session(), file_id, idea_id=idea.id))


@bp.route("/<int:idea_id>/images/<int:file_id>/delete", methods=["POST"])
@signed_in
def delete_image(idea_id: int, file_id: int):
    session = db.session()
    idea = idea_or_404(idea_id)
    post_file = _file_or_404(session, file_id, idea_id=idea.id)
    own = post_file.uploader_id == current_user.id
    if not own and not on_team(session, current_user, idea.agency_id):
        abort(403)
    return _removed(post_file, url_for("ideas.idea", idea_id=idea.id, _anchor="gambar"))


@bp.route("/projects/<int:project_id>/files/<int:file_id>")
@signed_in
def evidence_file(project_id: int, file_id: int):
    project = project_or_404(project_id)
    milestones = [m.id for m in project.milestones]
    post_file = _file_or_404(db.session(), file_id)
    if post_file.milestone_id not in milestones:
        abort(404)
    return file_response(post_file)


@bp.route("/projects/<int:project_id>/files/<int:file_id>/delete", methods=["POST"])
@signed_in
def delete_evidence_file(project_id: int, file_id: int):
    """The owner takes a file back while its milestone is not sent or approved."""
    session = db.session()
    project = project_or_404(project_id)
    post_file = _file_or_404(session, file_id)
    milestone = next((m for m in project.milestones if m.id == post_file.milestone_id), None)
    if milestone is None:
        abort(404)
    if current_user.id != project.owner_id or not milestone.with_owner:
        abort(403)
    return _removed(post_file, url_for("ideas.project", project_id=project.id))


def _removed(post_file: PostFile, back: str):
    if not ActionForm().validate_on_submit():
        abort(400)
    session = db.session()
    session.delete(post_file)
    session.commit()
    flash(_("Removed."), "success")
    return redirect(back)
