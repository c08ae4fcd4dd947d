"""Compiling a course's files (see :mod:`elearn.content.source`) into a validated
course, ready to store."""

from __future__ import annotations

import hashlib
import mimetypes
import posixpath
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

from elearn.competencies import managerial_code
from elearn.content.contents import listed_contents
from elearn.content.diagnostics import Report
from elearn.content.frontmatter import Document, canonical_settings, read_document
from elearn.content.placeholders import report_placeholders
from elearn.content.quiz import ID_PATTERN, CompiledQuiz, compile_quiz
from elearn.content.render import render_block
from elearn.content.settings import CHOICES, COURSE_KEYS, LESSON_KEYS, MODULE_KEYS, Checker
from elearn.content.source import COURSE_FILES, source_hash
from elearn.hookspecs import CourseType
from elearn.i18n import number
from elearn.patterns import pattern
from elearn.questions.types import QuestionType

MODULE_FILE = "modul.md"
NUMBER_PREFIX = pattern(r"^\d+[-_. ]*")
FIRST_HEADING = pattern(r"^#\s+(.+?)\s*$", multiline=True)
LARGE_ASSET = 1_000_000


@dataclass
class CompiledItem:
    key: str
    kind: str  # lesson | quiz
    title: str
    path: str
    position: int
    module: str | None
    required: bool
    html: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    quiz: CompiledQuiz | None = None
    source: str = ""


@dataclass
class CompiledAsset:
    path: str
    sha256: str
    content_type: str
    data: bytes


@dataclass
class CompiledCourse:
    key: str
    title: str
    settings: dict[str, Any]
    description_html: str
    items: list[CompiledItem]
    assets: dict[str, CompiledAsset]
    modules: list[str]
    source_hash: str


def item_key_from_path(path: str) -> str:
    stem = posixpath.splitext(posixpath.basename(path))[0]
    return NUMBER_PREFIX.sub("", stem).lower() or stem.lower()


