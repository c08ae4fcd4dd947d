"""Reading the answer part of a question written the core's way.

A question body is its stem (any Markdown) followed by answer lines:

- ``- (x) text`` / ``- ( ) text``: single-choice options (``x`` marks the correct one);
- ``- [x] text`` / ``- [ ] text``: multiple-choice options, with an optional
  ``%50%`` or ``%-25%`` weight right after the marker;
- ``= text``: accepted answers (short answer, numeric, true/false), with an optional
  ``%50%`` credit;
- ``- left -> right``: matching pairs (``- -> right`` adds a distractor);
- ``1. text``: items of an ordering question, in the correct order;
- an indented ``> text`` under an option or answer: feedback for it;
- ``> [!benar]``, ``> [!salah]``, ``> [!penjelasan]`` (``correct``, ``incorrect``,
  ``explanation``), ``> [!rubrik]`` (``rubric``): feedback blocks for the question.

Fenced code in the stem is opaque: nothing in it is taken for an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l

from elearn.patterns import pattern, prefiltered
from elearn.questions.types import QuestionBlock, SourceLine

RADIO = prefiltered(pattern(r"^[-*+] \((?P<mark>[xX ]?)\)(?P<rest>.*)$"), starts="-*+")
CHECK = prefiltered(pattern(r"^[-*+] \[(?P<mark>[xX ]?)\](?P<rest>.*)$"), starts="-*+")
EQUALS = prefiltered(pattern(r"^=(?P<rest>.*)$"), starts="=")
PAIR = prefiltered(
    pattern(r"^[-*+] (?P<left>.*?)\s*->\s*(?P<right>.*)$"), starts="-*+", needs=("->",)
)
ORDERED = prefiltered(pattern(r"^(?P<number>\d{1,3})[.)] (?P<rest>.*)$"), starts="0123456789")
WEIGHT = pattern(r"^\s*%(?P<weight>-?\d+(?:[.,]\d+)?)%\s*")
BLOCK = prefiltered(
    pattern(r"^>\s*\[!(?P<kind>[A-Za-z-]+)\]\s*(?P<rest>.*)$"), starts=">", needs=("[!",)
)
FENCE = prefiltered(pattern(r"^\s*(```|~~~)"), needs=("```", "~~~"))

FEEDBACK_KINDS = {
    "benar": "correct",
    "correct": "correct",
    "salah": "incorrect",
    "incorrect": "incorrect",
    "wrong": "incorrect",
    "penjelasan": "general",
    "explanation": "general",
    "umum": "general",
    "general": "general",
    "rubrik": "rubric",
    "rubric": "rubric",
}


@dataclass
class AnswerLine:
    """One option or answer, where it stands, and its feedback."""

    kind: str  # radio | check | equals | pair | ordered
    line: int
    column: int
    text: str
    marked: bool = False
    weight: float | None = None
    right: str = ""  # for pairs
    feedback: str = ""


@dataclass
class AnswerPart:
    stem: list[SourceLine] = field(default_factory=list)
    answers: list[AnswerLine] = field(default_factory=list)
    blocks: dict[str, tuple[int, str]] = field(default_factory=dict)  # kind -> (line, text)

    @property
    def kinds(self) -> set[str]:
        return {answer.kind for answer in self.answers}

    def stem_text(self) -> str:
        return "\n".join(line.text for line in self.stem).strip()


def _answer(text: str, number: int, ordered: bool = False) -> AnswerLine | None:
    for kind, marker in (("radio", RADIO), ("check", CHECK)):
        found = marker.match(text)
        if found:
            rest = found.group("rest")
            return AnswerLine(kind, number, 1, rest, marked=found.group("mark").lower() == "x")
    found = EQUALS.match(text)
    if found:
        return AnswerLine("equals", number, 1, found.group("rest"))
    found = ORDERED.match(text) if ordered else None
    if found:
        return AnswerLine("ordered", number, 1, found.group("rest"))
    found = PAIR.match(text)
    if found:
        return AnswerLine("pair", number, 1, found.group("left"), right=found.group("right"))
    return None


def _take_weight(answer: AnswerLine, block: QuestionBlock) -> None:
    found = WEIGHT.match(answer.text)
    if found:
        answer.weight = float(found.group("weight").replace(",", ".")) / 100
        answer.text = answer.text[found.end() :]


def _open_block(part: AnswerPart, block: QuestionBlock, line: int, found: Any) -> str | None:
    """Start the feedback block a ``> [!kind]`` line opens; None (reported) for a kind
    that does not exist."""
    kind = FEEDBACK_KINDS.get(found.group("kind").lower())
    if kind is None:
        block.error(
            line,
            "Q-UNKNOWN-BLOCK",
            _l("Unknown feedback block [!%(kind)s].", kind=found.group("kind")),
            _l("Use [!benar], [!salah], [!penjelasan] or [!rubrik]."),
            column=3,
        )
        return None
    if kind in part.blocks:
        block.error(
            line,
            "Q-DUPLICATE-BLOCK",
            _l("The block [!%(kind)s] appears twice in this question.", kind=found.group("kind")),
        )
    part.blocks[kind] = (line, found.group("rest"))
    return kind


def _continues(current: AnswerLine, stripped: str) -> bool:
    """An indented line under an answer: its feedback (``> ...``) or, except after an
    ``=`` answer, more of its text. Whether the line was taken."""
    if stripped.startswith(">"):
        current.feedback = f"{current.feedback}\n{stripped[1:].strip()}".strip()
        return True
    if current.kind != "equals":
        current.text = f"{current.text} {stripped}"
        return True
    return False


def split_answers(block: QuestionBlock, ordered: bool = False) -> AnswerPart:
    """Split a question body into its stem, its answer lines (``- (x)``, ``- [ ]``,
    ``= ...``, ``- a -> b``, ``1. ...`` with their ``> feedback``) and its feedback
    blocks (``> [!benar]``, ``> [!salah]``, ``> [!penjelasan]``, ``> [!rubrik]``).
    Returns an ``AnswerPart`` with ``stem`` (``SourceLine`` list), ``stem_text()``,
    ``answers`` (each with ``kind``, ``line``, ``text``, ``marked``, ``weight``,
    ``feedback``) and ``blocks`` (kind -> (line, text)); a line that fits nowhere is
    reported. A numbered list counts as answers only for ``ordered`` types."""
    part = AnswerPart()
    in_fence = False
    current: AnswerLine | None = None
    open_block: str | None = None
    for source in block.lines:
        text = source.text
        if not part.answers and not part.blocks:
            if FENCE.match(text):
                in_fence = not in_fence
            if in_fence or not (_answer(text, source.number, ordered) or BLOCK.match(text)):
                part.stem.append(source)
                continue
        if not text.strip():
            current, open_block = (current if open_block is None else None), None
            continue
        found = BLOCK.match(text)
        if found:
            kind = _open_block(part, block, source.number, found)
            if kind is not None:
                open_block, current = kind, None
            continue
        if open_block and text.startswith(">"):
            line, previous = part.blocks[open_block]
            part.blocks[open_block] = (line, f"{previous}\n{text[1:].lstrip()}".strip())
            continue
        stripped = text.lstrip()
        indent = len(text) - len(stripped)
        if current and indent >= 2 and _continues(current, stripped):
            continue
        answer = _answer(text, source.number, ordered)
        if answer is None:
            block.error(
                source.number,
                "Q-UNEXPECTED-LINE",
                _l("This line is neither an answer nor feedback, but it stands among the answers."),
                _l(
                    "Move it above the first answer, indent it under an option, or "
                    "start it with > to make it feedback."
                ),
                column=indent + 1,
            )
            current = None
            continue
        if answer.kind in {"check", "equals"}:
            _take_weight(answer, block)
        answer.text = answer.text.strip()
        part.answers.append(answer)
        current, open_block = answer, None
    return part
