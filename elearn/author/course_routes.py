"""A trainer's courses: the list, a new course from a template, a zipped folder
uploaded as a draft, co-trainers, the version history with diffs, and the source of a
draft or a version as a zip (the same folder ``elearn import`` reads)."""

from __future__ import annotations

import io

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import defer

from elearn import db
from elearn.accounts.users import find_by_identifier
from elearn.audit import audit
from elearn.author import bp
from elearn.author.access import taught_course_or_404, taught_ids
from elearn.author.forms import NewCourseForm, TrainerForm, UploadForm
from elearn.content.diff import diff_files
from elearn.content.drafts import DraftProblem, draft_title, new_course, upload
from elearn.content.source import read_zip
from elearn.content.store import add_trainer
from elearn.forms import ActionForm
from elearn.models import Course, CourseDraft, CourseTrainer, CourseVersion, Enrolment, User
from elearn.models.catalog import latest_versions_query
from elearn.permissions import roles_required

UPLOAD_PROBLEMS = {
    "zip": _l(
        "The file is not a whole zip of a course folder, or it names files outside the "
        "folder (../ or /)."
    ),
    "no-id": _l("The zip has no kursus.md with an id."),
    "not-yours": _l("A course with this id exists and you do not teach it."),
}


@bp.route("/")
@roles_required("trainer", "admin")
def courses():
    return _list_page(NewCourseForm(), UploadForm())


def _list_page(new_form: NewCourseForm, upload_form: UploadForm, status: int = 200):
    """The courses the user teaches, each with its newest version, draft and learners
    (four queries whatever the number), and the forms to add one."""
    session = db.session()
    ids = taught_ids()
    statement = sa.select(Course).order_by(Course.key)
    if ids is not None:
        statement = statement.where(Course.id.in_(ids))
    found = session.scalars(statement).all()
    course_ids = [course.id for course in found]
    latest = {
        v.course_id: v
        for v in session.scalars(
            latest_versions_query().where(CourseVersion.course_id.in_(course_ids))
        )
    }
    drafts = {
        d.course_id: d
        for d in session.scalars(
            sa.select(CourseDraft)
            .options(defer(CourseDraft.source_zip))
            .where(CourseDraft.course_id.in_(course_ids))
        )
    }
    unpublished = [cid for cid in course_ids if cid not in latest]
    titles = {
        draft.course_id: draft_title(draft)
        for draft in session.scalars(
            sa.select(CourseDraft).where(CourseDraft.course_id.in_(unpublished))
        )
    }
    enrolled = dict(
        session.execute(
            sa.select(Enrolment.course_id, sa.func.count(Enrolment.id))
            .where(Enrolment.course_id.in_(course_ids))
            .group_by(Enrolment.course_id)
        ).all()
    )
    return render_template(
        "author/courses.html",
        courses=found,
        latest=latest,
        drafts=drafts,
        titles=titles,
        enrolled=enrolled,
        new_form=new_form,
        upload_form=upload_form,
    ), status


@bp.route("/courses/new", methods=["POST"])
@roles_required("trainer", "admin")
def new():
    form = NewCourseForm()
    if form.validate_on_submit():
        try:
            course = new_course(db.session(), current_user, form.key.data, form.title.data)
        except DraftProblem:
            form.key.errors.append(_("A course with this id exists already."))
        else:
            db.session().commit()
            flash(_("The draft is ready. Learners see nothing until you publish."), "success")
            return redirect(url_for("author.course", key=course.key))
    return _list_page(form, UploadForm(), 400)


@bp.route("/upload", methods=["POST"])
@roles_required("trainer", "admin")
def upload_course():
    form = UploadForm()
    if form.validate_on_submit():
        try:
            course = upload(db.session(), current_user, form.archive.data.read())
        except DraftProblem as problem:
            db.session().rollback()
            form.archive.errors.append(str(UPLOAD_PROBLEMS[str(problem)]))
        else:
            db.session().commit()
            flash(
                _("Uploaded as the draft of %(key)s. Check it, then publish.", key=course.key),
                "success",
            )
            return redirect(url_for("author.course", key=course.key))
    return _list_page(NewCourseForm(), form, 400)


