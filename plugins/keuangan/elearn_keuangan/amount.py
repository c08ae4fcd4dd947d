"""An amount in rupiah: ``= Rp 12.500.000``, with a tolerance (``± 1.000`` or
``± 1%``) and partial credit (``= %50% Rp 12.000.000``). Learners may write
``12.500.000``, ``Rp 12,5 juta`` or ``12500000``."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from elearn.plugin_api import (
    Grade,
    ParsedQuestion,
    QuestionBlock,
    QuestionType,
    check_attributes,
    feedback_markdown,
    feedback_source,
    question_feedback,
    render_markdown,
    split_answers,
)
from elearn_keuangan.money import amount_with_tolerance, read_rupiah, rupiah, within


class RupiahAmount(QuestionType):
    id = "rupiah"
    label = _l("Amount in rupiah")
    aliases = ("nominal",)
    template = "keuangan/rupiah.html"
    max_answer_length = 100

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, set())
        part = split_answers(block)
        answers = []
        for index, line in enumerate(part.answers):
            if line.kind != "equals":
                block.error(
                    line.line,
                    "K-NOT-AN-AMOUNT-LINE",
                    _l("An amount question takes only answer lines that start with =."),
                    _l("Write: = Rp 12.500.000"),
                )
                continue
            try:
                amount = amount_with_tolerance(line.text)
            except ValueError:
                block.error(
                    line.line,
                    "K-BAD-AMOUNT",
                    _l("`%(text)s` is not an amount in rupiah.", text=line.text),
                    _l("Write digits with . for thousands: = Rp 12.500.000 or = 12.500.000 ± 1%"),
                )
                continue
            credit = 1.0 if line.weight is None else line.weight
            answers.append(
                {
                    "id": f"a{index}",
                    "low": amount["low"],
                    "high": amount["high"],
                    "value": amount["value"],
                    "credit": credit,
                    "text": line.text,
                    "weight": line.weight,
                    "feedback": line.feedback,
                }
            )
        if not any(answer["credit"] == 1.0 for answer in answers):
            block.error(
                block.heading_line,
                "K-NO-AMOUNT",
                _l("The question has no amount that earns full credit."),
                _l("Add a line: = Rp 12.500.000"),
            )
            return None
        keep = ("id", "low", "high", "value", "credit")
        return ParsedQuestion(
            prompt_html=render_markdown(part.stem_text()),
            public={},
            key={"answers": [{k: a[k] for k in keep} for a in answers]},
            feedback={
                **question_feedback(part),
                **{
                    f"answer:{a['id']}": render_markdown(a["feedback"])
                    for a in answers
                    if a["feedback"]
                },
            },
            source={
                "stem": part.stem_text(),
                "answers": [(a["text"], a["weight"], a["feedback"]) for a in answers],
                "blocks": feedback_source(part),
            },
        )

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        readings = read_rupiah(str(response or ""))
        matching = [a for a in key["answers"] if within(readings, a["low"], a["high"])]
        if not matching:
            return Grade(0.0, ("incorrect",))
        best = max(matching, key=lambda a: a["credit"])
        verdict = "correct" if best["credit"] == 1.0 else "incorrect"
        return Grade(best["credit"], (f"answer:{best['id']}", verdict))

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        return [rupiah(a["value"]) for a in key["answers"] if a["credit"] == 1.0]

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        lines = []
        for text, weight, answer_feedback in parsed.source["answers"]:
            prefix = f"%{weight * 100:g}% " if weight is not None else ""
            lines.append(f"= {prefix}{text}")
            lines.extend(f"  > {line}" for line in answer_feedback.split("\n") if answer_feedback)
        return "\n".join(lines + feedback_markdown(parsed.source["blocks"]))
