"""A self-assessment: statements rated on a Likert scale, grouped in dimensions. There
is no right answer: answering every statement completes it, and the learner sees a
profile (the mean per dimension). Written::

    - [Empati] Saya mendengarkan keluhan warga sampai selesai.
    - [Empati] (-) Saya sering memotong pembicaraan warga.
    - [Kejelasan] Saya menjelaskan prosedur dengan bahasa sederhana.

``(-)`` marks a statement scored in reverse; ``skala=5`` (4 to 7) sets the scale."""

from __future__ import annotations

import re
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
    render_inline,
    render_markdown,
    split_answers,
)

STATEMENT = re.compile(r"^[-*+]\s+\[(?P<dimension>[^\]]+)\]\s*(?P<reverse>\(-\))?\s*(?P<text>.+)$")


class SelfAssessment(QuestionType):
    id = "asesmen-diri"
    label = _l("Self-assessment")
    aliases = ("self-assessment", "likert")
    template = "softskills/asesmen.html"
    result_template = "softskills/asesmen_hasil.html"

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, {"skala"})
        part = split_answers(block)
        scale_text = block.attrs.get("skala", "5")
        if not scale_text.isdigit() or not 4 <= int(scale_text) <= 7:
            block.error(
                block.heading_line,
                "SS-BAD-SCALE",
                _l("`skala` is a number from 4 to 7, not `%(value)s`.", value=scale_text),
            )
            return None
        statements, stem = [], []
        for line in part.stem:
            found = STATEMENT.match(line.text.strip())
            if found:
                statements.append(found)
            elif line.text.strip().startswith(("- ", "* ", "+ ")):
                block.error(
                    line.number,
                    "SS-BAD-STATEMENT",
                    _l(
                        "A statement is written: - [dimension] statement, with (-) before a "
                        "reversed one."
                    ),
                )
                return None
            else:
                stem.append(line.text)
        if len(statements) < 2:
            block.error(
                block.heading_line,
                "SS-FEW-STATEMENTS",
                _l("A self-assessment needs at least two statements: - [dimension] statement."),
            )
            return None
        ids = [f"s{index}" for index in range(1, len(statements) + 1)]
        return ParsedQuestion(
            prompt_html=render_markdown("\n".join(stem).strip()),
            public={
                "scale": int(scale_text),
                "items": [
                    {"id": i, "html": render_inline(s["text"]), "dimension": s["dimension"].strip()}
                    for i, s in zip(ids, statements, strict=True)
                ],
            },
            key={
                "scale": int(scale_text),
                "items": {
                    i: {"dimension": s["dimension"].strip(), "reverse": bool(s["reverse"])}
                    for i, s in zip(ids, statements, strict=True)
                },
            },
            feedback=question_feedback(part),
            source={
                "stem": "\n".join(stem).strip(),
                "statements": [
                    line.text.strip() for line in part.stem if STATEMENT.match(line.text.strip())
                ],
                "blocks": feedback_source(part),
            },
        )

    def response_from_form(self, form: Any, name: str) -> Any:
        return {
            key[len(name) + 1 :]: value
            for key, value in form.items()
            if key.startswith(f"{name}-s")
        }

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        response = response if isinstance(response, dict) else {}
        scale, scores = key["scale"], {}
        for item_id, item in key["items"].items():
            value = str(response.get(item_id, ""))
            if value.isdigit() and 1 <= int(value) <= scale:
                score = scale + 1 - int(value) if item["reverse"] else int(value)
                scores.setdefault(item["dimension"], []).append(score)
        answered = sum(len(values) for values in scores.values())
        profile = {dimension: round(sum(v) / len(v), 2) for dimension, v in scores.items()}
        fraction = answered / len(key["items"])
        return Grade(
            fraction, ("correct",) if fraction == 1 else (), {"profile": profile, "scale": scale}
        )

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        return []  # there is no right answer

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        return "\n".join(parsed.source["statements"] + feedback_markdown(parsed.source["blocks"]))
