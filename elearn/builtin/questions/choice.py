"""Single choice, multiple choice and true/false."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from elearn.content.render import render_inline
from elearn.i18n import number
from elearn.questions.answers import split_answers
from elearn.questions.helpers import (
    check_attributes,
    duplicates,
    feedback_markdown,
    feedback_source,
    flag,
    letter,
    option_feedback_lines,
    plain,
    prompt,
    question_feedback,
    refuse_answers,
    require_text,
    seal,
    unseal,
)
from elearn.questions.types import Grade, ItemOption, ParsedQuestion, QuestionBlock, QuestionType

CHOICE_ATTRS = {"acak"}
SCORING = {
    "parsial": "partial",
    "partial": "partial",
    "semua-atau-tidak": "all-or-nothing",
    "all-or-nothing": "all-or-nothing",
    "bobot": "weights",
    "weights": "weights",
}


def _options(block, part, kind, mark_hint):
    """The options of ``kind`` as (id, line) pairs and the ids marked correct; reports
    too few, empty, repeated or no correct options."""
    options = [a for a in part.answers if a.kind == kind]
    if len(options) < 2:
        block.error(
            block.heading_line,
            "Q-TOO-FEW-OPTIONS",
            _l(
                "A choice question needs at least two options; this one has %(count)d.",
                count=len(options),
            ),
        )
    for option in options:
        require_text(block, option)
    duplicates(block, options)
    identified = [(letter(i), option) for i, option in enumerate(options)]
    correct = [oid for oid, option in identified if option.marked]
    if not correct and identified:
        block.error(
            block.heading_line,
            "Q-NO-CORRECT",
            _l("No option is marked correct."),
            mark_hint,
        )
    return identified, correct


def _public(block, options) -> dict[str, Any]:
    """What a learner's page may carry: option ids and texts, and the shuffle choice."""
    return {
        "options": [{"id": oid, "html": render_inline(o.text)} for oid, o in options],
        "shuffle": flag(block, "acak", True),
    }


def _present_options(public: dict[str, Any], rng) -> dict[str, Any]:
    """The options in this attempt's order, each posting a token of this attempt."""
    options = list(public["options"])
    if public.get("shuffle"):
        rng.shuffle(options)
    sealed = seal([o["id"] for o in options], rng)
    token = {real: value for value, real in sealed.items()}
    return {
        **public,
        "options": [{**o, "id": token[o["id"]]} for o in options],
        "sealed": sealed,
    }


def _chosen_ids(response: Any, view: dict[str, Any]) -> list[str]:
    """The option ids a response picked (one or several), in a stable order."""
    picked = response if isinstance(response, list) else [response]
    return sorted({real for value in picked if (real := unseal(view, value)) is not None})


class SingleChoice(QuestionType):
    """One correct option, marked ``- (x)``."""

    id = "pilihan"
    label = _l("Single choice")
    aliases = ("single", "single-choice")
    max_answer_length = 100  # a token of this attempt

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, CHOICE_ATTRS)
        part = split_answers(block)
        refuse_answers(block, part, {"radio"}, self.id)
        options, correct = _options(block, part, "radio", _l("Mark the correct option with (x)."))
        if len(correct) > 1:
            block.error(
                options[1][1].line,
                "Q-MANY-CORRECT",
                _l(
                    "A single-choice question has one correct option; %(count)d are marked.",
                    count=len(correct),
                ),
                _l("For several correct options, write them as - [x] and - [ ]."),
            )
        return ParsedQuestion(
            prompt_html=prompt(part),
            public=_public(block, options),
            key={"correct": correct[0] if correct else None},
            feedback=question_feedback(part, options),
            source={
                "stem": part.stem_text(),
                "options": [(o.text, o.marked, o.feedback) for _, o in options],
                "blocks": feedback_source(part),
                "attrs": dict(block.attrs),
            },
        )

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        return [
            plain(o["html"]) for o in public["options"] if unseal(public, o["id"]) == key["correct"]
        ]

    def grade_presented(self, key: dict[str, Any], response: Any, view: dict[str, Any]) -> Grade:
        return self.grade(key, unseal(view, response))

    def options(self, key: dict[str, Any], public: dict[str, Any]) -> list[ItemOption]:
        return [
            ItemOption(o["id"], o["html"], o["id"] == key["correct"]) for o in public["options"]
        ]

    def chosen(self, response: Any, view: dict[str, Any]) -> list[str]:
        return _chosen_ids(response, view)

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        right = response == key["correct"]
        return Grade(
            1.0 if right else 0.0,
            _chosen_feedback([response]) + ("correct" if right else "incorrect",),
        )

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        lines = []
        for text, marked, option_feedback in parsed.source["options"]:
            lines.append(f"- ({'x' if marked else ' '}) {text}")
            lines.extend(option_feedback_lines(option_feedback))
        return "\n".join(lines + feedback_markdown(parsed.source["blocks"]))

    def present(self, public, rng):
        return _present_options(public, rng)


