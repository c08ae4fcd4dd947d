"""A reflection journal: the learner writes freely about their own work. It is complete
when it reaches the stated number of words (``min_kata=80``) and, where the course says
so (``persetujuan=ya``), when a trainer accepts it in the grading queue."""

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
    too_few_words,
    word_count,
)

YES, NO = {"ya", "yes"}, {"tidak", "no"}


class ReflectionJournal(QuestionType):
    id = "refleksi"
    label = _l("Reflection journal")
    aliases = ("reflection",)
    template = "softskills/refleksi.html"
    max_answer_length = 20_000

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, {"min_kata", "persetujuan"})
        part = split_answers(block)
        for line in part.answers:
            block.error(
                line.line,
                "SS-NOT-A-REFLECTION-LINE",
                _l("A reflection has no answer lines: the learner writes freely."),
            )
        minimum = block.attrs.get("min_kata", "50")
        approval = block.attrs.get("persetujuan", "tidak").lower()
        if not minimum.isdigit() or not 1 <= int(minimum) <= 2000:
            block.error(
                block.heading_line,
                "SS-BAD-MINIMUM",
                _l(
                    "`min_kata` is a number of words from 1 to 2000, not `%(value)s`.",
                    value=minimum,
                ),
            )
            return None
        if approval not in YES | NO:
            block.error(
                block.heading_line,
                "SS-BAD-APPROVAL",
                _l("`persetujuan` is ya or tidak, not `%(value)s`.", value=approval),
            )
            return None
        if not part.stem_text():
            block.error(
                block.heading_line, "SS-NO-PROMPT", _l("Write what the learner should reflect on.")
            )
            return None
        return ParsedQuestion(
            prompt_html=render_markdown(part.stem_text()),
            public={"min_words": int(minimum), "approval": approval in YES},
            key={"min_words": int(minimum), "approval": approval in YES},
            feedback=question_feedback(part),
            source={"stem": part.stem_text(), "blocks": feedback_source(part)},
        )

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        words = word_count(response)
        if words < key["min_words"]:
            return Grade(0.0, ("incorrect",), {"words": words})
        if key["approval"]:
            return Grade(None, (), {"words": words})  # waits for a trainer to accept it
        return Grade(1.0, ("correct",), {"words": words})

    def submit_problem(self, view: dict[str, Any], response: Any) -> str | None:
        return too_few_words(view["min_words"], response)

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        return "\n".join(feedback_markdown(parsed.source["blocks"]))
