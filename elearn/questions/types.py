"""What a question type is: the class a plugin (or the core) subclasses, what the
compiler hands it and what it returns. Plugins import these through
``elearn.plugin_api``; the core imports them from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from markupsafe import Markup


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


@dataclass(frozen=True)
class Reveal:
    """What a submitted attempt may show, by the quiz's rules. ``feedback``
    (``umpan_balik``): whether each answer was right, partial credit per part, and the
    feedback written for an answer, option or verdict (``[!benar]``, ``[!salah]``).
    ``answers`` (``tampilkan_jawaban``): the correct answers, and everything that gives
    them away: the explanation (``[!penjelasan]``) and which parts were the key. The
    learner's own response may always be shown back to them."""

    feedback: bool
    answers: bool


@dataclass(frozen=True)
class ItemOption:
    """One option a learner picks from, as the item analysis counts it: a stable ``id``
    (the same in every attempt), its ``html`` and whether it is ``correct``."""

    id: str
    html: str
    correct: bool


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
    what it returns is stored with the attempt as its *view*. A value a form posts for
    a choice (a radio button, a check box, an option of a select) must say nothing
    about the key: give the page per-attempt tokens from ``seal`` and map them back
    with ``unseal`` when grading (the contract checks this over many attempts).

    ``template`` names a Jinja template (kept in the plugin's blueprint's
    ``templates/<plugin>/`` folder) that draws the question's inputs, given
    ``question``, ``view``, ``name`` (the question's form field; name further fields
    ``{{ name }}-<part>``: ``name`` ends where no question id can, so no two questions'
    fields can be confused), ``response`` (the saved response), ``max_length`` (give
    text inputs ``maxlength="{{ max_length }}"``) and ``position`` (its number in the
    attempt: a button ``name="action" value="goto-{{ position }}"`` saves and comes back
    to it). It must not carry state in hidden fields: what a learner may change lives in
    the saved response (see ``update_response``). Without a template, the learner gets a
    text box. ``result_template`` may draw the result of a submitted question (given
    also ``result``, with the ``details`` of its ``Grade``, and ``reveal``, a ``Reveal``:
    show a verdict or any ``details`` only when ``reveal.feedback``, a key only when
    ``reveal.answers``; ``show_feedback`` is ``reveal.feedback`` for 1.1 templates) in
    place of the core's right/wrong line.

    ``max_answer_length`` bounds every text a response holds (each field of it), in
    characters: a longer one is refused at save and at submit, before any parsing.
    """

    id: ClassVar[str]
    label: ClassVar[Any]
    aliases: ClassVar[tuple[str, ...]] = ()
    template: ClassVar[str | None] = None
    result_template: ClassVar[str | None] = None
    max_answer_length: ClassVar[int] = 500

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

    def update_response(self, saved: Any, posted: Any, view: dict[str, Any]) -> Any:
        """The response to keep after a save, from the one saved before and the one just
        posted. The default keeps what was posted. A type whose answer unfolds step by
        step (a branching scenario) keeps its state here, on the server, and accepts
        only the step the page offered: a form field cannot rewind it."""
        return posted

    def submit_problem(self, view: dict[str, Any], response: Any) -> str | None:
        """Why this response may not be submitted as it stands (a reflection shorter than
        its minimum, say), as a sentence for the learner; None when it may. An empty
        response may always be submitted (the learner is asked to confirm)."""
        return None

    def options(self, key: dict[str, Any], public: dict[str, Any]) -> list[ItemOption] | None:
        """The options a learner picks from, for the trainers' item analysis (how often
        each was chosen); None, the default, for a type without options."""
        return None

    def chosen(self, response: Any, view: dict[str, Any]) -> list[str]:
        """The ids (as ``options`` names them) that a response picked; the core keeps
        them with the result, so the item analysis reads no attempt's view."""
        return []

    def your_answer(
        self, key: dict[str, Any], public: dict[str, Any], view: dict[str, Any], response: Any
    ) -> list[str]:
        """The learner's own answer as lines of plain text, shown beside the verdict on
        the result page (a type with its own result template shows it there instead).
        The default: the options ``chosen`` picked, for a type with ``options``; text as
        typed otherwise; nothing for a response of another shape, which a type that has
        one describes by overriding this."""
        labels = {  # option labels are compiled, sanitised HTML: their text is wanted
            o.id: Markup(o.html).striptags()  # noqa: S704
            for o in self.options(key, public) or []
        }
        if labels:
            return [labels[i] for i in self.chosen(response, view) if i in labels]
        if isinstance(response, str):
            return [response] if response.strip() else []
        return []
