"""The idea board's pages: the board with its filters, posting an idea (similar ones
shown first), an idea with its supporters, comments and history, the innovation
team's decision, and the catalogue of innovations put in place."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from elearn import db
from elearn.content.render import render_block
from elearn.forms import ActionForm, ReasonForm, ReportForm
from elearn.ideas import bp
from elearn.ideas.board import (
    STAGE_LABELS,
    StageRefused,
    add_comment,
    edit_comment,
    editable,
    move_stage,
    on_team,
    post_idea,
    similar_ideas,
    toggle_support,
    words,
)
from elearn.ideas.forms import CommentForm, IdeaForm, ImageForm, stage_form
from elearn.models import (
    Agency,
    ChangeProject,
    Idea,
    IdeaComment,
    IdeaStageChange,
    IdeaSupport,
    InnovationTeamMember,
    PostFile,
    User,
)
from elearn.permissions import signed_in
from elearn.ratelimit import per_user

PAGE_SIZE = 30
SORTS = {
    "dukungan": (Idea.supporters.desc(), Idea.id.desc()),
    "terbaru": (Idea.created_at.desc(), Idea.id.desc()),
    "aktivitas": (Idea.last_activity_at.desc(), Idea.id.desc()),
}


def _filtered(args) -> sa.Select:
    statement = (
        sa.select(Idea)
        .options(joinedload(Idea.agency), joinedload(Idea.author))
        .where(Idea.hidden_at.is_(None))
    )
    if args.get("instansi", type=int):
        statement = statement.where(Idea.agency_id == args.get("instansi", type=int))
    if args.get("tahap") in STAGE_LABELS:
        statement = statement.where(Idea.stage == args["tahap"])
    for column, name in ((Idea.service, "layanan"), (Idea.tags, "tag")):
        if args.get(name):  # a % or _ typed is only a character
            text = args[name][:100].lower()
            statement = statement.where(sa.func.lower(column).contains(text, autoescape=True))
    padded = sa.literal(" ") + Idea.search_text + sa.literal(" ")
    for word in words(args.get("q", ""))[:8]:
        statement = statement.where(padded.contains(f" {word}"))
    return statement


def _agencies():
    return db.session().execute(sa.select(Agency.id, Agency.name).order_by(Agency.name)).all()


@bp.route("/")
@signed_in
def index():
    args = request.args
    page = max(args.get("halaman", 1, type=int), 1)
    order = SORTS.get(args.get("urut", ""), SORTS["aktivitas"])
    ideas = (
        db.session()
        .scalars(
            _filtered(args).order_by(*order).limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)
        )
        .all()
    )
    return render_template(
        "ideas/index.html",
        ideas=ideas[:PAGE_SIZE],
        more=len(ideas) > PAGE_SIZE,
        page=page,
        args=args,
        agencies=_agencies(),
        stages=STAGE_LABELS,
        filters={k: v for k, v in args.items() if k != "halaman" and v},
        reporter=current_user.has_role("admin")
        or db.session().scalar(
            sa.select(InnovationTeamMember.user_id)
            .where(InnovationTeamMember.user_id == current_user.id)
            .limit(1)
        )
        is not None,
    )


@bp.route("/innovations")
@signed_in
def innovations():
    """The catalogue of innovations: ideas put in place, with their results, and the
    final reports of finished change projects."""
    args = request.args
    ideas = (
        db.session()
        .scalars(
            _filtered(args)
            .where(Idea.stage == "diterapkan")
            .order_by(Idea.last_activity_at.desc())
            .limit(PAGE_SIZE * 4)
        )
        .all()
    )
    projects = (
        db.session()
        .scalars(
            sa.select(ChangeProject)
            .options(joinedload(ChangeProject.owner).joinedload(User.agency))
            .where(ChangeProject.finished_at.is_not(None))
            .order_by(ChangeProject.finished_at.desc())
            .limit(PAGE_SIZE)
        )
        .all()
    )
    return render_template(
        "ideas/innovations.html",
        ideas=ideas,
        args=args,
        projects=projects,
        reports={p.id: Markup(render_block(p.final_report)) for p in projects},  # noqa: S704
    )


@bp.route("/new", methods=["GET", "POST"])
@signed_in
@per_user("POST_LIMIT_USER")
def new_idea():
    """Posting takes two steps: the ideas like this one are shown first, to join one of
    them rather than post the same idea twice."""
    form = IdeaForm()
    form.agency.choices = [SelectChoice(a.id, a.name) for a in _agencies()]
    if not form.is_submitted() and current_user.agency_id:
        form.agency.data = current_user.agency_id
    similar = None  # not looked for yet: the form offers to look first
    if form.validate_on_submit():
        if form.post.data:
            return _post(form)
        similar = similar_ideas(db.session(), form.title.data, form.problem.data)
    return render_template("ideas/new.html", form=form, similar=similar, stages=STAGE_LABELS)


def _post(form: IdeaForm):
    session = db.session()
    tags = ", ".join(t.strip() for t in (form.tags.data or "").split(",") if t.strip())
    idea = post_idea(
        session,
        current_user,
        agency_id=form.agency.data,
        service=form.service.data.strip(),
        title=form.title.data.strip(),
        problem=form.problem.data.strip(),
        proposal=form.proposal.data.strip(),
        benefit=(form.benefit.data or "").strip(),
        tags=tags[:300],
    )
    session.commit()
    flash(
        _("Your idea is on the board. Colleagues can support and discuss it; add photos below."),
        "success",
    )
    return redirect(url_for("ideas.idea", idea_id=idea.id))


def idea_or_404(idea_id: int) -> Idea:
    """An idea; one a moderator hid, only for its author and its moderators."""
    session = db.session()
    idea = session.scalar(
        sa.select(Idea)
        .where(Idea.id == idea_id)
        .options(joinedload(Idea.agency), joinedload(Idea.author))
    )
    if idea is None or (
        idea.hidden
        and idea.author_id != current_user.id
        and not on_team(session, current_user, idea.agency_id)
    ):
        abort(404)
    return idea


@bp.route("/<int:idea_id>")
@signed_in
def idea(idea_id: int):
    session = db.session()
    idea = idea_or_404(idea_id)
    comments = session.scalars(
        sa.select(IdeaComment)
        .options(joinedload(IdeaComment.author))
        .where(IdeaComment.idea_id == idea.id)
        .order_by(IdeaComment.created_at, IdeaComment.id)
    ).all()
    replies: dict[int, list[IdeaComment]] = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    history = session.scalars(
        sa.select(IdeaStageChange)
        .options(joinedload(IdeaStageChange.by))
        .where(IdeaStageChange.idea_id == idea.id)
        .order_by(IdeaStageChange.at, IdeaStageChange.id)
    ).all()
    team = on_team(session, current_user, idea.agency_id)
    images = session.scalars(
        sa.select(PostFile).where(PostFile.idea_id == idea.id).order_by(PostFile.id)
    ).all()
    return render_template(
        "ideas/idea.html",
        idea=idea,
        images=images,
        image_form=ImageForm() if team or idea.author_id == current_user.id else None,
        text={
            part: Markup(render_block(getattr(idea, part)))  # noqa: S704 (sanitised)
            for part in ("problem", "proposal", "benefit")
        },
        comments=[c for c in comments if c.parent_id is None],
        replies=replies,
        rendered={
            c.id: Markup(render_block(c.body))  # noqa: S704 (sanitised)
            for c in comments
            if not c.hidden or team
        },
        report_form=ReportForm(),
        reason_form=ReasonForm(),
        history=history,
        stages=STAGE_LABELS,
        supported=session.get(IdeaSupport, (idea.id, current_user.id)) is not None,
        action=ActionForm(),
        comment_form=CommentForm(),
        team=team,
        editable={c.id for c in comments if editable(c, current_user)},
        decision=stage_form(idea.stage) if team else None,
    )


@bp.route("/<int:idea_id>/support", methods=["POST"])
@signed_in
def support(idea_id: int):
    idea = idea_or_404(idea_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    supported = toggle_support(db.session(), idea, current_user)
    db.session().commit()
    flash(_("You support this idea.") if supported else _("Your support is withdrawn."), "success")
    return redirect(url_for("ideas.idea", idea_id=idea.id))


@bp.route("/<int:idea_id>/comments", methods=["POST"])
@signed_in
@per_user("POST_LIMIT_USER")
def comment(idea_id: int):
    session = db.session()
    idea = idea_or_404(idea_id)
    form = CommentForm()
    if not form.validate_on_submit():
        flash(_("Write a comment first (at most 5,000 characters)."), "error")
        return redirect(url_for("ideas.idea", idea_id=idea.id))
    parent = None
    if request.form.get("parent", type=int):
        parent = session.get(IdeaComment, request.form.get("parent", type=int))
        if parent is None or parent.idea_id != idea.id:
            abort(404)
    made = add_comment(session, idea, current_user, form.body.data.strip(), parent)
    session.commit()
    return redirect(url_for("ideas.idea", idea_id=idea.id, _anchor=f"komentar-{made.id}"))


@bp.route("/<int:idea_id>/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@signed_in
def edit(idea_id: int, comment_id: int):
    """Its writer corrects a comment within the edit window."""
    idea = idea_or_404(idea_id)
    session = db.session()
    comment = session.get(IdeaComment, comment_id)
    if comment is None or comment.idea_id != idea.id:
        abort(404)
    back = redirect(url_for("ideas.idea", idea_id=idea.id, _anchor=f"komentar-{comment.id}"))
    if not editable(comment, current_user):
        flash(_("A comment can be corrected by its writer for 15 minutes."), "info")
        return back
    form = CommentForm(obj=comment)
    if form.validate_on_submit():
        edit_comment(comment, form.body.data.strip())
        session.commit()
        flash(_("Saved."), "success")
        return back
    return render_template("ideas/edit_comment.html", idea=idea, form=form)


@bp.route("/<int:idea_id>/stage", methods=["POST"])
@signed_in
def decide(idea_id: int):
    """The innovation team of the idea's agency (or BKPSDM) moves it."""
    session = db.session()
    idea = idea_or_404(idea_id)
    if not on_team(session, current_user, idea.agency_id):
        abort(403)
    form = stage_form(idea.stage)
    if not form.validate_on_submit():
        flash(_("Choose the stage the idea moves to."), "error")
        return redirect(url_for("ideas.idea", idea_id=idea.id))
    try:
        move_stage(session, idea, current_user, form.stage.data, (form.note.data or "").strip())
    except StageRefused as refused:
        session.rollback()
        flash(str(refused), "error")
        return redirect(url_for("ideas.idea", idea_id=idea.id))
    if idea.stage == "diterapkan":
        idea.result_before = (form.result_before.data or "").strip()
        idea.result_after = (form.result_after.data or "").strip()
    session.commit()
    flash(_("The idea is now %(stage)s.", stage=STAGE_LABELS[idea.stage]), "success")
    return redirect(url_for("ideas.idea", idea_id=idea.id))
