"""Numeric answers, written the Indonesian way or not: ``= 1.250.000``,
``= 3,14 ± 0,01``, ``= 12,5 +- 2%``, ``= 10 .. 20``, ``= %50% 1.200.000``."""

from __future__ import annotations

from typing import Any

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from elearn.content.numbers import NumberError, parse_learner_number, parse_source_number
from elearn.patterns import pattern
from elearn.questions.answers import split_answers
from elearn.questions.helpers import (
    answers_feedback,
    check_attributes,
    check_credit,
    equals_markdown,
    feedback_source,
    prompt,
    refuse_answers,
    require_full_credit,
    require_text,
)
from elearn.questions.types import Grade, ParsedQuestion, QuestionBlock, QuestionType

TOLERANCE = pattern(r"^(?P<value>.+?)\s*(?:±|\+-|\+/-)\s*(?P<tolerance>.+?)\s*$")
RANGE = pattern(r"^(?P<low>.+?)\s*\.\.\s*(?P<high>.+?)\s*$")
EPSILON = 1e-9


def _number(block, line, text):
    try:
        return parse_source_number(text)
    except NumberError as exc:
        if exc.kind == "ambiguous":
            block.error(
                line,
                "Q-NUMBER-AMBIGUOUS",
                _l(
                    "`%(text)s` can be read two ways: with a thousands separator or "
                    "with a decimal mark.",
                    text=text,
                ),
                _l(
                    "Write 1234 for a whole number, or add a decimal digit to show the "
                    "mark: 1.234,0 or 1,2340."
                ),
            )
        elif exc.kind == "too-large":
            block.error(
                line,
                "Q-NUMBER-TOO-LARGE",
                _l("`%(text)s` is too large a number to compute with.", text=text[:40]),
                _l("Keep numbers below 10^300; write a smaller unit (juta, miliar) instead."),
            )
        else:
            block.error(
                line,
                "Q-NOT-A-NUMBER",
                _l("`%(text)s` is not a number.", text=text),
                _l("Write digits, with . for thousands and , for decimals, e.g. 1.250.000,50."),
            )
        return None


def parse_numeric_answer(block: QuestionBlock, line: int, text: str) -> dict[str, Any] | None:
    """One answer line: an exact value, value ± tolerance (absolute or %), or a range."""
    found = RANGE.match(text)
    if found:
        low, high = _number(block, line, found["low"]), _number(block, line, found["high"])
        if low is None or high is None:
            return None
        if low > high:
            block.error(
                line,
                "Q-RANGE-ORDER",
                _l("The range starts above where it ends."),
                _l("Write the smaller number first: low .. high."),
            )
            return None
        return {"low": low, "high": high}
    found = TOLERANCE.match(text)
    value_text, tolerance_text = (found["value"], found["tolerance"]) if found else (text, "0")
    value = _number(block, line, value_text)
    relative = tolerance_text.endswith("%")
    tolerance = _number(block, line, tolerance_text.rstrip("% ")) if tolerance_text else 0
    if value is None or tolerance is None:
        return None
    if tolerance < 0:
        block.error(line, "Q-NEGATIVE-TOLERANCE", _l("A tolerance cannot be negative."))
        return None
    margin = abs(value) * tolerance / 100 if relative else tolerance
    return {
        "low": value - margin,
        "high": value + margin,
        "value": value,
        "tolerance": tolerance_text,
    }


class Numeric(QuestionType):
    id = "angka"
    label = _l("Numeric")
    aliases = ("numeric", "number")
    max_answer_length = 100

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, set())
        part = split_answers(block)
        refuse_answers(block, part, {"equals"}, self.id)
        answers = []
        for index, line in enumerate(a for a in part.answers if a.kind == "equals"):
            if not require_text(block, line):
                continue
            parsed = parse_numeric_answer(block, line.line, line.text)
            credit = 1.0 if line.weight is None else line.weight
            check_credit(block, line.line, credit)
            if parsed:
                answers.append(
                    {
                        "id": f"a{index}",
                        "low": parsed["low"],
                        "high": parsed["high"],
                        "credit": credit,
                        "text": line.text,
                        "weight": line.weight,
                        "feedback": line.feedback,
                    }
                )
        require_full_credit(
            block,
            answers,
            _l("Add a line = number for the correct answer."),
        )
        return ParsedQuestion(
            prompt_html=prompt(part),
            public={},
            key={"answers": [{k: a[k] for k in ("id", "low", "high", "credit")} for a in answers]},
            feedback=answers_feedback(part, answers),
            source={
                "stem": part.stem_text(),
                "answers": [(a["text"], a["weight"], a["feedback"]) for a in answers],
                "blocks": feedback_source(part),
            },
        )

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        return [
            format_decimal(a["low"])
            if a["low"] == a["high"]
            else f"{format_decimal(a['low'])} – {format_decimal(a['high'])}"
            for a in key["answers"]
            if a["credit"] >= 1
        ]

    def your_answer(self, key, public, view, response) -> list[str]:
        typed = str(response or "").strip()
        if not typed:
            return []
        if not list(parse_learner_number(typed.rstrip("% "))):
            reason = _l(
                "(not read as a number: write digits only, without units such as menit or Rp)"
            )
            return [typed, str(reason)]
        return [typed]

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        best = None
        for value in parse_learner_number(str(response or "").rstrip("% ")):
            for answer in key["answers"]:
                span = max(abs(answer["low"]), abs(answer["high"]), 1) * EPSILON
                if answer["low"] - span <= value <= answer["high"] + span and (
                    best is None or answer["credit"] > best["credit"]
                ):
                    best = answer
        if best is None:
            return Grade(0.0, ("incorrect",))
        verdict = "correct" if best["credit"] == 1.0 else "incorrect"
        return Grade(best["credit"], (f"answer:{best['id']}", verdict))

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        return equals_markdown(parsed.source)