def _chosen_feedback(chosen) -> tuple[str, ...]:
    return tuple(f"option:{option}" for option in chosen if isinstance(option, str))


class MultipleChoice(QuestionType):
    """Several correct options, marked ``- [x]``; partial credit by default."""

    id = "pilihan-ganda"
    label = _l("Multiple choice")
    aliases = ("multiple", "multiple-choice")
    max_answer_length = 100

    def response_from_form(self, form, name):
        return form.getlist(name)

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, CHOICE_ATTRS | {"penilaian"})
        part = split_answers(block)
        refuse_answers(block, part, {"check"}, self.id)
        options, correct = _options(block, part, "check", _l("Mark each correct option with [x]."))
        weighted = [o for _, o in options if o.weight is not None]
        scoring = SCORING.get((block.attrs.get("penilaian") or "").lower())
        if "penilaian" in block.attrs and scoring is None:
            block.error(
                block.heading_line,
                "Q-BAD-SCORING",
                _l("Unknown scoring `%(value)s`.", value=block.attrs["penilaian"]),
                _l("Use parsial, semua-atau-tidak or bobot."),
            )
        if weighted:
            scoring = scoring or "weights"
            self._check_weights(block, options, scoring)
        elif scoring == "weights":
            block.error(
                block.heading_line,
                "Q-WEIGHTS-MISSING",
                _l("Scoring by weights needs a weight such as %50% on each option."),
            )
        return ParsedQuestion(
            prompt_html=prompt(part),
            public=_public(block, options),
            key={
                "correct": correct,
                "all": [oid for oid, _ in options],
                "scoring": scoring or "partial",
                "weights": {oid: o.weight or 0.0 for oid, o in options} if weighted else {},
            },
            feedback=question_feedback(part, options),
            source={
                "stem": part.stem_text(),
                "options": [(o.text, o.marked, o.feedback, o.weight) for _, o in options],
                "blocks": feedback_source(part),
                "attrs": dict(block.attrs),
            },
        )

    @staticmethod
    def _check_weights(block, options, scoring) -> None:
        if scoring != "weights":
            block.error(
                block.heading_line,
                "Q-WEIGHTS-WITH-SCORING",
                _l("Options have weights, but the scoring is not bobot."),
                _l("Remove the weights or write penilaian=bobot."),
            )
            return
        missing = [o for _, o in options if o.weight is None]
        for option in missing:
            block.error(
                option.line,
                "Q-WEIGHT-MISSING",
                _l("Some options have a weight and this one has none."),
                _l("Give every option a weight, e.g. %0% for a wrong one."),
            )
        for _, option in options:
            if option.weight is not None and (option.weight > 0) != option.marked and option.weight:
                block.error(
                    option.line,
                    "Q-WEIGHT-CONTRADICTS-MARK",
                    _l(
                        "A positive weight belongs to an option marked [x], a negative "
                        "one to an option marked [ ]."
                    ),
                )
        total = sum(o.weight for _, o in options if o.weight and o.weight > 0)
        if not missing and abs(total - 1) > 1e-6:
            block.error(
                block.heading_line,
                "Q-WEIGHTS-SUM",
                _l(
                    "The positive weights add up to %(total)s%%, not 100%%.",
                    total=number(total * 100),
                ),
                _l("Adjust the weights of the correct options so they total 100%."),
            )

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        return [
            plain(o["html"]) for o in public["options"] if unseal(public, o["id"]) in key["correct"]
        ]

    def grade_presented(self, key: dict[str, Any], response: Any, view: dict[str, Any]) -> Grade:
        return self.grade(key, _chosen_ids(response or [], view))

    def options(self, key: dict[str, Any], public: dict[str, Any]) -> list[ItemOption]:
        return [
            ItemOption(o["id"], o["html"], o["id"] in key["correct"]) for o in public["options"]
        ]

    def chosen(self, response: Any, view: dict[str, Any]) -> list[str]:
        return _chosen_ids(response or [], view)

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        chosen = {c for c in (response or []) if c in key["all"]}
        correct = set(key["correct"])
        if key["scoring"] == "all-or-nothing":
            fraction = 1.0 if chosen == correct else 0.0
        elif key["scoring"] == "weights":
            fraction = sum(key["weights"][c] for c in chosen)
        else:
            wrong_total = len(key["all"]) - len(correct)
            fraction = len(chosen & correct) / len(correct) - (
                len(chosen - correct) / wrong_total if wrong_total else 0
            )
        fraction = min(max(fraction, 0.0), 1.0)
        verdict = "correct" if fraction == 1.0 else "incorrect"
        return Grade(round(fraction, 6), _chosen_feedback(sorted(chosen)) + (verdict,))

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        lines = []
        for text, marked, option_feedback, weight in parsed.source["options"]:
            prefix = f"%{weight * 100:g}% " if weight is not None else ""
            lines.append(f"- [{'x' if marked else ' '}] {prefix}{text}")
            lines.extend(option_feedback_lines(option_feedback))
        return "\n".join(lines + feedback_markdown(parsed.source["blocks"]))

    def present(self, public, rng):
        return _present_options(public, rng)


