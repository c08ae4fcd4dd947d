"""Short answer, fill-in-the-blanks (cloze) and essay."""

from __future__ import annotations

from functools import lru_cache
from itertools import islice
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from elearn.content.render import render_block
from elearn.patterns import PatternError, pattern
from elearn.questions.answers import split_answers
from elearn.questions.helpers import (
    answers_feedback,
    check_attributes,
    check_credit,
    equals_markdown,
    feedback_markdown,
    feedback_source,
    form_parts,
    normalise_text,
    prompt,
    question_feedback,
    refuse_answers,
    require_full_credit,
    require_text,
    seal,
    too_few_words,
    unseal,
)
from elearn.questions.types import Grade, ParsedQuestion, QuestionBlock, QuestionType

PATTERN = pattern(r"^/(?P<body>.+)/$")
BLANK = pattern(r"\[\[(?P<body>[^\[\]]*)\]\]")
BLANK_WEIGHT = pattern(r"^%(?P<weight>\d+(?:[.,]\d+)?)%")
MAX_RUBRIC_POINTS = 1000
RUBRIC_LINE = pattern(r"^[-*]\s+(?P<text>.+?)\s*\((?P<points>\d+(?:[.,]\d+)?)\)$")


@lru_cache(maxsize=256)
def _trainer_pattern(body: str, case_sensitive: bool):
    """A trainer's answer pattern, on RE2: linear in the answer whatever it says."""
    return pattern(body, ignore_case=not case_sensitive)


def _text_answer_matches(answer: dict[str, Any], given: str, case_sensitive: bool) -> bool:
    if answer["kind"] == "pattern":
        try:
            matcher = _trainer_pattern(answer["value"], case_sensitive)
        except PatternError:  # stored before patterns ran on RE2: it matches nothing
            return False
        return matcher.fullmatch(given.strip()) is not None
    if answer["kind"] == "any":
        return True
    return normalise_text(answer["value"], case_sensitive) == normalise_text(given, case_sensitive)


class ShortAnswer(QuestionType):
    """A word or phrase: ``= jawaban`` lines, ``= /pola/`` patterns, ``= *`` for the rest."""

    id = "isian"
    label = _l("Short answer")
    aliases = ("short", "short-answer")
    max_answer_length = 500

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, {"huruf"})
        case_sensitive = (block.attrs.get("huruf") or "").lower() in {"peka", "sensitive"}
        if (
            "huruf" in block.attrs
            and not case_sensitive
            and block.attrs["huruf"].lower() not in {"bebas", "insensitive"}
        ):
            block.error(
                block.heading_line, "Q-BAD-CASE", _l("huruf= takes peka (case-sensitive) or bebas.")
            )
        part = split_answers(block)
        refuse_answers(block, part, {"equals"}, self.id)
        answers = []
        for index, line in enumerate(a for a in part.answers if a.kind == "equals"):
            if not require_text(block, line):
                continue
            found = PATTERN.match(line.text)
            kind, value = (
                ("any", "*")
                if line.text == "*"
                else (("pattern", found.group("body")) if found else ("text", line.text))
            )
            if kind == "pattern":
                try:
                    _trainer_pattern(value, True)
                except PatternError as exc:
                    block.error(
                        line.line,
                        "Q-BAD-PATTERN",
                        _l(
                            "The pattern is not a valid regular expression: %(error)s",
                            error=str(exc),
                        ),
                        _l(
                            "Patterns are matched in linear time (RE2): backreferences such "
                            "as \\1 and lookarounds such as (?=...) are not available."
                        ),
                    )
            credit = (
                0.0
                if kind == "any" and line.weight is None
                else (1.0 if line.weight is None else line.weight)
            )
            check_credit(block, line.line, credit)
            answers.append(
                {
                    "id": f"a{index}",
                    "kind": kind,
                    "value": value,
                    "credit": credit,
                    "feedback": line.feedback,
                    "weight": line.weight,
                }
            )
        require_full_credit(
            block,
            answers,
            _l("Add a line = jawaban for the correct answer."),
        )
        return ParsedQuestion(
            prompt_html=prompt(part),
            public={},
            key={
                "answers": [{k: a[k] for k in ("id", "kind", "value", "credit")} for a in answers],
                "case_sensitive": case_sensitive,
            },
            feedback=answers_feedback(part, answers),
            source={
                "stem": part.stem_text(),
                "answers": [
                    (
                        a["value"] if a["kind"] != "pattern" else f"/{a['value']}/",
                        a["weight"],
                        a["feedback"],
                    )
                    for a in answers
                ],
                "blocks": feedback_source(part),
            },
        )

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        full = [a for a in key["answers"] if a["credit"] >= 1]
        return [a["value"] for a in full if a["kind"] != "pattern"] or [
            f"/{a['value']}/" for a in full
        ]

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        given = str(response or "")
        if given.strip():
            for answer in key["answers"]:  # the first matching answer wins
                if _text_answer_matches(answer, given, key["case_sensitive"]):
                    verdict = "correct" if answer["credit"] == 1.0 else "incorrect"
                    return Grade(answer["credit"], (f"answer:{answer['id']}", verdict))
        return Grade(0.0, ("incorrect",))

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        return equals_markdown(parsed.source)


