"""Helpers for writing a question type: reading the body, feedback, attributes, numbers
and text as learners write them. The core's own types use them, and plugins get the
public ones through ``elearn.plugin_api``."""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from markupsafe import Markup

from elearn.content.numbers import parse_learner_number, parse_source_number
from elearn.content.render import render_block
from elearn.content.render import render_inline as _render_inline
from elearn.patterns import pattern
from elearn.questions.answers import AnswerLine, AnswerPart, split_answers
from elearn.questions.types import QuestionBlock

__all__ = ["split_answers"]  # re-exported: plugins take it from here through the face

SPACES = pattern(r"\s+")
YES = {"ya", "yes", "true", "benar", "1"}
NO = {"tidak", "no", "false", "salah", "0"}


def normalise_text(text: str, case_sensitive: bool = False) -> str:
    """Text compared the lenient way: accents, case and repeated spaces ignored
    (Unicode-normalised and trimmed; ``case_sensitive`` keeps the case)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = SPACES.sub(" ", plain).strip()
    return plain if case_sensitive else plain.casefold()


def plain(html: str) -> str:
    """The text of compiled inline HTML, for showing a correct answer as text."""
    return Markup(html).striptags()  # noqa: S704 (compiled and sanitised at import)


def opaque_id(*parts: str) -> str:
    """An id that says nothing about the answer (for items whose order is the key)."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:10]


