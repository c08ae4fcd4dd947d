"""The public plugin API: the one module a plugin imports.

A plugin module declares ``ELEARN_API_VERSION = "1.0"`` (the API it was written for)
and implements hooks from :mod:`elearn.hookspecs` with the ``hookimpl`` marker::

    from elearn.plugin_api import CourseType, hookimpl

    ELEARN_API_VERSION = "1.0"

    class PublicPolicyCase(CourseType):
        id = "studi_kasus"
        label = "Studi Kasus Kebijakan Publik"
        competency = "manajerial"

    @hookimpl
    def register_course_types():
        return [PublicPolicyCase]

Compatibility: a plugin written for ``MAJOR.MINOR`` runs on a core offering the same
major version and the same or a later minor version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import pluggy

API_VERSION = "1.0"
PROJECT = "elearn"

hookimpl = pluggy.HookimplMarker(PROJECT)

COMPETENCIES = ("teknis", "manajerial", "sosial_kultural")


class PluginStartupError(Exception):
    """Raise from ``startup`` to refuse to run (a missing setting, say); the host
    disables the plugin and shows the message to admins."""


@dataclass(frozen=True)
class MenuLink:
    """A link in the main navigation. ``label`` should be a translated string."""

    label: str
    url: str
    order: int = 100


class CourseType:
    """A kind of course a plugin offers (financial management, IT skills, ...).

    Subclasses set ``id`` (stable, lower-case, used in course files), ``label`` (shown
    to people) and ``competency`` (one of ``COMPETENCIES``).
    """

    id: ClassVar[str]
    label: ClassVar[Any]
    competency: ClassVar[str] = "teknis"
    description: ClassVar[Any] = ""


@dataclass(frozen=True)
class SourceLine:
    """One line of a course file, with its 1-based line number."""

    number: int
    text: str


@dataclass
class QuestionBlock:
    """What the compiler hands a question type: the question's heading and every line of
    its body, with line numbers, and a way to report problems at those lines."""

    file: str
    heading_line: int
    title: str
    attrs: dict[str, str]
    lines: list[SourceLine]
    report: Any  # elearn.content.diagnostics.Report

    def error(self, line: int, code: str, message: Any, hint: Any = "", column: int = 1) -> None:
        self.report.error(self.file, line, code, message, hint, column=column)

    def warning(self, line: int, code: str, message: Any, hint: Any = "", column: int = 1):
        self.report.warning(self.file, line, code, message, hint, column=column)


@dataclass
class ParsedQuestion:
    """A compiled question. ``public`` is all a learner's page may carry before the
    attempt is submitted; ``key`` and ``feedback`` stay on the server."""

    prompt_html: str
    public: dict[str, Any]
    key: dict[str, Any]
    feedback: dict[str, Any] = field(default_factory=dict)
    source: dict[str, Any] = field(default_factory=dict)  # for writing Markdown back


@dataclass(frozen=True)
class Grade:
    """A graded response: ``fraction`` in [0, 1], or None while a person must grade it.
    ``feedback`` lists which feedback entries (keys of ``ParsedQuestion.feedback``) apply."""

    fraction: float | None
    feedback: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def pending(self) -> bool:
        return self.fraction is None


class QuestionType:
    """A kind of quiz question: how it is written, how it is shown, how it is graded.

    Subclasses set ``id`` (the ``tipe=`` name in quiz files), ``label`` and optionally
    ``aliases`` (other names, such as the English one), and implement:

    - ``parse(block)``: read a ``QuestionBlock``; report problems with ``block.error``;
      return a ``ParsedQuestion`` (or None when the block has errors);
    - ``grade(key, response)``: return a ``Grade`` for a learner's response;
    - ``to_markdown(parsed)``: the answer part of the question written back as Markdown.

    ``present(public, rng)`` may reorder what the learner sees (``rng`` is seeded per
    attempt, so the same attempt always looks the same).
    """

    id: ClassVar[str]
    label: ClassVar[Any]
    aliases: ClassVar[tuple[str, ...]] = ()

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        raise NotImplementedError

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        raise NotImplementedError

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        raise NotImplementedError

    def present(self, public: dict[str, Any], rng: Any) -> dict[str, Any]:
        return public

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        """The correct answer as lines of plain text, shown on the result page when the
        quiz's ``tampilkan_jawaban`` allows (never before the attempt is submitted).
        Return ``[]`` when there is nothing to show (an essay)."""
        return []

    def response_from_form(self, form: Any, name: str) -> Any:
        """The learner's response from a submitted form; ``name`` prefixes the fields."""
        return form.get(name)


def parse_api_version(text: str) -> tuple[int, int]:
    """``"1.2"`` -> ``(1, 2)``; raises ValueError on anything else."""
    major, _, minor = str(text).strip().partition(".")
    return int(major), int(minor or 0)


def api_compatible(required: str, offered: str = API_VERSION) -> bool:
    """Whether a plugin written for ``required`` runs on a core offering ``offered``."""
    need, have = parse_api_version(required), parse_api_version(offered)
    return need[0] == have[0] and need[1] <= have[1]


__all__ = [
    "API_VERSION",
    "COMPETENCIES",
    "CourseType",
    "Grade",
    "MenuLink",
    "ParsedQuestion",
    "PluginStartupError",
    "QuestionBlock",
    "QuestionType",
    "SourceLine",
    "api_compatible",
    "hookimpl",
]
