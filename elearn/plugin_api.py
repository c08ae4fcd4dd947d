"""The public plugin API: the one module a plugin imports.

A plugin module declares ``ELEARN_API_VERSION = "1.1"`` (the API it was written for)
and implements hooks from :mod:`elearn.hookspecs` with the ``hookimpl`` marker::

    from elearn.plugin_api import CourseType, hookimpl

    ELEARN_API_VERSION = "1.1"

    class PublicPolicyCase(CourseType):
        id = "studi_kasus"
        label = "Studi Kasus Kebijakan Publik"
        competency = "manajerial"

    @hookimpl
    def register_course_types():
        return [PublicPolicyCase]

Compatibility: a plugin written for ``MAJOR.MINOR`` runs on a core offering the same
major version and the same or a later minor version. 1.1 added question types'
own templates (``template``, ``result_template``), ``render_prompt``,
``grade_presented`` and the helpers at the end of this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import pluggy

API_VERSION = "1.1"
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

    ``present(public, rng)`` may reorder what the learner sees, or draw values for this
    attempt (``rng`` is seeded per attempt, so the same attempt always looks the same);
    what it returns is stored with the attempt as its *view*.

    ``template`` names a Jinja template (kept in the plugin's blueprint's
    ``templates/<plugin>/`` folder) that draws the question's inputs, given
    ``question``, ``view``, ``name`` (the prefix of its form fields), ``response``
    (the saved response) and ``position`` (its number in the attempt: a button
    ``name="action" value="goto-{{ position }}"`` saves and comes back to it). Without
    one, the learner gets a text box. ``result_template``
    may draw the result of a submitted question (given also ``result``, with the
    ``details`` of its ``Grade``, and ``show_feedback``) in place of the core's
    right/wrong line.
    """

    id: ClassVar[str]
    label: ClassVar[Any]
    aliases: ClassVar[tuple[str, ...]] = ()
    template: ClassVar[str | None] = None
    result_template: ClassVar[str | None] = None

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        raise NotImplementedError

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        raise NotImplementedError

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        raise NotImplementedError

    def present(self, public: dict[str, Any], rng: Any) -> dict[str, Any]:
        return public

    def render_prompt(self, prompt_html: str, view: dict[str, Any]) -> str:
        """The prompt as this attempt shows it (with values drawn in ``present``, say).
        Return sanitised HTML: escape anything that came from the view."""
        return prompt_html

    def grade_presented(self, key: dict[str, Any], response: Any, view: dict[str, Any]) -> Grade:
        """Grade a response against what the attempt showed. The core calls this; the
        default is ``grade(key, response)``. Override it when the answer depends on the
        view (values drawn per attempt): grading stays reproducible from the stored
        attempt."""
        return self.grade(key, response)

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        """The correct answer as lines of plain text, shown on the result page when the
        quiz's ``tampilkan_jawaban`` allows (never before the attempt is submitted).
        ``public`` is the attempt's view. Return ``[]`` when there is nothing to show
        (an essay)."""
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


def database_session() -> Any:
    """The SQLAlchemy session of the current request, for a plugin's own tables (those of
    its ``register_migrations`` lineage). Read core tables if you must; never write them."""
    from elearn import db

    return db.session()


# Who may reach a plugin's view: every view declares it with one of these. ----------


def signed_in(view: Any) -> Any:
    """Any signed-in user may open this view."""
    from elearn.auth.permissions import signed_in as decorate

    return decorate(view)


def public(view: Any) -> Any:
    """Anyone may open this view, signed in or not."""
    from elearn.auth.permissions import public as decorate

    return decorate(view)


def roles_required(*roles: str) -> Any:
    """Only users with one of ``roles`` (learner, trainer, admin, partner) may open it."""
    from elearn.auth.permissions import roles_required as decorate

    return decorate(*roles)


# Helpers for question types, the same ones the core's types use. -------------------


def split_answers(block: QuestionBlock) -> Any:
    """Split a question body into its stem, its answer lines (``- (x)``, ``- [ ]``,
    ``= ...``, ``- a -> b``, ``1. ...`` with their ``> feedback``) and its feedback
    blocks (``> [!benar]``, ``> [!salah]``, ``> [!penjelasan]``, ``> [!rubrik]``).
    Returns an ``AnswerPart`` with ``stem`` (``SourceLine`` list), ``stem_text()``,
    ``answers`` (each with ``kind``, ``line``, ``text``, ``marked``, ``weight``,
    ``feedback``) and ``blocks`` (kind -> (line, text))."""
    from elearn.content.answers import split_answers as split

    return split(block)


def render_markdown(text: str) -> str:
    """Trainer Markdown as sanitised HTML (the same renderer as lessons)."""
    from elearn.content.render import render_block

    return render_block(text)


def render_inline(text: str) -> str:
    """One line of trainer Markdown as sanitised inline HTML."""
    from elearn.content.render import render_inline as inline

    return inline(text)


def parse_number(text: str) -> float:
    """A number as a trainer writes it (``1.250.000``, ``3,14``); raises ``ValueError``
    (a ``NumberError`` whose ``kind`` is ``"ambiguous"`` or ``"invalid"``)."""
    from elearn.content.numbers import parse_source_number

    return parse_source_number(text)


def learner_number_readings(text: str) -> list[float]:
    """Every reasonable reading of a number a learner typed (``1.250`` may be 1250 or
    1,25): grade a response right when any reading is right."""
    from elearn.content.numbers import parse_learner_number

    return list(parse_learner_number(text))


def question_feedback(part: Any) -> dict[str, str]:
    """The feedback blocks of a split body as HTML, keyed ``correct``, ``incorrect``
    and ``general``: put them in ``ParsedQuestion.feedback``."""
    from elearn.builtin.questions.common import feedback

    return feedback(part)


def feedback_source(part: Any) -> dict[str, str]:
    """The feedback blocks of a split body as their Markdown text, kind -> text: keep
    them in ``ParsedQuestion.source`` to write them back with ``feedback_markdown``."""
    from elearn.builtin.questions.common import feedback_source as source

    return source(part)


def feedback_markdown(blocks: dict[str, str]) -> list[str]:
    """Feedback blocks (as ``feedback_source`` gave them) written back as Markdown."""
    from elearn.builtin.questions.common import blocks_markdown

    return blocks_markdown(blocks)


def check_attributes(block: QuestionBlock, allowed: set[str]) -> None:
    """Report each heading attribute (``{tipe=... name=value}``) not in ``allowed``."""
    from elearn.builtin.questions.common import check_attrs

    check_attrs(block, allowed)


def normalise_text(text: str) -> str:
    """Text compared the lenient way: accents, case and repeated spaces ignored."""
    from elearn.builtin.questions.common import normalise_text as normalise

    return normalise(text)


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
    "check_attributes",
    "database_session",
    "feedback_markdown",
    "feedback_source",
    "hookimpl",
    "learner_number_readings",
    "normalise_text",
    "parse_number",
    "public",
    "question_feedback",
    "render_inline",
    "render_markdown",
    "roles_required",
    "signed_in",
    "split_answers",
]
