"""Storing a compiled course as a new version, or recognising it as unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.audit import Said, audit
from elearn.content import question_type_lookup
from elearn.content.course import CompiledCourse, compile_course
from elearn.content.diagnostics import Report
from elearn.content.source import COURSE_FILES, read_source, zip_bytes
from elearn.models import (
    Asset,
    Course,
    CourseItem,
    CourseTrainer,
    CourseVersion,
    JpApproval,
    Question,
    User,
    VersionAsset,
)
from elearn.models.approvals import APPROVED, PENDING
from elearn.models.catalog import latest_version
from elearn.notifications import notify_admins
from elearn.plugins import get_host
from elearn.search import remember_words, searchable_text


@dataclass
class ImportResult:
    """``status``: invalid (nothing stored), unchanged, created, or updated."""

    status: str
    report: Report
    version: CourseVersion | None = None


def add_trainer(session: Session, course: Course, user: User) -> None:
    """Make ``user`` one of the course's trainers (nothing happens if they are)."""
    if session.get(CourseTrainer, (course.id, user.id)) is None:
        session.add(CourseTrainer(course_id=course.id, user_id=user.id))


def claim(version: CourseVersion) -> tuple[float, str, str | None]:
    """What a version's trainer claims: JP, competency, managerial code."""
    return version.jp, version.competency, version.settings.get("competency_code")


def open_approval(
    session: Session, version: CourseVersion, previous: CourseVersion | None
) -> JpApproval:
    """A new version's approval: carried over when the version before it was approved
    and its claim is the same, waiting otherwise."""
    before = session.get(JpApproval, previous.id) if previous is not None else None
    if before is not None and before.approved and claim(previous) == claim(version):
        approval = JpApproval(
            version=version,
            status=APPROVED,
            jp=before.jp,
            competency=before.competency,
            competency_code=before.competency_code,
            note=before.note,
            decided_by_id=before.decided_by_id,
            decided_at=before.decided_at,
            carried_from_id=before.carried_from_id or previous.id,
        )
    else:
        approval = JpApproval(version=version, status=PENDING, note="")
        notify_admins(session, "jp.waiting", "admin.jp_approvals", course=version.title)
    session.add(approval)
    return approval


def check_files(
    app: Flask, files: dict[str, bytes], keep_going: bool = False
) -> tuple[CompiledCourse | None, Report]:
    return compile_course(files, get_host(app).course_types, question_type_lookup(app), keep_going)


def preview_version(compiled: CompiledCourse, files: dict[str, bytes]) -> CourseVersion:
    """The version ``compiled`` would become, never added to the database: what a
    trainer previews as a learner. Its questions get ids for the quiz layout."""
    version = _version(compiled, files, Course(key=compiled.key), 0, None)
    for number, question in enumerate(
        (q for item in version.items for q in item.questions), start=1
    ):
        question.id = number
    return version


def import_course(
    app: Flask,
    session: Session,
    source: Path | dict[str, bytes],
    actor: User | None = None,
    course_key: str | None = None,
) -> ImportResult:
    """Compile ``source`` (a folder, a zip, or its files) and store it: an unchanged
    course changes nothing; an edited one becomes the next version. All or nothing: the
    caller commits.
    ``course_key``: the course the files must compile to (a draft's own); anything else
    is refused (``COURSE-ID-CHANGED``), whatever the course file's spelling."""
    files = read_source(source) if isinstance(source, Path) else source
    compiled, report = check_files(app, files)
    if compiled is None:
        return ImportResult("invalid", report)
    if course_key is not None and compiled.key != course_key:
        report.error(
            next((n for n in COURSE_FILES if n in files), COURSE_FILES[0]),
            1,
            "COURSE-ID-CHANGED",
            _l(
                "This draft belongs to the course `%(draft)s`, but its course file names "
                "`%(named)s`.",
                draft=course_key,
                named=compiled.key,
            ),
            _l("Keep the id of the course: id: %(draft)s", draft=course_key),
        )
        return ImportResult("invalid", report)
    course = session.scalar(sa.select(Course).where(Course.key == compiled.key))
    previous = latest_version(session, course) if course else None
    if previous is not None and previous.source_hash == compiled.source_hash:
        return ImportResult("unchanged", report, previous)
    if course is None:
        course = Course(key=compiled.key)
        session.add(course)
    store_assets(session, compiled)
    version = _version(compiled, files, course, (previous.number if previous else 0) + 1, actor)
    session.add(version)
    remember_words(session, version.title, version.search_text)
    open_approval(session, version, previous)
    if actor is not None:
        session.flush()
        add_trainer(session, course, actor)
        audit(
            session,
            actor,
            "course.publish",
            f"course:{course.key}",
            Said("version", {"title": version.title, "version": version.number}),
        )
    session.flush()
    return ImportResult("updated" if previous else "created", report, version)


