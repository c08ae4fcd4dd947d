"""Editing a course's draft in the browser: the course page with its files and every
problem the compiler finds, a file editor with the problems beside their lines and a
live preview, new files and assets, a preview of the whole course as a learner sees it,
and publishing the draft as the next version."""

from __future__ import annotations

import re
from typing import Any

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import escape

from elearn import db
from elearn.author import bp
from elearn.author.access import taught_course_or_404
from elearn.author.course_routes import zip_download
from elearn.author.forms import AssetForm, FileForm, NewFileForm
from elearn.content.diagnostics import Report
from elearn.content.drafts import (
    DraftProblem,
    delete_file,
    draft_for,
    files_of,
    is_text,
    publish,
    save_file,
)
from elearn.content.source import source_hash
from elearn.content.store import check_files, preview_version, store_assets
from elearn.forms import ActionForm
from elearn.models import Course, CourseDraft
from elearn.models.catalog import latest_version
from elearn.permissions import roles_required
from elearn.progress.attempts import build_layout
from elearn.questions.views import attempt_views

DRAFT_PROBLEMS = {
    "key": _l("The id in kursus.md cannot change: learners' progress hangs on it."),
    "name": _l("Use letters, digits, dots, dashes and underscores in file names, / for folders."),
    "course-file": _l("kursus.md cannot be deleted."),
}


def _refused(problem: DraftProblem) -> str:
    """Why the change was refused (nothing of it is kept)."""
    db.session().rollback()
    return str(DRAFT_PROBLEMS[str(problem)])


def draft_of(course: Course) -> CourseDraft:
    draft = db.session().get(CourseDraft, course.id)
    if draft is None:  # a course first opened in the browser gets its draft now
        db.writing()
        draft = draft_for(db.session(), course)
        db.session().commit()
    return draft


def compile_draft(files: dict[str, bytes]):
    """The draft compiled as far as it goes (kept despite errors), and its report."""
    return check_files(current_app, files, keep_going=True)


def _problems(report: Report, path: str | None = None) -> list[dict[str, Any]]:
    return [
        {
            "file": d.file,
            "line": d.line,
            "column": d.column,
            "code": d.code,
            "severity": d.severity,
            "message": str(d.message),
            "hint": str(d.hint or ""),
        }
        for d in report.sorted()
        if path is None or d.file == path
    ]


@bp.route("/courses/<key>")
@roles_required("trainer", "admin")
def course(key: str):
    course = taught_course_or_404(key)
    draft = draft_of(course)
    files = files_of(draft)
    compiled, report = compile_draft(files)
    published = latest_version(db.session(), course)
    return render_template(
        "author/course.html",
        course=course,
        draft=draft,
        files=sorted(files.items()),
        is_text=is_text,
        compiled=compiled,
        problems=_problems(report),
        errors=len(report.errors),
        published=published,
        changed=published is None or source_hash(files) != published.source_hash,
        new_file=NewFileForm(),
        asset_form=AssetForm(),
        action=ActionForm(),
    )


@bp.route("/courses/<key>/files/<path:path>", methods=["GET", "POST"])
@roles_required("trainer", "admin")
def edit_file(key: str, path: str):
    course = taught_course_or_404(key)
    draft = draft_of(course)
    files = files_of(draft)
    if path not in files or not is_text(path):
        abort(404)
    form = FileForm()
    if form.validate_on_submit():
        text = form.text.data.replace("\r\n", "\n")
        try:
            save_file(db.session(), draft, path, text.encode(), current_user)
        except DraftProblem as problem:
            form.text.errors.append(_refused(problem))
        else:
            db.session().commit()
            _keep_assets(files_of(draft))
            flash(_("Saved in the draft. Learners see it once you publish."), "success")
            return redirect(url_for("author.edit_file", key=key, path=path))
        files = {**files, path: text.encode()}
    else:
        form.text.data = files[path].decode("utf-8", errors="replace")
    compiled, report = compile_draft(files)
    return render_template(
        "author/edit.html",
        course=course,
        path=path,
        form=form,
        lines=form.text.data.count("\n") + 1,
        problems=_problems(report, path),
        preview=_preview_html(compiled, path),
    ), (400 if form.text.errors else 200)


def _keep_assets(files: dict[str, bytes]) -> None:
    """Store the draft's images and documents, so that its preview shows them."""
    compiled, _report = compile_draft(files)
    if compiled is not None:
        store_assets(db.session(), compiled)
        db.session().commit()


@bp.route("/courses/<key>/check", methods=["POST"])
@roles_required("trainer", "admin")
def check(key: str):
    """The live preview: the draft with one file as typed, compiled; nothing saved."""
    course = taught_course_or_404(key)
    draft = db.session().get(CourseDraft, course.id)
    payload = request.get_json(silent=True) or {}
    path, text = payload.get("path"), payload.get("text")
    if draft is None or not isinstance(path, str) or not isinstance(text, str):
        abort(400)
    files = files_of(draft)
    if path not in files:
        abort(404)
    compiled, report = compile_draft({**files, path: text.encode()})
    return jsonify(problems=_problems(report, path), preview=_preview_html(compiled, path))