def letter(index: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[index] if index < 26 else f"o{index}"


def prompt(part: AnswerPart) -> str:
    return render_block(part.stem_text())


def question_feedback(
    part: AnswerPart, options: list[tuple[str, AnswerLine]] | None = None
) -> dict[str, str]:
    """The feedback blocks of a split body as HTML, keyed ``correct``, ``incorrect``
    and ``general``, and each option's own (``option:<id>``) when ``options`` (id and
    answer line pairs) are given: put them in ``ParsedQuestion.feedback``."""
    entries: dict[str, Any] = {}
    for option_id, answer in options or []:
        if answer.feedback:
            entries[f"option:{option_id}"] = render_inline(answer.feedback)
    for kind, (_line, text) in part.blocks.items():
        if kind != "rubric" and text:
            entries[kind] = render_block(text)
    return entries


def feedback_source(part: AnswerPart) -> dict[str, str]:
    """The feedback blocks of a split body as their Markdown text, kind -> text: keep
    them in ``ParsedQuestion.source`` to write them back with ``feedback_markdown``."""
    return {kind: text for kind, (_line, text) in part.blocks.items()}


def feedback_markdown(blocks: dict[str, str]) -> list[str]:
    """Feedback blocks (as ``feedback_source`` gave them) written back as Markdown."""
    names = {"correct": "benar", "incorrect": "salah", "general": "penjelasan", "rubric": "rubrik"}
    lines = []
    for kind, text in blocks.items():
        lines.append(f"> [!{names[kind]}]")
        lines.extend(f"> {line}".rstrip() for line in text.split("\n") if text)
    return lines


def option_feedback_lines(text: str) -> list[str]:
    return [f"  > {line}" for line in text.split("\n")] if text else []


def check_attributes(block: QuestionBlock, allowed: set[str]) -> None:
    """Report each heading attribute (``{tipe=... name=value}``) not in ``allowed``."""
    for name in block.attrs:
        if name not in allowed:
            block.error(
                block.heading_line,
                "Q-UNKNOWN-ATTRIBUTE",
                _l("This question type has no attribute `%(name)s`.", name=name),
                _l("Attributes it knows: %(names)s", names=", ".join(sorted(allowed)) or "-"),
            )


def flag(block: QuestionBlock, name: str, default: bool) -> bool:
    value = block.attrs.get(name)
    if value is None:
        return default
    if value.lower() in YES:
        return True
    if value.lower() in NO:
        return False
    block.error(
        block.heading_line,
        "Q-BAD-FLAG",
        _l("`%(name)s` must be ya or tidak, not `%(value)s`.", name=name, value=value),
    )
    return default


def refuse_answers(block: QuestionBlock, part: AnswerPart, kinds: set[str], type_id: str):
    """Report answers of a kind this question type does not take."""
    for answer in part.answers:
        if answer.kind not in kinds:
            block.error(
                answer.line,
                "Q-MIXED-MARKERS",
                _l("This answer line does not fit a question of type %(type)s.", type=type_id),
                _l("Use one kind of answer line per question, or set tipe= on the heading."),
            )


def require_text(block: QuestionBlock, answer: AnswerLine) -> bool:
    if answer.text.strip():
        return True
    block.error(
        answer.line,
        "Q-EMPTY-OPTION",
        _l("This option or answer is empty."),
        _l("Write its text after the marker, or delete the line."),
    )
    return False


def duplicates(block: QuestionBlock, answers: list[AnswerLine], text=lambda a: a.text) -> None:
    seen: dict[str, int] = {}
    for answer in answers:
        key = normalise_text(text(answer))
        if key in seen:
            block.error(
                answer.line,
                "Q-DUPLICATE-OPTION",
                _l("This option repeats the one on line %(line)d.", line=seen[key]),
            )
        seen.setdefault(key, answer.line)


def equals_markdown(source: dict[str, Any]) -> str:
    """``= answer`` lines (with credit and feedback) and the question's blocks."""
    lines = []
    for value, weight, answer_feedback in source["answers"]:
        prefix = f"%{weight * 100:g}% " if weight is not None else ""
        lines.append(f"= {prefix}{value}")
        lines.extend(option_feedback_lines(answer_feedback))
    return "\n".join(lines + feedback_markdown(source["blocks"]))


def check_credit(block: QuestionBlock, line: int, credit: float) -> None:
    if not 0 <= credit <= 1:
        block.error(line, "Q-BAD-CREDIT", _l("The credit of an answer must be from 0% to 100%."))


def require_full_credit(block: QuestionBlock, answers: list[dict[str, Any]], hint: Any) -> None:
    """An ``=`` answer list needs one answer worth 100%."""
    if not any(answer["credit"] == 1.0 for answer in answers):
        block.error(
            block.heading_line, "Q-NO-CORRECT", _l("No accepted answer earns full credit."), hint
        )


def answers_feedback(part: AnswerPart, answers: list[dict[str, Any]]) -> dict[str, Any]:
    """The question's feedback plus each ``= answer``'s own, keyed ``answer:<id>``."""
    return {
        **question_feedback(part),
        **{f"answer:{a['id']}": render_block(a["feedback"]) for a in answers if a["feedback"]},
    }


def render_markdown(text: str) -> str:
    """Trainer Markdown as sanitised HTML (the same renderer as lessons)."""
    return render_block(text)


def render_inline(text: str) -> str:
    """One line of trainer Markdown as sanitised inline HTML."""
    return _render_inline(text)


def parse_number(text: str) -> float:
    """A number as a trainer writes it (``1.250.000``, ``3,14``); raises ``ValueError``
    (a ``NumberError`` whose ``kind`` says why: ``"ambiguous"``, ``"not-a-number"``,
    ``"grouping"``)."""
    return parse_source_number(text)


def learner_number_readings(text: str) -> list[float]:
    """Every reasonable reading of a number a learner typed (``1.250`` may be 1250 or
    1,25): grade a response right when any reading is right."""
    return list(parse_learner_number(text))


def seal(ids: list[str], rng: Any) -> dict[str, str]:
    """Per-attempt values to post instead of ``ids`` (option ids, say), as ``{token:
    id}``, drawn from the attempt's ``rng``. Keep the map in the view as
    ``view["sealed"]`` and give the page the tokens: what a form posts then says nothing
    about the source order or the key, and differs from attempt to attempt."""
    sealed: dict[str, str] = {}
    for real in ids:
        token = f"{rng.getrandbits(40):010x}"
        while token in sealed:
            token = f"{rng.getrandbits(40):010x}"
        sealed[token] = real
    return sealed


def unseal(view: dict[str, Any], value: Any) -> str | None:
    """The id a posted value stands for in this attempt (``view["sealed"]``, as
    ``seal`` made it); None for a value the attempt never offered. A view from before
    sealing has no map: its values are the ids themselves."""
    if not isinstance(value, str):
        return None
    sealed = view.get("sealed")
    return value if sealed is None else sealed.get(value)


def form_parts(form: Any, name: str) -> dict[str, str]:
    """The fields a question named ``<name>-<part>``, as ``{part: value}``: use it in
    ``response_from_form`` for a question with several inputs."""
    prefix = f"{name}-"
    return {
        field[len(prefix) :]: value for field, value in form.items() if field.startswith(prefix)
    }


def word_count(text: Any) -> int:
    """The words of a learner's text, as its minimum counts them."""
    return len(str(text or "").split())


def too_few_words(minimum: int, response: Any) -> str | None:
    """Why a text below its word minimum may not be submitted, or None: for
    ``submit_problem`` of a type with ``kata_min``."""
    words = word_count(response)
    if words >= minimum:
        return None
    return str(
        lazy_ngettext(
            "Write at least %(num)d word; this answer has %(count)d.",
            "Write at least %(num)d words; this answer has %(count)d.",
            minimum,
            count=words,
        )
    )