def _version(compiled: CompiledCourse, files, course, number, actor) -> CourseVersion:
    settings = compiled.settings
    version = CourseVersion(
        course=course,
        number=number,
        source_hash=compiled.source_hash,
        title=compiled.title,
        summary=settings["summary"],
        course_type=settings["course_type"],
        competency=settings["competency"],
        jp=settings["jp"],
        level=settings["level"],
        settings={
            key: settings[key]
            for key in (
                "tags",
                "authors",
                "lesson_completion",
                "passing_score",
                "sequential",
                "prerequisites",
                "competency_code",
            )
        }
        | {"modules": compiled.modules, "question_types": _question_types(compiled)},
        description_html=compiled.description_html,
        search_text=searchable_text(
            settings["summary"],
            " ".join(settings["tags"] + settings["authors"]),
            compiled.description_html,
            *(f"{item.title} {item.html}" for item in compiled.items),
        ),
        source_zip=zip_bytes(files),
        created_by_id=actor.id if actor else None,
    )
    for item in compiled.items:
        row = CourseItem(
            key=item.key,
            kind=item.kind,
            position=item.position,
            module=item.module,
            title=item.title,
            required=item.required,
            html=item.html,
            settings=dict(item.settings),
        )
        if item.quiz is not None:
            row.settings = {
                **item.quiz.settings,
                "pools": [
                    {k: pool[k] for k in ("id", "title", "draw", "questions")}
                    for pool in item.quiz.pools
                ],
            }
            row.questions = [
                Question(
                    key=q.key,
                    position=q.position,
                    type_id=q.type_id,
                    title=q.title,
                    points=q.points,
                    pool=q.pool,
                    prompt_html=q.parsed.prompt_html,
                    public=q.parsed.public,
                    answer_key=q.parsed.key,
                    feedback=q.parsed.feedback,
                    source={**q.parsed.source, "attrs": q.attrs},
                )
                for q in item.quiz.questions
            ]
        version.items.append(row)
    version.assets = [VersionAsset(path=a.path, sha256=a.sha256) for a in compiled.assets.values()]
    return version


def store_assets(session: Session, compiled: CompiledCourse) -> None:
    """Add the assets not stored yet (they are shared between versions and courses)."""
    hashes = {asset.sha256 for asset in compiled.assets.values()}
    known = set(session.scalars(sa.select(Asset.sha256).where(Asset.sha256.in_(hashes))))
    for asset in compiled.assets.values():
        if asset.sha256 not in known:
            session.add(
                Asset(
                    sha256=asset.sha256,
                    content_type=asset.content_type,
                    size=len(asset.data),
                    data=asset.data,
                )
            )
            known.add(asset.sha256)
    session.flush()


def _question_types(compiled: CompiledCourse) -> list[str]:
    """The question types a version needs: without one of them it is unavailable."""
    return sorted({q.type_id for item in compiled.items if item.quiz for q in item.quiz.questions})
