"""What a question type is: the class a plugin (or the core) subclasses, what the
compiler hands it and what it returns. Plugins import these through
``elearn.plugin_api``; the core imports them from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar


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
