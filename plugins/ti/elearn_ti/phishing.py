"""Spot the phishing: a message shown part by part, in the trainer's order; the learner
marks the suspicious parts. Written with check-box lines, ``[x]`` for a suspicious
part, each with its explanation::

    - [x] Dari: Tim IT <helpdesk@pemkot-sawahlunto.co>
      > Alamat resmi pemerintah berakhiran go.id.
    - [ ] Kepada: sari@sawahluntokota.go.id

Credit is partial: each suspicious part found counts, each safe part marked takes one
back, never below zero."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from elearn.plugin_api import (
    Grade,
    ItemOption,
    ParsedQuestion,
    QuestionBlock,
    QuestionType,
    check_attributes,
    feedback_markdown,
    feedback_source,
    question_feedback,
    render_inline,
    render_markdown,
    seal,
    split_answers,
    unseal,
)


class SpotThePhishing(QuestionType):
    id = "phishing"
    label = _l("Spot the phishing")
    aliases = ("tandai-phishing",)
    template = "ti/phishing.html"
    result_template = "ti/phishing_hasil.html"
    max_answer_length = 100  # each mark: a token of this attempt

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, set())
        part = split_answers(block)
        parts = []
        for answer in part.answers:
            if answer.kind != "check" or answer.weight is not None:
                block.error(
                    answer.line,
                    "TI-NOT-A-PART",
                    _l("Each part of the message is a line - [x] (suspicious) or - [ ] (safe)."),
                )
                continue
            parts.append(answer)
        if len(parts) < 2 or not any(p.marked for p in parts):
            block.error(
                block.heading_line,
                "TI-NO-SUSPICIOUS-PART",
                _l("The message needs at least two parts, and at least one marked - [x]."),
            )
            return None
        ids = [f"p{index}" for index in range(1, len(parts) + 1)]
        return ParsedQuestion(
            prompt_html=render_markdown(part.stem_text()),
            public={
                # Shown as written: a phishing message's links must not become links.
                "parts": [
                    {"id": i, "html": str(escape(p.text))} for i, p in zip(ids, parts, strict=True)
                ],
            },
            key={
                "suspicious": [i for i, p in zip(ids, parts, strict=True) if p.marked],
                "parts": ids,
            },
            feedback={
                **question_feedback(part),
                **{
                    f"part:{i}": render_inline(p.feedback)
                    for i, p in zip(ids, parts, strict=True)
                    if p.feedback
                },
            },
            source={
                "stem": part.stem_text(),
                "parts": [(p.text, p.marked, p.feedback) for p in parts],
                "blocks": feedback_source(part),
            },
        )

    def response_from_form(self, form: Any, name: str) -> Any:
        return form.getlist(name)

    def present(self, public: dict[str, Any], rng: Any) -> dict[str, Any]:
        """The parts in the message's order; each check box posts a token of this attempt
        (the parts' ids would let a list of ids passed around mark the right ones)."""
        sealed = seal([part["id"] for part in public["parts"]], rng)
        token = {real: value for value, real in sealed.items()}
        parts = [{**part, "id": token[part["id"]]} for part in public["parts"]]
        return {**public, "parts": parts, "sealed": sealed}

    def grade_presented(self, key: dict[str, Any], response: Any, view: dict[str, Any]) -> Grade:
        marked = [unseal(view, value) for value in response or []]
        return self.grade(key, [part for part in marked if part])

    def options(self, key: dict[str, Any], public: dict[str, Any]) -> list[ItemOption]:
        suspicious = set(key["suspicious"])
        return [ItemOption(p["id"], p["html"], p["id"] in suspicious) for p in public["parts"]]

    def chosen(self, response: Any, view: dict[str, Any]) -> list[str]:
        return sorted({part for value in response or [] if (part := unseal(view, value))})

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        marked = {str(x) for x in response or []} & set(key["parts"])
        suspicious = set(key["suspicious"])
        found, false_alarms = len(marked & suspicious), len(marked - suspicious)
        fraction = max(0.0, (found - false_alarms) / len(suspicious))
        verdict = "correct" if fraction == 1.0 else "incorrect"
        details = {"found": found, "false_alarms": false_alarms, "suspicious": sorted(suspicious)}
        return Grade(fraction, (verdict,), details)

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        shown = {
            unseal(public, p["id"]): Markup(p["html"]).striptags()  # noqa: S704
            for p in public["parts"]
        }
        return [shown[p] for p in key["suspicious"]]

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        lines = []
        for text, marked, explanation in parsed.source["parts"]:
            lines.append(f"- [{'x' if marked else ' '}] {text}")
            lines.extend(f"  > {line}" for line in explanation.split("\n") if explanation)
        return "\n".join(lines + feedback_markdown(parsed.source["blocks"]))
