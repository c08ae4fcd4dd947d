"""Before an attempt is submitted: which questions are unanswered (the learner is asked
to confirm) and which responses may not be submitted as they stand (a reflection
shorter than its minimum: the learner is told why, and no attempt is used up)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from elearn.content import question_type_lookup
from elearn.models import Attempt, Question


def answered(value: Any) -> bool:
    """Whether a saved response holds anything the learner gave."""
    if isinstance(value, dict):
        return any(answered(v) for v in value.values())
    if isinstance(value, list):
        return any(answered(v) for v in value)
    return value not in (None, "")


@dataclass(frozen=True)
class Blocked:
    position: int
    key: str
    title: str
    reason: str


@dataclass
class SubmitCheck:
    """``unanswered``: (position, key, title) of each question left empty; ``blocked``:
    each response that may not be submitted, with the type's reason."""

    unanswered: list[tuple[int, str, str]] = field(default_factory=list)
    blocked: list[Blocked] = field(default_factory=list)

    @property
    def clear(self) -> bool:
        return not self.unanswered and not self.blocked


def submit_check(attempt: Attempt, questions: dict[int, Question]) -> SubmitCheck:
    """What stands between the attempt's saved responses and a submit."""
    types = question_type_lookup(current_app)
    check = SubmitCheck()
    responses = attempt.responses or {}
    for position, entry in enumerate(attempt.layout, start=1):
        question = questions[entry["id"]]
        response = responses.get(entry["key"])
        if not answered(response):
            check.unanswered.append((position, entry["key"], question.title))
            continue
        question_type = types.get(question.type_id)
        reason = question_type.submit_problem(entry["view"], response) if question_type else None
        if reason:
            check.blocked.append(Blocked(position, entry["key"], question.title, str(reason)))
    return check