@bp.route("/courses/<key>/trainers", methods=["GET", "POST"])
@roles_required("trainer", "admin")
def trainers(key: str):
    course = taught_course_or_404(key)
    session = db.session()
    form = TrainerForm()
    if form.validate_on_submit():
        person = find_by_identifier(session, form.nip.data)
        if person is None or not person.has_role("trainer"):
            form.nip.errors.append(_("No trainer has this NIP or e-mail."))
        else:
            add_trainer(session, course, person)
            summary = f"+ {person.full_name} ({person.nip or person.email})"
            audit(session, current_user, "course.trainer", f"course:{course.key}", summary)
            session.commit()
            flash(_("%(name)s now teaches this course.", name=person.full_name), "success")
            return redirect(url_for("author.trainers", key=key))
    teaching = session.scalars(
        sa.select(User)
        .join(CourseTrainer, CourseTrainer.user_id == User.id)
        .where(CourseTrainer.course_id == course.id)
        .order_by(User.full_name)
    ).all()
    return render_template(
        "author/trainers.html", course=course, teaching=teaching, form=form, remove=ActionForm()
    )


@bp.route("/courses/<key>/trainers/<int:user_id>/remove", methods=["POST"])
@roles_required("trainer", "admin")
def remove_trainer(key: str, user_id: int):
    course = taught_course_or_404(key)
    session = db.session()
    if not ActionForm().validate_on_submit():
        abort(400)
    row = session.get(CourseTrainer, (course.id, user_id))
    count = session.scalar(
        sa.select(sa.func.count())
        .select_from(CourseTrainer)
        .where(CourseTrainer.course_id == course.id)
    )
    if row is None or count < 2:
        flash(_("A course keeps at least one trainer."), "error")
        return redirect(url_for("author.trainers", key=key))
    session.delete(row)
    removed = session.get(User, user_id)
    summary = f"- {removed.full_name} ({removed.nip or removed.email})"
    audit(session, current_user, "course.trainer", f"course:{course.key}", summary)
    session.commit()
    flash(_("Removed from the course's trainers."), "success")
    if user_id == current_user.id and not current_user.has_role("admin"):
        return redirect(url_for("author.courses"))  # the course is no longer theirs
    return redirect(url_for("author.trainers", key=key))


@bp.route("/courses/<key>/versions")
@roles_required("trainer", "admin")
def versions(key: str):
    course = taught_course_or_404(key)
    rows = (
        db.session()
        .execute(
            sa.select(CourseVersion, User.full_name)
            .outerjoin(User, User.id == CourseVersion.created_by_id)
            .where(CourseVersion.course_id == course.id)
            .order_by(CourseVersion.number.desc())
        )
        .all()
    )
    return render_template("author/versions.html", course=course, rows=rows)


def _version_or_404(course: Course, number: int) -> CourseVersion:
    version = db.session().scalar(
        sa.select(CourseVersion).where(
            CourseVersion.course_id == course.id, CourseVersion.number == number
        )
    )
    if version is None:
        abort(404)
    return version


@bp.route("/courses/<key>/versions/<int:number>/diff")
@roles_required("trainer", "admin")
def version_diff(key: str, number: int):
    """What version ``number`` changed, against ``dari`` (the one before, by default)."""
    course = taught_course_or_404(key)
    new_version = _version_or_404(course, number)
    base = request.args.get("dari", number - 1, type=int)
    old_files = (
        read_zip(_version_or_404(course, base).source_zip, strict=False) if base >= 1 else {}
    )
    changes = diff_files(old_files, read_zip(new_version.source_zip, strict=False))
    return render_template("author/diff.html", course=course, changes=changes, old=base, new=number)


@bp.route("/courses/<key>/versions/compare")
@roles_required("trainer", "admin")
def compare_versions(key: str):
    """The compare form's answer: any two versions, older first."""
    taught_course_or_404(key)
    numbers = sorted([request.args.get("dari", 1, type=int), request.args.get("ke", 1, type=int)])
    return redirect(url_for("author.version_diff", key=key, number=numbers[1], dari=numbers[0]))


@bp.route("/courses/<key>/versions/<int:number>/source.zip")
@roles_required("trainer", "admin")
def version_source(key: str, number: int):
    course = taught_course_or_404(key)
    version = _version_or_404(course, number)
    return zip_download(version.source_zip, f"{course.key}-versi-{number}.zip")


def zip_download(data: bytes, name: str):
    return send_file(
        io.BytesIO(data), mimetype="application/zip", as_attachment=True, download_name=name
    )
