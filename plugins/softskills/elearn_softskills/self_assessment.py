"""A self-assessment: statements rated on a Likert scale, grouped in dimensions. There
is no right answer: answering every statement completes it, and the learner sees a
profile (the mean per dimension). Written::

    - [Empati] Saya mendengarkan keluhan warga sampai selesai.
    - [Empati] (-) Saya sering memotong pembicaraan warga.
    - [Kejelasan] Saya menjelaskan prosedur dengan bahasa sederhana.

``(-)`` marks a statement scored in reverse; ``skala=5`` (4 to 7) sets the scale."""

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
    form_parts,
    pattern,
    question_feedback,
    render_inline,
    render_markdown,
    seal,
    split_answers,
    unseal,
)

STATEMENT = pattern(r"^[-*+]\s+\[(?P<dimension>[^\]]+)\]\s*(?P<reverse>\(-\))?\s*(?P<text>.+)$")


class SelfAssessment(QuestionType):
    id = "asesmen-diri"
    label = _l("Self-assessment")
    aliases = ("self-assessment", "likert")
    template = "softskills/asesmen.html"
    result_template = "softskills/asesmen_hasil.html"
    max_answer_length = 100  # each rating: a token of this attempt

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

    def present(self, public: dict[str, Any], rng: Any) -> dict[str, Any]:
        """Each rating of each statement posts a token of this attempt."""
        scale = range(1, public["scale"] + 1)
        sealed = seal([str(value) for _item in public["items"] for value in scale], rng)
        tokens = iter(sealed)
        items = [
            {**item, "ratings": [{"id": next(tokens), "value": value} for value in scale]}
            for item in public["items"]
        ]
        return {**public, "items": items, "sealed": sealed}

    def response_from_form(self, form: Any, name: str) -> Any:
        return {item: value for item, value in form_parts(form, name).items() if item[:1] == "s"}

    def grade_presented(self, key: dict[str, Any], response: Any, view: dict[str, Any]) -> Grade:
        response = response if isinstance(response, dict) else {}
        return self.grade(key, {item: unseal(view, value) for item, value in response.items()})

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        found = profile(key, response)
        fraction = found["answered"] / len(key["items"])
        return Grade(
            fraction,
            ("correct",) if fraction == 1 else (),
            {"profile": found["means"], "scale": key["scale"]},
        )

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        return []  # there is no right answer

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        return "\n".join(parsed.source["statements"] + feedback_markdown(parsed.source["blocks"]))


def profile(key: dict[str, Any], response: Any, view: dict[str, Any] | None = None) -> dict:
    """The mean rating per dimension (reversed statements turned around) and how many
    statements were rated. It follows from the response alone, so the result page shows
    it whatever the quiz reveals: a self-assessment has no right answer to give away."""
    response = response if isinstance(response, dict) else {}
    if view is not None:
        response = {item: unseal(view, value) for item, value in response.items()}
    scale, scores = key["scale"], {}
    for item_id, item in key["items"].items():
        value = str(response.get(item_id, ""))
        if value.isdigit() and 1 <= int(value) <= scale:
            score = scale + 1 - int(value) if item["reverse"] else int(value)
            scores.setdefault(item["dimension"], []).append(score)
    means = {dimension: round(sum(v) / len(v), 2) for dimension, v in scores.items()}
    return {"means": means, "scale": scale, "answered": sum(map(len, scores.values()))}