TRUE_WORDS = {"benar": True, "true": True, "salah": False, "false": False}


class TrueFalse(QuestionType):
    """A statement that is true or false: ``= benar`` or ``= salah``."""

    id = "benar-salah"
    label = _l("True or false")
    aliases = ("true-false", "truefalse")
    max_answer_length = 100

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, set())
        part = split_answers(block)
        refuse_answers(block, part, {"equals"}, self.id)
        answers = [a for a in part.answers if a.kind == "equals"]
        value = None
        if len(answers) != 1:
            block.error(
                block.heading_line,
                "Q-TRUEFALSE-ANSWER",
                _l(
                    "A true/false question has exactly one answer line, = benar or "
                    "= salah; this one has %(count)d.",
                    count=len(answers),
                ),
            )
        elif answers[0].text.lower() not in TRUE_WORDS:
            block.error(
                answers[0].line,
                "Q-TRUEFALSE-ANSWER",
                _l("`%(text)s` is neither benar nor salah.", text=answers[0].text),
                _l("Write = benar or = salah (true and false also work)."),
            )
        else:
            value = TRUE_WORDS[answers[0].text.lower()]
        return ParsedQuestion(
            prompt_html=prompt(part),
            public={},
            key={"value": value},
            feedback=question_feedback(part),
            source={"stem": part.stem_text(), "value": value, "blocks": feedback_source(part)},
        )

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        return [str(_l("True") if key["value"] else _l("False"))]

    def present(self, public, rng):
        """True and false, in that order, each posting a token of this attempt."""
        sealed = seal(["true", "false"], rng)
        return {
            "options": [{"id": t, "value": word == "true"} for t, word in sealed.items()],
            "sealed": sealed,
        }

    def grade_presented(self, key: dict[str, Any], response: Any, view: dict[str, Any]) -> Grade:
        return self.grade(key, unseal(view, response))

    def options(self, key: dict[str, Any], public: dict[str, Any]) -> list[ItemOption]:
        return [
            ItemOption("true", str(_l("True")), key["value"] is True),
            ItemOption("false", str(_l("False")), key["value"] is False),
        ]

    def chosen(self, response: Any, view: dict[str, Any]) -> list[str]:
        return _chosen_ids(response, view)

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        given = TRUE_WORDS.get(str(response).lower()) if response is not None else None
        right = given is not None and given == key["value"]
        return Grade(1.0 if right else 0.0, ("correct" if right else "incorrect",))

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        answer = "= benar" if parsed.source["value"] else "= salah"
        return "\n".join([answer, *feedback_markdown(parsed.source["blocks"])])