class Cloze(QuestionType):
    """A passage with blanks: ``[[jawaban|alternatif]]`` to type, ``[[(benar)|salah]]`` to
    pick from a list; ``[[%2%jawaban]]`` weighs a blank double."""

    id = "isian-rumpang"
    label = _l("Fill in the blanks")
    aliases = ("cloze", "blanks")
    max_answer_length = 200  # each blank

    def response_from_form(self, form, name):
        return form_parts(form, name)

    def present(self, public, rng):
        """Each drop-down's options post tokens of this attempt, not their text."""
        choices = [b for b in public["blanks"] if b["kind"] == "choice"]
        sealed = seal([option for b in choices for option in b["options"]], rng)
        tokens = iter(sealed.items())
        blanks = [
            {**b, "options": [{"id": t, "text": o} for t, o in islice(tokens, len(b["options"]))]}
            if b["kind"] == "choice"
            else b
            for b in public["blanks"]
        ]
        return {**public, "blanks": blanks, "sealed": sealed}

    def grade_presented(self, key: dict[str, Any], response: Any, view: dict[str, Any]) -> Grade:
        given = dict(response) if isinstance(response, dict) else {}
        for blank in view.get("blanks", []):
            if blank["kind"] == "choice" and blank["id"] in given:
                given[blank["id"]] = unseal(view, given[blank["id"]]) or ""
        return self.grade(key, given)

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, {"huruf", "acak"})
        part = split_answers(block)
        refuse_answers(block, part, set(), self.id)
        stem = part.stem_text()
        blanks, public_blanks = [], []
        for line in part.stem:
            for found in BLANK.finditer(line.text):
                blank = self._blank(block, line.number, found.start() + 1, found.group("body"))
                if blank:
                    blanks.append(blank)
        if not blanks:
            block.error(
                block.heading_line,
                "Q-NO-BLANKS",
                _l("A fill-in-the-blanks question needs at least one [[blank]]."),
            )
        counter = iter(range(1, len(blanks) + 1))
        html = render_block(BLANK.sub(lambda _m: f"{{{{blank:{next(counter, 0)}}}}}", stem))
        for number, blank in enumerate(blanks, start=1):
            public_blanks.append(
                {
                    "id": str(number),
                    "kind": blank["kind"],
                    "options": sorted(blank["options"]) if blank["options"] else [],
                }
            )
            blank["id"] = str(number)
        return ParsedQuestion(
            prompt_html=html,
            public={"blanks": public_blanks},
            key={
                "blanks": blanks,
                "case_sensitive": (block.attrs.get("huruf") or "").lower() == "peka",
            },
            feedback=question_feedback(part),
            source={"stem": stem, "blocks": feedback_source(part)},
        )

    @staticmethod
    def _blank(block, line, column, body) -> dict[str, Any] | None:
        weight = 1.0
        found = BLANK_WEIGHT.match(body)
        if found:
            weight = float(found.group("weight").replace(",", "."))
            body = body[found.end() :]
        choices = [c.strip() for c in body.split("|")]
        if not body.strip() or any(not c for c in choices):
            block.error(
                line,
                "Q-EMPTY-BLANK",
                _l("A blank or one of its alternatives is empty."),
                _l("Write the answer inside the brackets: [[jawaban]]."),
                column=column,
            )
            return None
        marked = [c for c in choices if c.startswith("(") and c.endswith(")")]
        if marked:
            if len(marked) != 1:
                block.error(
                    line,
                    "Q-BLANK-CHOICE",
                    _l("A drop-down blank marks exactly one choice with ( )."),
                    column=column,
                )
                return None
            options = [c[1:-1] if c in marked else c for c in choices]
            return {
                "kind": "choice",
                "accepted": [marked[0][1:-1]],
                "options": options,
                "weight": weight,
            }
        return {"kind": "text", "accepted": choices, "options": [], "weight": weight}

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        return [f"[{blank['id']}] {' / '.join(blank['accepted'])}" for blank in key["blanks"]]

    def your_answer(self, key, public, view, response) -> list[str]:
        given = response if isinstance(response, dict) else {}
        lines = []
        for blank in view.get("blanks", []):
            value = str(given.get(blank["id"]) or "")
            texts = {o["id"]: o["text"] for o in blank.get("options", []) if isinstance(o, dict)}
            lines.append(f"[{blank['id']}] {texts.get(value, value) or '–'}")
        return lines if any(given.values()) else []

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        response = response if isinstance(response, dict) else {}
        total = sum(b["weight"] for b in key["blanks"]) or 1
        earned, results = 0.0, {}
        for blank in key["blanks"]:
            given = str(response.get(blank["id"], ""))
            right = any(
                normalise_text(a, key["case_sensitive"])
                == normalise_text(given, key["case_sensitive"])
                for a in blank["accepted"]
            )
            results[blank["id"]] = right
            earned += blank["weight"] if right else 0
        fraction = round(earned / total, 6)
        return Grade(fraction, ("correct" if fraction == 1 else "incorrect",), {"blanks": results})

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        return "\n".join(feedback_markdown(parsed.source["blocks"]))