def _preview_html(compiled, path: str) -> str:
    """The file as a learner would see it: the course page's description, a lesson, or
    a quiz's introduction and questions (no answer is marked)."""
    if compiled is None:
        return ""
    if path in ("kursus.md", "course.md"):
        return _without_missing_images(compiled.description_html)
    item = next((i for i in compiled.items if i.path == path), None)
    if item is None:
        return ""
    version = preview_version(compiled, {})
    row = next(i for i in version.items if i.key == item.key)
    html = render_template("author/_preview_item.html", item=row, **quiz_views(row))
    return _without_missing_images(html)


MISSING_IMAGE = re.compile(r'<img [^>]*?src="(?![/]|https?:)([^"]*)"[^>]*>')


def _without_missing_images(html: str) -> str:
    """An image the course does not have (reported as a problem) shows as its name, not
    as a broken request."""
    return MISSING_IMAGE.sub(lambda m: f'<span class="missing">[{escape(m.group(1))}]</span>', html)


def quiz_views(item) -> dict[str, Any]:
    if item.kind != "quiz":
        return {"layout": [], "views": {}, "questions": {}}
    layout = build_layout(item, seed=0)
    questions = {q.id: q for q in item.questions}
    views = attempt_views(list(enumerate(layout, start=1)), questions, {})
    return {"layout": layout, "views": views, "questions": questions}


@bp.route("/courses/<key>/files", methods=["POST"])
@roles_required("trainer", "admin")
def new_file(key: str):
    course = taught_course_or_404(key)
    draft = draft_of(course)
    form = NewFileForm()
    if not form.validate_on_submit():
        flash(_("Give the file a name."), "error")
        return redirect(url_for("author.course", key=key))
    path = form.path.data.strip().strip("/")
    if not is_text(path):
        path += ".md"
    if path in files_of(draft):
        flash(_("The course has a file of this name already."), "error")
        return redirect(url_for("author.course", key=key))
    try:
        save_file(db.session(), draft, path, b"# Judul pelajaran\n\nIsi pelajaran.\n", current_user)
    except DraftProblem as problem:
        flash(_refused(problem), "error")
        return redirect(url_for("author.course", key=key))
    db.session().commit()
    return redirect(url_for("author.edit_file", key=key, path=path))


@bp.route("/courses/<key>/assets", methods=["POST"])
@roles_required("trainer", "admin")
def add_asset(key: str):
    course = taught_course_or_404(key)
    draft = draft_of(course)
    form = AssetForm()
    if not form.validate_on_submit():
        for error in form.upload.errors:
            flash(error, "error")
        return redirect(url_for("author.course", key=key))
    name = form.upload.data.filename.rsplit("/", 1)[-1].replace(" ", "-")
    try:
        save_file(db.session(), draft, name, form.upload.data.read(), current_user)
    except DraftProblem as problem:
        flash(_refused(problem), "error")
    else:
        db.session().commit()
        _keep_assets(files_of(draft))
        flash(
            _("%(name)s is in the draft: link it as ![description](%(name)s).", name=name),
            "success",
        )
    return redirect(url_for("author.course", key=key))


@bp.route("/courses/<key>/files/<path:path>/delete", methods=["POST"])
@roles_required("trainer", "admin")
def remove_file(key: str, path: str):
    course = taught_course_or_404(key)
    draft = draft_of(course)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        delete_file(db.session(), draft, path, current_user)
    except DraftProblem as problem:
        flash(_refused(problem), "error")
    else:
        db.session().commit()
        flash(_("%(path)s is removed from the draft.", path=path), "success")
    return redirect(url_for("author.course", key=key))


@bp.route("/courses/<key>/publish", methods=["POST"])
@roles_required("trainer", "admin")
def publish_draft(key: str):
    course = taught_course_or_404(key)
    session = db.session()
    draft = draft_of(course)
    if not ActionForm().validate_on_submit():
        abort(400)
    result = publish(current_app, session, draft, current_user)
    session.commit()
    if result.status == "invalid":
        flash(_("Not published: the draft has problems. Fix them, then publish again."), "error")
        for problem in result.report.errors[:3]:
            flash(problem.format(), "error")
    elif result.status == "unchanged":
        flash(
            _(
                "Nothing to publish: the draft is the same as version %(number)d.",
                number=result.version.number,
            ),
            "info",
        )
    else:
        flash(
            _(
                "Version %(number)d is published. Learners keep their progress and past attempts.",
                number=result.version.number,
            ),
            "success",
        )
    return redirect(url_for("author.course", key=key))


@bp.route("/courses/<key>/source.zip")
@roles_required("trainer", "admin")
def draft_source(key: str):
    course = taught_course_or_404(key)
    return zip_download(draft_of(course).source_zip, f"{course.key}-draf.zip")
