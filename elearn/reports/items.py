"""Item analysis of a quiz, from each learner's first graded attempt (what they knew
before retakes taught them the answers):

- facility: the mean fraction of the question's points earned (1 = everyone right);
- discrimination: the correlation between a learner's result on the question and their
  score on the rest of the quiz (corrected item-total correlation); near 0 the question
  tells strong and weak learners apart no better than chance, below 0 the weak do better;
- for questions with options (as their type names them), how often each was chosen.

A question is flagged when it looks broken: negative discrimination, a distractor that
nobody picks, or nobody right."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.content import question_type_lookup
from elearn.models import Attempt, CourseItem
from elearn.questions.types import ItemOption

MIN_LEARNERS = 5  # fewer first attempts than this say too little to flag anything

FLAGS = {
    "negative": _l("weak learners do better than strong ones: check the key"),
    "unpicked": _l("a distractor nobody picks: make it plausible or drop it"),
    "nobody-right": _l("nobody answered it right: check the key and the wording"),
}


@dataclass
class OptionCount:
    option_id: str
    html: str
    correct: bool
    chosen: int = 0


@dataclass
class ItemStats:
    key: str
    title: str
    type_id: str
    answered: int
    facility: float | None
    discrimination: float | None
    options: list[OptionCount] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def correlation(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r; None when either side does not vary."""
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


@dataclass(frozen=True)
class FirstAttempt:
    score: float
    results: dict[str, Any]
    responses: dict[str, Any]


def first_attempts(session: Session, course_id: int, item_key: str) -> list[FirstAttempt]:
    """Each learner's first fully graded attempt at the quiz, in one query (only the
    columns the analysis reads: an attempt's layout is large)."""
    first = (
        sa.select(Attempt.user_id, sa.func.min(Attempt.number).label("number"))
        .where(
            Attempt.course_id == course_id,
            Attempt.item_key == item_key,
            Attempt.state == "graded",
            Attempt.pending.is_(False),
        )
        .group_by(Attempt.user_id)
        .subquery()
    )
    rows = session.execute(
        sa.select(Attempt.score, Attempt.results, Attempt.responses).join(
            first,
            sa.and_(
                Attempt.user_id == first.c.user_id,
                Attempt.number == first.c.number,
                Attempt.course_id == course_id,
                Attempt.item_key == item_key,
            ),
        )
    )
    return [
        FirstAttempt(score or 0.0, results or {}, responses or {})
        for score, results, responses in rows
    ]


def analyse(item: CourseItem, attempts: list[FirstAttempt]) -> list[ItemStats]:
    """The statistics of each question of ``item`` (the quiz as it stands now)."""
    types = question_type_lookup(current_app)
    stats = []
    for question in item.questions:
        fractions, rest, picks = [], [], []
        for attempt in attempts:
            result = attempt.results.get(question.key)
            if result is None:
                continue  # not drawn for this learner (pools) or added since
            fraction = float(result.get("fraction") or 0)
            fractions.append(fraction)
            rest.append(attempt.score - fraction * question.points)
            picks.append(_picked(result, attempt.responses.get(question.key)))
        row = ItemStats(
            question.key,
            question.title,
            question.type_id,
            len(fractions),
            sum(fractions) / len(fractions) if fractions else None,
            correlation(fractions, rest),
        )
        question_type = types.get(question.type_id)
        options = (
            question_type.options(question.answer_key, question.public) if question_type else None
        )
        if options:
            row.options = _counted(options, picks)
        row.flags = _flags(row)
        stats.append(row)
    return stats


def _picked(result: dict[str, Any], response: Any) -> list[str]:
    """The option ids an attempt picked, as grading kept them; an attempt graded before
    options were sealed per attempt posted the ids themselves."""
    if "chosen" in result:
        return list(result["chosen"])
    return [
        r for r in (response if isinstance(response, list) else [response]) if isinstance(r, str)
    ]


def _counted(options: list[ItemOption], picks: list[list[str]]) -> list[OptionCount]:
    counts = Counter(option for picked in picks for option in set(picked))
    return [OptionCount(o.id, o.html, o.correct, counts[o.id]) for o in options]


def _flags(row: ItemStats) -> list[str]:
    if row.answered < MIN_LEARNERS:
        return []
    flags = []
    if row.discrimination is not None and row.discrimination < 0:
        flags.append("negative")
    if any(not o.correct and o.chosen == 0 for o in row.options):
        flags.append("unpicked")
    if row.facility == 0:
        flags.append("nobody-right")
    return flags
