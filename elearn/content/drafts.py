"""Courses authored in the browser: each course has one draft, the working copy of its
source files that its trainers edit, upload or start from a template. Learners never
see a draft; publishing compiles it into the course's next version through the same
import as ``elearn import``, so the browser and the files are two views of one thing."""

from __future__ import annotations

import json

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session

from elearn.audit import Said, audit
from elearn.content.course import ID_PATTERN
from elearn.content.source import COURSE_FILES, course_identity, read_zip, zip_bytes
from elearn.content.store import ImportResult, add_trainer, import_course
from elearn.models import Course, CourseDraft, CourseTrainer, User
from elearn.models.catalog import latest_version
from elearn.patterns import pattern

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
FILE_NAME = pattern(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$")


class DraftProblem(ValueError):
    """Why a change to a draft is refused; ``str()`` is for the trainer."""


def template_files(key: str, title: str) -> dict[str, bytes]:
    """A new course: its description, a first lesson and a first quiz to edit."""
    return {
        "kursus.md": (
            f"---\nid: {key}\njudul: {json.dumps(title, ensure_ascii=False)}\n"
            "ringkasan: Tuliskan ringkasan satu paragraf untuk katalog.\n"
            "kompetensi: teknis\njp: 2\ntingkat: dasar\npenyelesaian: dilihat\n"
            "nilai_lulus: 70\n---\n"
            "Tuliskan di sini tujuan kursus dan siapa pesertanya.\n"
        ).encode(),
        "01-pengantar.md": (
            b"# Pengantar\n\n"
            b"Tuliskan isi pelajaran pertama. Gunakan **tebal**, daftar, tabel, dan gambar.\n\n"
            b"- Tujuan pembelajaran\n- Dasar hukum\n- Istilah penting\n"
        ),
        "02-kuis.md": (
            b"---\njenis: kuis\njudul: Kuis Pemahaman\nnilai_lulus: 70\npercobaan: 3\n---\n"
            b"## Soal pertama\n"
            b"Tuliskan pertanyaan di sini, lalu tandai jawaban yang benar dengan (x).\n\n"
            b"- (x) Jawaban yang benar\n  > Umpan balik untuk jawaban ini.\n"
            b"- ( ) Pilihan lain yang masuk akal\n- ( ) Pilihan lain yang juga masuk akal\n"
        ),
    }


def is_text(path: str) -> bool:
    return path.lower().endswith(TEXT_SUFFIXES)


def files_of(draft: CourseDraft) -> dict[str, bytes]:
    return read_zip(draft.source_zip, strict=False)


def teaches(session: Session, user: User, course: Course) -> bool:
    if user.has_role("admin"):
        return True
    return session.get(CourseTrainer, (course.id, user.id)) is not None


def draft_for(session: Session, course: Course) -> CourseDraft:
    """The course's draft; a course that has none starts one from its newest version."""
    draft = session.get(CourseDraft, course.id)
    if draft is None:
        version = latest_version(session, course)
        if version is None:
            raise LookupError(course.key)
        draft = CourseDraft(
            course_id=course.id, source_zip=version.source_zip, base_version_id=version.id
        )
        session.add(draft)
        session.flush()
    return draft


def new_course(session: Session, trainer: User, key: str, title: str) -> Course:
    """A course that exists only as a draft, taught by ``trainer``."""
    key = key.strip().lower()
    if not ID_PATTERN.match(key):
        raise DraftProblem("id")
    if session.scalar(sa.select(Course.id).where(Course.key == key)):
        raise DraftProblem("taken")
    course = Course(key=key)
    session.add(course)
    session.flush()
    add_trainer(session, course, trainer)
    session.add(
        CourseDraft(
            course_id=course.id,
            source_zip=zip_bytes(template_files(key, title.strip())),
            updated_by_id=trainer.id,
        )
    )
    audit(session, trainer, "course.create", f"course:{key}", title.strip())
    session.flush()
    return course


def draft_title(draft: CourseDraft) -> str:
    return course_identity(files_of(draft))["judul"]


def save_files(session: Session, draft: CourseDraft, files: dict[str, bytes], user: User) -> None:
    """Replace the draft's files. Its course id cannot change: it is what learners'
    progress hangs on, and a draft that compiled to another course would publish over
    it. A course file the compiler cannot read yet (no id) may be saved and mended."""
    key = course_identity(files)["id"]
    if key and key != draft.course.key:
        raise DraftProblem("key")
    draft.source_zip = zip_bytes(files)
    draft.updated_by_id = user.id
    session.flush()


def save_file(session: Session, draft: CourseDraft, path: str, data: bytes, user: User) -> None:
    if not FILE_NAME.match(path) or ".." in path.split("/"):
        raise DraftProblem("name")
    save_files(session, draft, {**files_of(draft), path: data}, user)


def delete_file(session: Session, draft: CourseDraft, path: str, user: User) -> None:
    files = files_of(draft)
    if path in COURSE_FILES:
        raise DraftProblem("course-file")
    files.pop(path, None)
    save_files(session, draft, files, user)


def upload(session: Session, user: User, data: bytes) -> Course:
    """A zipped course folder becomes the draft of its course: a new course (its
    trainer is the uploader) or one the uploader teaches."""
    try:
        files = read_zip(data)
    except ValueError as error:
        raise DraftProblem("zip") from error
    key = course_identity(files)["id"]
    if not key or not ID_PATTERN.match(key):
        raise DraftProblem("no-id")
    course = session.scalar(sa.select(Course).where(Course.key == key))
    if course is None:
        course = Course(key=key)
        session.add(course)
        session.flush()
        add_trainer(session, course, user)
    elif not teaches(session, user, course):
        raise DraftProblem("not-yours")
    draft = session.get(CourseDraft, course.id) or CourseDraft(
        course_id=course.id, base_version_id=getattr(latest_version(session, course), "id", None)
    )
    draft.source_zip = zip_bytes(files)
    draft.updated_by_id = user.id
    session.add(draft)
    audit(session, user, "course.upload", f"course:{key}", Said("files", {"count": len(files)}))
    session.flush()
    return course


def publish(app: Flask, session: Session, draft: CourseDraft, user: User) -> ImportResult:
    """Compile the draft and store it as the next version of its own course, by one who
    teaches it (nothing is stored when it has errors, compiles to another course, or the
    publisher does not teach it); learners' progress and past attempts carry over."""
    if not teaches(session, user, draft.course):
        raise DraftProblem("not-yours")
    result = import_course(app, session, files_of(draft), actor=user, course_key=draft.course.key)
    if result.version is not None:
        draft.base_version_id = result.version.id
    return result