class Essay(QuestionType):
    """Free text graded by a trainer, optionally against a ``> [!rubrik]`` list."""

    id = "esai"
    label = _l("Essay")
    aliases = ("essay",)
    max_answer_length = 20_000

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, {"kata_min", "min_words"})
        part = split_answers(block)
        refuse_answers(block, part, set(), self.id)
        minimum = block.attrs.get("kata_min") or block.attrs.get("min_words") or "0"
        if not minimum.isdigit():
            block.error(
                block.heading_line, "Q-BAD-MIN-WORDS", _l("kata_min takes a whole number of words.")
            )
            minimum = "0"
        rubric = []
        if "rubric" in part.blocks:
            line, text = part.blocks["rubric"]
            for item in filter(str.strip, text.split("\n")):
                found = RUBRIC_LINE.match(item.strip())
                if not found:
                    block.error(
                        line,
                        "Q-BAD-RUBRIC",
                        _l("Each rubric line reads `- criterion (points)`."),
                        _l("For example: - Menyebut dasar hukum (2)"),
                    )
                    continue
                points = float(found.group("points").replace(",", "."))
                if points > MAX_RUBRIC_POINTS:
                    block.error(
                        line,
                        "Q-BAD-RUBRIC",
                        lazy_ngettext(
                            "A rubric criterion is worth at most %(num)d point.",
                            "A rubric criterion is worth at most %(num)d points.",
                            MAX_RUBRIC_POINTS,
                        ),
                    )
                    continue
                rubric.append({"text": found.group("text"), "points": points})
        return ParsedQuestion(
            prompt_html=prompt(part),
            public={"min_words": int(minimum)},
            key={"rubric": rubric},
            feedback={**question_feedback(part), "rubric": rubric},
            source={"stem": part.stem_text(), "blocks": feedback_source(part)},
        )

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        return Grade(None)  # a trainer grades it

    def submit_problem(self, view: dict[str, Any], response: Any) -> str | None:
        return too_few_words(view.get("min_words") or 0, response)

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        return "\n".join(feedback_markdown(parsed.source["blocks"]))