class CourseCompiler:
    def __init__(
        self,
        files: dict[str, bytes],
        course_types: dict[str, type[CourseType]],
        question_types: dict[str, QuestionType],
        keep_going: bool = False,
    ) -> None:
        self.keep_going = keep_going  # return what compiled despite errors (previews)
        self.files = files
        self.course_types = course_types
        self.question_types = question_types
        self.report = Report()
        self.documents: dict[str, Document] = {}
        self.item_keys: dict[str, str] = {}  # path -> item key
        self.course_key = ""

    def compile(self) -> CompiledCourse | None:
        course_path = next((name for name in COURSE_FILES if name in self.files), None)
        if course_path is None:
            self.report.error(
                COURSE_FILES[0],
                1,
                "COURSE-FILE-MISSING",
                _l("The course has no kursus.md (or course.md) file."),
                _l("Add kursus.md with the course's settings and introduction."),
            )
            return None
        text_files = {}
        for name, data in self.files.items():
            if name.endswith(".md"):
                try:
                    text = data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    self.report.error(
                        name,
                        1,
                        "FILE-NOT-UTF8",
                        _l("The file is not UTF-8 text."),
                        _l("Save it again as UTF-8 in your editor."),
                    )
                    continue
                if "\0" in text:  # no database stores it as text, and no writer means it
                    self.report.error(
                        name,
                        text.count("\n", 0, text.index("\0")) + 1,
                        "FILE-NUL",
                        _l("The file holds a NUL character, which text cannot contain."),
                        _l("Save it again as plain text in your editor."),
                    )
                    continue
                text_files[name] = text
        report_placeholders(self.report, text_files)
        for name, text in text_files.items():
            self.documents[name] = read_document(name, text, self.report)
        if course_path not in self.documents:
            return None
        course_doc = self.documents[course_path]
        check = Checker(
            course_path, canonical_settings(course_doc, COURSE_KEYS, self.report), self.report
        )
        settings = self._course_settings(check)
        self.course_key = settings["id"]
        order = self._order(course_path, check)
        assets = self._assets()
        self._assign_keys(order)
        items = [
            self._compile_item(path, module, position, settings)
            for position, (path, module) in enumerate(order)
        ]
        description = render_block(
            "\n".join(course_doc.body_lines),
            self._resolver(course_path, assets),
            course_doc.body_start,
        )
        for item in items:  # lessons render once every item's key is known
            item.html = item.html(assets) if callable(item.html) else item.html
        if self.report.errors and not self.keep_going:
            return None
        modules = list(dict.fromkeys(m for _, m in order if m))
        return CompiledCourse(
            settings["id"],
            settings["title"],
            settings,
            description,
            items,
            assets,
            modules,
            source_hash(self.files),
        )

    def _course_settings(self, check: Checker) -> dict[str, Any]:
        key = check.text("id", required=True)
        if key and not ID_PATTERN.match(key):
            self.report.error(
                check.path,
                check.line("id"),
                "COURSE-BAD-ID",
                _l("The id `%(id)s` may hold only lower-case letters, digits, - and _.", id=key),
            )
        type_id = check.text("jenis", default="umum")
        course_type = self.course_types.get(type_id)
        if course_type is None:
            self.report.error(
                check.path,
                check.line("jenis"),
                "COURSE-UNKNOWN-TYPE",
                _l("There is no course type `%(type)s`.", type=type_id),
                _l("Installed types: %(types)s", types=", ".join(sorted(self.course_types))),
            )
        competency, competency_code = self._competency(
            check, course_type.competency if course_type else "teknis"
        )
        return {
            "id": key,
            "title": check.text("judul", required=True),
            "summary": check.text("ringkasan"),
            "course_type": type_id,
            "competency": competency,
            "competency_code": competency_code,
            "jp": check.number("jp", 0.0, minimum=0.5, maximum=200, required=True),
            "level": check.choice("tingkat", "tingkat", "dasar"),
            "tags": check.text_list("tag"),
            "authors": check.text_list("penulis"),
            "lesson_completion": check.choice("penyelesaian", "penyelesaian", "viewed"),
            "passing_score": check.number("nilai_lulus", 70, maximum=100),
            "sequential": check.flag("berurutan", False),
            "prerequisites": check.text_list("prasyarat"),
        }

    def _competency(self, check: Checker, default: str) -> tuple[str, str | None]:
        """``kompetensi: teknis``, or a managerial competency by its code
        (``kompetensi: M.04``, ``manajerial M.04``)."""
        code = managerial_code(check.text("kompetensi"))
        if code is None:
            return check.choice("kompetensi", "kompetensi", default), None
        if code == "?":
            self.report.error(
                check.path,
                check.line("kompetensi"),
                "COURSE-BAD-COMPETENCY-CODE",
                _l("There are eight managerial competencies, M.01 to M.08."),
                _l("For example: kompetensi: M.05 (Pelayanan Publik)"),
            )
            return "manajerial", None
        return "manajerial", code

    def _order(self, course_path: str, check: Checker) -> list[tuple[str, str | None]]:
        candidates = sorted(
            n for n in self.documents if n != course_path and posixpath.basename(n) != MODULE_FILE
        )
        listed = check.raw("isi")
        if listed is None:
            return [
                (name, self._module_title(posixpath.dirname(name)) if "/" in name else None)
                for name in candidates
            ]
        return listed_contents(
            listed, check.line("isi"), course_path, set(self.documents), candidates, self.report
        )

    def _module_title(self, folder: str) -> str:
        module_doc = self.documents.get(f"{folder}/{MODULE_FILE}")
        if module_doc is not None:
            check = Checker(
                module_doc.path,
                canonical_settings(module_doc, MODULE_KEYS, self.report),
                self.report,
            )
            title = check.text("judul")
            if title:
                return title
        name = NUMBER_PREFIX.sub("", posixpath.basename(folder))
        return name.replace("-", " ").replace("_", " ").strip().capitalize() or folder

    def _assets(self) -> dict[str, CompiledAsset]:
        assets = {}
        for name, data in self.files.items():
            if name.endswith(".md"):
                continue
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            assets[name] = CompiledAsset(name, hashlib.sha256(data).hexdigest(), content_type, data)
            if len(data) > LARGE_ASSET:
                self.report.warning(
                    name,
                    1,
                    "ASSET-LARGE",
                    _l(
                        "This file is %(size)s MB: learners on slow links will wait for it.",
                        size=number(round(len(data) / 1e6, 1)),
                    ),
                    _l("Compress the image or shrink it to the width shown."),
                )
        return assets

    def _assign_keys(self, order) -> None:
        seen: dict[str, str] = {}
        for path, _module in order:
            document = self.documents[path]
            explicit = document.settings.get("id")
            key = str(explicit).strip() if explicit else item_key_from_path(path)
            line = document.key_lines.get("id", 1)
            if not ID_PATTERN.match(key):
                self.report.error(
                    path,
                    line,
                    "ITEM-BAD-ID",
                    _l(
                        "The id `%(id)s` may hold only lower-case letters, digits, - and _.", id=key
                    ),
                    _l("Set an id in the front matter, e.g. id: pengantar"),
                )
            if key in seen:
                self.report.error(
                    path,
                    line,
                    "ITEM-DUPLICATE-ID",
                    _l("The id `%(id)s` is already used by %(file)s.", id=key, file=seen[key]),
                    _l("Give one of the files another id in its front matter."),
                )
            seen.setdefault(key, path)
            self.item_keys[path] = key

    def _compile_item(self, path, module, position, course) -> CompiledItem:
        document = self.documents[path]
        kind = CHOICES["jenis_berkas"].get(
            str(
                document.settings.get("jenis") or document.settings.get("type") or "pelajaran"
            ).lower()
        )
        if kind is None:
            self.report.error(
                path,
                document.key_lines.get("jenis", document.key_lines.get("type", 1)),
                "ITEM-BAD-KIND",
                _l("`jenis` of a course file is pelajaran or kuis."),
            )
            kind = "lesson"
        key = self.item_keys[path]
        body = "\n".join(document.body_lines)
        if kind == "quiz":
            quiz = compile_quiz(document, self.report, self.question_types, course["passing_score"])
            title = quiz.settings["title"] or key.replace("-", " ").capitalize()
            return CompiledItem(
                key,
                "quiz",
                title,
                path,
                position,
                module,
                quiz.settings["required"],
                quiz.intro_html,
                quiz.settings,
                quiz,
                source=body,
            )
        check = Checker(path, canonical_settings(document, LESSON_KEYS, self.report), self.report)
        duration = check.number("durasi", None, minimum=1)
        title = check.text("judul") or _first_heading(body)
        if not title:
            self.report.error(
                path,
                document.body_start,
                "LESSON-NO-TITLE",
                _l("The lesson has no title."),
                _l("Start it with a heading (# Title) or set judul."),
            )
        item = CompiledItem(
            key,
            "lesson",
            title or key,
            path,
            position,
            module,
            check.flag("wajib", True),
            settings={"duration": int(duration) if duration else None},
            source=body,
        )
        item.html = lambda assets: render_block(
            body, self._resolver(path, assets), document.body_start
        )
        return item

    def _resolver(self, path: str, assets: dict[str, CompiledAsset]):
        """Rewrite relative links of ``path``: to other items and to stored assets."""
        folder = posixpath.dirname(path)

        def resolve(target: str, line: int) -> str:
            parts = urlsplit(target)
            if parts.scheme or target.startswith(("#", "/")) or not target:
                return target
            resolved = posixpath.normpath(posixpath.join(folder, parts.path))
            anchor = f"#{parts.fragment}" if parts.fragment else ""
            if resolved in self.item_keys:
                return f"/courses/{self.course_key}/items/{self.item_keys[resolved]}{anchor}"
            if resolved in assets:
                asset = assets[resolved]
                return f"/assets/{asset.sha256}/{posixpath.basename(resolved)}"
            lines = self.report.sources.get(path, [])
            source_line = lines[line - 1] if 0 < line <= len(lines) else ""
            column = max(source_line.find(target), 0) + 1
            self.report.error(
                path,
                line,
                "LINK-BROKEN",
                _l(
                    "The link or image `%(target)s` points to a file that is not in the course.",
                    target=target,
                ),
                _l("Check the file name and its folder; paths are relative to this file."),
                column=column,
            )
            return target

        return resolve


def _first_heading(body: str) -> str:
    found = FIRST_HEADING.search(body)
    return found.group(1) if found else ""


def compile_course(files: dict[str, bytes], course_types, question_types, keep_going=False):
    """Compile ``files``; returns (CompiledCourse or None, Report). With ``keep_going``
    a course with errors still comes back, for a preview; it is never stored."""
    compiler = CourseCompiler(files, course_types, question_types, keep_going)
    course = compiler.compile()
    return course, compiler.report
