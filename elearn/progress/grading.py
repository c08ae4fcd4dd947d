"""Grading a submitted attempt by its question types, from the stored layout and
responses alone, so that a re-grade gives the same result. A plugin's failure costs
only its question, which then waits for a trainer."""

from __future__ import annotations

import logging
import math
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from elearn.content import question_type_lookup
from elearn.content.published import PublishedQuestion, published_questions
from elearn.models import Attempt, Question

log = logging.getLogger(__name__)


def questions_of(
    session: Session, attempt: Attempt, with_keys: bool = True
) -> dict[int, Question] | dict[int, PublishedQuestion]:
    """The attempt's questions by id, read whole in one statement. ``with_keys=False``
    for the page of an open attempt: the quiz's questions as the process keeps them,
    which hold no answer key or feedback (reading one there raises)."""
    ids = [entry["id"] for entry in attempt.layout]
    if not with_keys:
        published = published_questions(session, attempt.item_id)
        return {i: published[i] for i in ids}
    return {q.id: q for q in session.scalars(_QUESTIONS_IN, {"ids": ids})}


_QUESTIONS_IN = sa.select(Question).where(Question.id.in_(sa.bindparam("ids", expanding=True)))


def grade_submitted(session: Session, attempt: Attempt) -> None:
    """Grade every question of a claimed attempt against its stored layout; a question
    a person must grade (or whose plugin failed) leaves the attempt pending."""
    attempt.results, attempt.score, attempt.pending = grade_responses(
        attempt.layout, questions_of(session, attempt), attempt.responses or {}
    )
    if attempt.pending:
        attempt.percent = attempt.passed = None
        return
    mark(attempt)


def grade_responses(
    layout: list[dict[str, Any]], questions: dict[int, Question], responses: dict[str, Any]
) -> tuple[dict[str, Any], float, bool]:
    """The results per question, the score and whether any answer waits for a person:
    from the layout and responses alone (a trainer's try-out of a draft stores nothing)."""
    types = question_type_lookup(current_app)
    results, score, pending = {}, 0.0, False
    for entry in layout:
        question = questions[entry["id"]]
        response = responses.get(entry["key"])
        question_type = types.get(question.type_id)
        try:
            grade = (
                question_type.grade_presented(question.answer_key, response, entry["view"])
                if question_type
                else None
            )
            chosen = question_type.chosen(response, entry["view"]) if question_type else []
        except Exception:  # a plugin's bug must not lose the attempt: a person grades it
            log.exception("grading %s failed", question.type_id)
            _report_grading_failure(question.type_id)
            pending = True
            results[entry["key"]] = {"fraction": None, "feedback": [], "failed": True}
            continue
        if grade is None or grade.fraction is None:
            pending = True
            results[entry["key"]] = {"fraction": None, "feedback": []}
            continue
        fraction = _fraction(grade.fraction)
        score += fraction * entry["points"]
        results[entry["key"]] = {
            "fraction": fraction,
            "feedback": list(grade.feedback),
            "details": finite(grade.details),
        }
        if chosen:
            results[entry["key"]]["chosen"] = list(chosen)
    return results, round(score, 4), pending


def _fraction(value: Any) -> float:
    """A grade's fraction kept in [0, 1]; one that is not a finite number (an answer
    that overflowed, say) earns nothing."""
    if not isinstance(value, int | float) or not math.isfinite(value):
        return 0.0
    return min(max(float(value), 0.0), 1.0)


def finite(value: Any) -> Any:
    """``value`` with every number that is not finite replaced by None, so that it is
    valid JSON on every database (a learner's 1e400 must not reach a JSON column)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def _report_grading_failure(type_id: str) -> None:
    from elearn.plugins import PluginError, get_host

    try:
        get_host(current_app).report_runtime_error(type_id, f"grading {type_id} failed")
    except PluginError:
        if current_app.config["PLUGINS_STRICT"]:
            raise


def mark(attempt: Attempt) -> None:
    attempt.percent = (
        round(100 * attempt.score / attempt.max_score, 2) if attempt.max_score else 100.0
    )
    attempt.passed = attempt.percent >= attempt.item.settings.get("passing_score", 70)
