"""A course's contents as its course file lists them (``isi:``, with modules): the
files in order, each with its module's title, and what is wrong with the list."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from elearn.content.diagnostics import Report


def listed_contents(
    listed: Any,
    line: int,
    course_path: str,
    documents: set[str],
    candidates: list[str],
    report: Report,
) -> list[tuple[str, str | None]]:
    """The ``(file, module title or None)`` pairs ``isi`` lists, in its order; a listed
    file that does not exist is an error, a file it leaves out a warning."""
    order: list[tuple[str, str | None]] = []
    if not isinstance(listed, list):
        report.error(
            course_path,
            line,
            "COURSE-BAD-CONTENTS",
            _l("`isi` lists the course's files, one per line: - 01-file.md"),
        )
        return []
    for entry in listed:
        if isinstance(entry, dict) and ("modul" in entry or "module" in entry):
            title = str(entry.get("modul") or entry.get("module"))
            for name in entry.get("isi") or entry.get("contents") or []:
                order.append((str(name), title))
        elif isinstance(entry, str):
            order.append((entry, None))
        else:
            report.error(
                course_path,
                line,
                "COURSE-BAD-CONTENTS",
                _l("Each entry of `isi` is a file name or a module with `modul:` and `isi:`."),
            )
    for name, _module in order:
        if name not in documents:
            report.error(
                course_path,
                line,
                "COURSE-FILE-NOT-FOUND",
                _l("`isi` names %(file)s, which does not exist.", file=name),
            )
    named = {name for name, _ in order}
    for name in candidates:
        if name not in named:
            report.warning(
                name,
                1,
                "COURSE-FILE-UNLISTED",
                _l(
                    "This file is not listed in `isi` of kursus.md, so it "
                    "is not part of the course."
                ),
            )
    return [(name, module) for name, module in order if name in documents]
