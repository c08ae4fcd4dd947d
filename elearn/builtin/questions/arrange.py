"""Matching (``- kiri -> kanan``) and ordering (a numbered list in the right order)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from elearn.content.render import render_inline
from elearn.questions.answers import split_answers
from elearn.questions.helpers import (
    check_attributes,
    duplicates,
    feedback_markdown,
    feedback_source,
    form_parts,
    opaque_id,
    plain,
    prompt,
    question_feedback,
    refuse_answers,
    require_text,
    seal,
    unseal,
)
from elearn.questions.types import Grade, ParsedQuestion, QuestionBlock, QuestionType


class Matching(QuestionType):
    """Pairs ``- left -> right``; ``- -> right`` adds a distractor. Score: correct pairs
    over pairs."""

    id = "menjodohkan"
    label = _l("Matching")
    aliases = ("matching", "match")
    max_answer_length = 100  # each choice: a token of this attempt

    def response_from_form(self, form, name):
        return {left: right for left, right in form_parts(form, name).items() if right}

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, set())
        part = split_answers(block)
        refuse_answers(block, part, {"pair"}, self.id)
        pairs = [a for a in part.answers if a.kind == "pair"]
        real = [p for p in pairs if p.text]
        for pair in pairs:
            if not pair.right.strip():
                block.error(
                    pair.line, "Q-EMPTY-OPTION", _l("The right side of this pair is empty.")
                )
        if len(real) < 2:
            block.error(
                block.heading_line,
                "Q-TOO-FEW-PAIRS",
                _l(
                    "A matching question needs at least two pairs; this one has %(count)d.",
                    count=len(real),
                ),
            )
        duplicates(block, real)
        rights = sorted({p.right for p in pairs if p.right.strip()})
        right_ids = {text: opaque_id(block.title, "right", text) for text in rights}
        lefts = [
            {"id": opaque_id(block.title, "left", p.text), "html": render_inline(p.text)}
            for p in real
        ]
        return ParsedQuestion(
            prompt_html=prompt(part),
            public={
                "lefts": lefts,
                "rights": [{"id": right_ids[t], "html": render_inline(t)} for t in rights],
            },
            key={
                "pairs": {
                    left["id"]: right_ids.get(p.right) for left, p in zip(lefts, real, strict=True)
                }
            },
            feedback=question_feedback(part),
            source={
                "stem": part.stem_text(),
                "pairs": [(p.text, p.right) for p in pairs],
                "blocks": feedback_source(part),
            },
        )

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        rights = {unseal(public, r["id"]): plain(r["html"]) for r in public["rights"]}
        return [
            f"{plain(left['html'])} → {rights.get(key['pairs'].get(left['id']), '–')}"
            for left in public["lefts"]
        ]

    def grade_presented(self, key: dict[str, Any], response: Any, view: dict[str, Any]) -> Grade:
        response = response if isinstance(response, dict) else {}
        return self.grade(key, {left: unseal(view, right) for left, right in response.items()})

    def your_answer(self, key, public, view, response) -> list[str]:
        given = response if isinstance(response, dict) else {}
        rights = {r["id"]: plain(r["html"]) for r in view.get("rights", [])}
        return (
            [
                f"{plain(left['html'])} → {rights.get(given.get(left['id']), '–')}"
                for left in view.get("lefts", [])
            ]
            if given
            else []
        )

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        response = response if isinstance(response, dict) else {}
        results = {left: response.get(left) == right for left, right in key["pairs"].items()}
        fraction = round(sum(results.values()) / len(results), 6) if results else 0.0
        return Grade(fraction, ("correct" if fraction == 1 else "incorrect",), {"pairs": results})

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        lines = [
            f"- {left} -> {right}".replace("-  ->", "- ->")
            for left, right in parsed.source["pairs"]
        ]
        return "\n".join(lines + feedback_markdown(parsed.source["blocks"]))

    def present(self, public, rng):
        rights = list(public["rights"])
        rng.shuffle(rights)
        lefts = list(public["lefts"])
        rng.shuffle(lefts)
        sealed = seal([r["id"] for r in rights], rng)
        token = {real: value for value, real in sealed.items()}
        rights = [{**r, "id": token[r["id"]]} for r in rights]
        return {**public, "lefts": lefts, "rights": rights, "sealed": sealed}


ORDER_SCORING = {
    "semua-atau-tidak": "all-or-nothing",
    "all-or-nothing": "all-or-nothing",
    "posisi": "position",
    "position": "position",
}


class Ordering(QuestionType):
    """Items listed in the correct order as a numbered list (``tipe=urutan``)."""

    id = "urutan"
    label = _l("Ordering")
    aliases = ("ordering", "order")
    max_answer_length = 100  # each item's position

    def response_from_form(self, form, name):
        """Each item gets a position number (works without JavaScript)."""
        positions = [
            (int(value), item) for item, value in form_parts(form, name).items() if value.isdigit()
        ]
        return [item for _, item in sorted(positions)]

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, {"penilaian"})
        part = split_answers(block, ordered=True)
        refuse_answers(block, part, {"ordered"}, self.id)
        items = [a for a in part.answers if a.kind == "ordered"]
        for item in items:
            require_text(block, item)
        if len(items) < 2:
            block.error(
                block.heading_line,
                "Q-TOO-FEW-ITEMS",
                _l(
                    "An ordering question needs at least two items; this one has %(count)d.",
                    count=len(items),
                ),
            )
        duplicates(block, items)
        scoring = ORDER_SCORING.get((block.attrs.get("penilaian") or "semua-atau-tidak").lower())
        if scoring is None:
            block.error(
                block.heading_line,
                "Q-BAD-SCORING",
                _l("Unknown scoring `%(value)s`.", value=block.attrs["penilaian"]),
                _l("Use semua-atau-tidak or posisi."),
            )
        ids = [opaque_id(block.title, "item", item.text) for item in items]
        return ParsedQuestion(
            prompt_html=prompt(part),
            public={
                "items": sorted(
                    (
                        {"id": i, "html": render_inline(item.text)}
                        for i, item in zip(ids, items, strict=True)
                    ),
                    key=lambda entry: entry["id"],
                )
            },
            key={"order": ids, "scoring": scoring or "all-or-nothing"},
            feedback=question_feedback(part),
            source={
                "stem": part.stem_text(),
                "items": [item.text for item in items],
                "blocks": feedback_source(part),
            },
        )

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        texts = {unseal(public, entry["id"]): plain(entry["html"]) for entry in public["items"]}
        return [f"{position}. {texts[i]}" for position, i in enumerate(key["order"], 1)]

    def grade_presented(self, key: dict[str, Any], response: Any, view: dict[str, Any]) -> Grade:
        given = response if isinstance(response, list) else []
        return self.grade(key, [unseal(view, item) for item in given])

    def your_answer(self, key, public, view, response) -> list[str]:
        texts = {item["id"]: plain(item["html"]) for item in view.get("items", [])}
        given = response if isinstance(response, list) else []
        return [f"{n}. {texts.get(item, '–')}" for n, item in enumerate(given, start=1)]

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        given = list(response) if isinstance(response, list | tuple) else []
        order = key["order"]
        if key["scoring"] == "position":
            hits = sum(1 for i, item in enumerate(order) if i < len(given) and given[i] == item)
            fraction = round(hits / len(order), 6) if order else 0.0
        else:
            fraction = 1.0 if given == order else 0.0
        return Grade(fraction, ("correct" if fraction == 1 else "incorrect",))

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        lines = [f"{n}. {text}" for n, text in enumerate(parsed.source["items"], start=1)]
        return "\n".join(lines + feedback_markdown(parsed.source["blocks"]))

    def present(self, public, rng):
        items = list(public["items"])
        rng.shuffle(items)
        sealed = seal([item["id"] for item in items], rng)
        token = {real: value for value, real in sealed.items()}
        return {**public, "items": [{**i, "id": token[i["id"]]} for i in items], "sealed": sealed}
