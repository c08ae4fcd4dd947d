"""YAML front matter: read it with line numbers, and map Indonesian keys and their
English aliases onto one canonical name."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import yaml
from flask_babel import lazy_gettext as _l

from elearn.content.diagnostics import Report


@dataclass
class Document:
    """A Markdown file split into its settings and its body."""

    path: str
    lines: list[str]
    settings: dict[str, Any] = field(default_factory=dict)
    body_start: int = 1  # 1-based line number of the first body line
    key_lines: dict[str, int] = field(default_factory=dict)

    @property
    def body_lines(self) -> list[str]:
        return self.lines[self.body_start - 1 :]


def read_document(path: str, text: str, report: Report) -> Document:
    lines = text.splitlines()
    report.sources[path] = lines
    document = Document(path, lines)
    if not lines or lines[0].strip() != "---":
        return document
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in {"---", "..."})
    except StopIteration:
        report.error(
            path,
            1,
            "FM-UNCLOSED",
            _l("The front matter opened with --- is never closed."),
            _l("Add a line with --- after the settings."),
        )
        return document
    document.body_start = end + 2
    raw = "\n".join(lines[1:end])
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        column = mark.column + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        report.error(
            path,
            line,
            "FM-YAML",
            _l("The front matter is not valid YAML: %(problem)s", problem=problem),
            _l("Write each setting as `name: value`, one per line."),
            column=column,
        )
        return document
    except (ValueError, TypeError, OverflowError) as exc:  # a date such as 2026-13-45
        report.error(
            path,
            2,
            "FM-YAML",
            _l("The front matter is not valid YAML: %(problem)s", problem=str(exc)),
            _l("Write dates as 2026-12-31, or put the value in quotes."),
        )
        return document
    if not isinstance(data, dict):
        report.error(
            path,
            2,
            "FM-NOT-MAPPING",
            _l("The front matter must be a list of `name: value` settings."),
        )
        return document
    for key in data:
        for offset, line in enumerate(lines[1:end], start=2):
            if line.split(":", 1)[0].strip() == str(key):
                document.key_lines[str(key)] = offset
                break
    document.settings = {str(k): v for k, v in data.items()}
    return document


def canonical_settings(
    document: Document, aliases: dict[str, str], report: Report
) -> dict[str, Any]:
    """Settings under their canonical names; unknown or repeated names are reported."""
    result: dict[str, Any] = {}
    known = sorted(aliases)
    for key, value in document.settings.items():
        line = document.key_lines.get(key, 1)
        name = aliases.get(key.lower())
        if name is None:
            close = difflib.get_close_matches(key.lower(), known, n=1)
            hint = (
                _l("Did you mean `%(name)s`?", name=close[0])
                if close
                else _l("Known settings: %(names)s", names=", ".join(known))
            )
            report.error(
                document.path,
                line,
                "FM-UNKNOWN-KEY",
                _l("Unknown setting `%(key)s`.", key=key),
                hint,
            )
            continue
        if name in result:
            report.error(
                document.path,
                line,
                "FM-DUPLICATE-KEY",
                _l("The setting `%(key)s` is given twice (also as another alias).", key=key),
            )
            continue
        result[name] = (value, line)
    return result
