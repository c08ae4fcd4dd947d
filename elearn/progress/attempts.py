"""Quiz attempts: start (seeded draw and shuffle), save answers, submit and grade once.

Every refusal raises ``AttemptRefused`` with a reason the page shows; nothing is half
written. Grading runs on the server from the stored layout and responses, so an attempt
can be re-graded and shown again exactly as the learner saw it.
"""

from __future__ import annotations

import random
import secrets
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import set_committed_value

from elearn.content import question_type_lookup
from elearn.content.published import published_questions
from elearn.db import COMMITS_ALONE, writing
from elearn.jobs import periodic
from elearn.models import (
    Attempt,
    AttemptGrant,
    Course,
    CourseItem,
    CourseTrainer,
    Enrolment,
    User,
)
from elearn.models.types import aware, utcnow
from elearn.notifications import notify
from elearn.progress.courses import _progress, check_completion
from elearn.progress.events import record_event
from elearn.progress.grading import grade_submitted, mark

GRACE = timedelta(seconds=30)  # a save in flight when the time runs out still counts


def new_seed() -> int:
    """A fresh attempt's seed: its draw, order and option tokens all follow from it."""
    return secrets.randbits(31)


class AttemptRefused(Exception):
    """Why an attempt cannot be started, changed or submitted (``reason`` is a code)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def attempts_of(session: Session, user: User, enrolment: Enrolment, item_key: str) -> list[Attempt]:
    return list(
        session.scalars(
            sa.select(Attempt)
            .where(
                Attempt.user_id == user.id,
                Attempt.course_id == enrolment.course_id,
                Attempt.item_key == item_key,
            )
            .order_by(Attempt.number)
        )
    )


def attempts_allowed(session: Session, user_id: int, course_id: int, item: Any) -> int:
    """How many attempts the learner may make at the quiz: its own number plus any
    extra attempts granted to them (0: as many as they like)."""
    allowed = item.settings.get("attempts") or 0
    if not allowed:
        return 0
    granted = session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(AttemptGrant.extra), 0)).where(
            AttemptGrant.user_id == user_id,
            AttemptGrant.course_id == course_id,
            AttemptGrant.item_key == item.key,
        )
    )
    return allowed + int(granted or 0)


def counted_score(attempts: list[Attempt], rule: str) -> float | None:
    """The score that counts for the quiz: the best or the last graded attempt's."""
    graded = [a.percent for a in attempts if a.state == "graded" and a.percent is not None]
    if not graded:
        return None
    return max(graded) if rule == "best" else graded[-1]


def new_attempt_refusal(attempts: list[Attempt], allowed: int, rule: str) -> str | None:
    """Why the quiz's page does not offer another attempt, or None when it does (an
    open attempt is always resumed): one still waits for a grade, the score that counts
    is already full marks, or every allowed attempt is used. Only the last is a limit
    ``start_attempt`` enforces; the others would only waste the learner's time."""
    if any(a.open for a in attempts):
        return None
    if any(a.pending for a in attempts):
        return "grading-pending"
    counted = counted_score(attempts, rule)
    if counted is not None and counted >= 100:
        return "full-marks"
    if allowed and len(attempts) >= allowed:
        return "no-attempts-left"
    return None


def grant_attempts(
    session: Session,
    grantor: User,
    learner: User,
    course: Course,
    item_key: str,
    extra: int,
    reason: str,
) -> AttemptGrant:
    """Give ``learner`` ``extra`` more attempts at the quiz, with the reason."""
    grant = AttemptGrant(
        user_id=learner.id,
        course_id=course.id,
        item_key=item_key,
        extra=extra,
        reason=reason,
        granted_by_id=grantor.id,
    )
    session.add(grant)
    return grant


def start_attempt(session: Session, user: User, enrolment: Enrolment, item: CourseItem) -> Attempt:
    """Resume the open attempt, or start a new one if the quiz allows another."""
    if item.kind != "quiz":
        raise AttemptRefused("not-a-quiz")
    previous = attempts_of(session, user, enrolment, item.key)
    for attempt in previous:
        if attempt.open:
            if not close_if_expired(session, user, attempt):
                return attempt
    allowed = attempts_allowed(session, user.id, enrolment.course_id, item)
    if allowed and len(previous) >= allowed:
        raise AttemptRefused("no-attempts-left")
    seed = new_seed()
    now = utcnow()
    limit = item.settings.get("time_limit")
    attempt = Attempt(
        user_id=user.id,
        course_id=enrolment.course_id,
        item_key=item.key,
        item_id=item.id,
        number=len(previous) + 1,
        seed=seed,
        started_at=now,
        deadline=now + timedelta(minutes=limit) if limit else None,
        layout=build_layout(item, seed),
        responses={},
        revision=0,
    )
    attempt.max_score = sum(entry["points"] for entry in attempt.layout)
    session.add(attempt)
    try:
        session.flush()
    except sa.exc.IntegrityError:  # a concurrent start won; use its attempt
        session.rollback()
        return next(a for a in attempts_of(session, user, enrolment, item.key) if a.open)
    record_event(
        session,
        actor=user,
        verb="attempted",
        object_type="quiz",
        object_id=f"{enrolment.course.key}/{item.key}",
        context={"attempt": attempt.number},
    )
    return attempt


def build_layout(item: CourseItem, seed: int) -> list[dict[str, Any]]:
    """Draw from the pools, order the questions and present each one, from ``seed``."""
    rng = random.Random(seed)
    settings = item.settings
    questions = list(item.questions)
    drawn: set[str] = set()
    for pool in settings.get("pools", []):
        drawn |= set(rng.sample(pool["questions"], pool["draw"]))
    pooled = {key for pool in settings.get("pools", []) for key in pool["questions"]}
    chosen = [q for q in questions if q.key not in pooled or q.key in drawn]
    if settings.get("shuffle_questions"):
        rng.shuffle(chosen)
    types = question_type_lookup(current_app)
    layout = []
    for question in chosen:
        public = dict(question.public)
        if not settings.get("shuffle_options", True):
            public["shuffle"] = False
        question_type = types.get(question.type_id)
        view = question_type.present(public, rng) if question_type else public
        layout.append(
            {"key": question.key, "id": question.id, "points": question.points, "view": view}
        )
    return layout


def close_if_expired(session: Session, user: User, attempt: Attempt) -> bool:
    """Grade an open attempt whose time is up on its saved answers; True if it did."""
    if attempt.open and attempt.deadline and utcnow() > aware(attempt.deadline) + GRACE:
        writing()  # a page view may be what closes it
        submit_attempt(session, user, attempt)
        return True
    return False


@periodic("attempts_closed")
def close_expired_attempts(session: Session) -> int:
    """Grade every open attempt whose time (and grace) ran out; how many were closed.
    The caller commits."""
    limit = utcnow() - GRACE
    expired = session.scalars(
        sa.select(Attempt).where(Attempt.state == "open", Attempt.deadline < limit)
    ).all()
    users = {
        u.id: u
        for u in session.scalars(sa.select(User).where(User.id.in_({a.user_id for a in expired})))
    }
    return sum(close_if_expired(session, users[a.user_id], a) for a in expired)


def save_answers(
    session: Session,
    user: User,
    attempt: Attempt,
    answers: dict[str, Any],
    revision: int | None,
) -> int:
    """Merge ``answers`` into the attempt; returns the new revision."""
    if attempt.user_id != user.id:
        raise AttemptRefused("not-yours")
    if close_if_expired(session, user, attempt):
        raise AttemptRefused("time-is-up")
    if not attempt.open:
        raise AttemptRefused("already-submitted")
    if revision is not None and revision != attempt.revision:
        raise AttemptRefused("stale-form")
    merged = dict(attempt.responses or {})
    merged.update(_updated_responses(attempt, merged, answers))
    if session.autoflush:  # as session.execute would: pending changes go first
        session.flush()
    updated = session.connection().execute(
        _SAVE,
        {
            "attempt": attempt.id,
            "seen": attempt.revision,
            "saved": merged,
            "next": attempt.revision + 1,
        },
    )
    if updated.rowcount != 1:
        session.rollback()
        raise AttemptRefused("stale-form")
    # what the row now holds, without marking the attempt changed (nothing read back)
    set_committed_value(attempt, "responses", merged)
    set_committed_value(attempt, "revision", attempt.revision + 1)
    return attempt.revision


# Built once, sent as a table's UPDATE on the session's connection, and the object
# updated by hand: building the UPDATE and letting the ORM find and update the attempt
# in the session was a quarter of an answer save, and the ORM's bulk update path a
# seventh after that.
_ATTEMPTS = Attempt.__table__
_SAVE = (
    sa.update(_ATTEMPTS)
    .where(
        _ATTEMPTS.c.id == sa.bindparam("attempt"),
        _ATTEMPTS.c.state == "open",
        _ATTEMPTS.c.revision == sa.bindparam("seen"),
    )
    .values(
        responses=sa.bindparam("saved", type_=_ATTEMPTS.c.responses.type),
        revision=sa.bindparam("next"),
    )
    .execution_options(**COMMITS_ALONE)
)


def _updated_responses(
    attempt: Attempt, saved: dict[str, Any], answers: dict[str, Any]
) -> dict[str, Any]:
    """What each posted answer makes of its question's saved response: the type decides
    (a branching scenario takes one step at a time); answers to questions the attempt
    does not hold are dropped. The questions' types are the quiz's as the process keeps
    it (no statement)."""
    types = question_type_lookup(current_app)
    questions = published_questions(object_session(attempt), attempt.item_id)
    updated = {}
    for entry in attempt.layout:
        if entry["key"] not in answers:
            continue
        question_type = types.get(questions[entry["id"]].type_id)
        posted = answers[entry["key"]]
        updated[entry["key"]] = (
            question_type.update_response(saved.get(entry["key"]), posted, entry["view"])
            if question_type
            else posted
        )
    return updated


def submit_attempt(
    session: Session, user: User, attempt: Attempt, revision: int | None = None
) -> Attempt:
    """Grade the attempt once: a second or concurrent submit returns the graded one."""
    if attempt.user_id != user.id:
        raise AttemptRefused("not-yours")
    if not attempt.open:
        return attempt
    if revision is not None and revision != attempt.revision:
        raise AttemptRefused("stale-form")
    claimed = session.execute(
        sa.update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.state == "open")
        .values(state="grading")
    )
    if claimed.rowcount != 1:
        session.rollback()
        session.refresh(attempt)
        return attempt
    session.refresh(attempt)
    grade_submitted(session, attempt)
    attempt.state = "graded"
    attempt.submitted_at = utcnow()
    course_key = session.scalar(sa.select(Course.key).where(Course.id == attempt.course_id))
    record_event(
        session,
        actor=user,
        verb="passed" if attempt.passed else ("submitted" if attempt.pending else "failed"),
        object_type="quiz",
        object_id=f"{course_key}/{attempt.item_key}",
        result={
            "score": attempt.score,
            "max": attempt.max_score,
            "percent": attempt.percent,
            "passed": attempt.passed,
        },
        context={"attempt": attempt.number},
    )
    if attempt.pending:
        _tell_trainers(session, user, attempt)
    if attempt.passed:
        credit_pass(session, user, attempt)
    return attempt


def _tell_trainers(session: Session, learner: User, attempt: Attempt) -> None:
    """The course's trainers hear of answers waiting for their grade."""
    trainers = session.scalars(
        sa.select(User)
        .join(CourseTrainer, CourseTrainer.user_id == User.id)
        .where(CourseTrainer.course_id == attempt.course_id, User.active.is_(True))
    )
    for trainer in trainers:
        notify(
            session,
            trainer,
            "grading.waiting",
            "author.grade",
            {"attempt_id": attempt.id},
            learner=learner.full_name,
            quiz=attempt.item.title,
            course=attempt.item.version.title,
        )


def grade_by_hand(
    session: Session, grader: User, attempt: Attempt, grades: dict[str, tuple[float, str]]
) -> Attempt:
    """A trainer's grades for the questions waiting for one: ``{key: (points, comment)}``.
    When none waits any more the attempt gets its score and pass mark, and a pass may
    complete the learner's course."""
    if attempt.state != "graded":
        raise AttemptRefused("not-submitted")
    points = {entry["key"]: entry["points"] for entry in attempt.layout}
    results = dict(attempt.results or {})
    for key, (given, comment) in grades.items():
        if key not in points or results.get(key, {}).get("fraction") is not None:
            continue
        fraction = min(max(given / points[key], 0.0), 1.0) if points[key] else 1.0
        results[key] = {
            **results.get(key, {}),
            "fraction": fraction,
            "comment": comment.strip(),
            "graded_by": grader.id,
        }
    attempt.results = results
    attempt.score = round(
        sum((results[k].get("fraction") or 0) * p for k, p in points.items() if k in results), 4
    )
    attempt.pending = any(results.get(k, {}).get("fraction") is None for k in points)
    if not attempt.pending:
        mark(attempt)
    learner = session.get(User, attempt.user_id)
    record_event(
        session,
        actor=grader,
        verb="scored",
        object_type="attempt",
        object_id=attempt.id,
        result={"score": attempt.score, "pending": attempt.pending, "passed": attempt.passed},
        context={"learner": learner.id, "quiz": attempt.item_key},
    )
    if not attempt.pending:
        notify(
            session,
            learner,
            "attempt.graded",
            "learn.attempt",
            {"attempt_id": attempt.id},
            quiz=attempt.item.title,
            course=attempt.item.version.title,
            percent=attempt.percent,
        )
    if attempt.passed:
        credit_pass(session, learner, attempt)
    return attempt


def credit_pass(session: Session, user: User, attempt: Attempt) -> None:
    """A passed quiz is done, and may complete the course."""
    enrolment = session.scalar(
        sa.select(Enrolment).where(
            Enrolment.user_id == user.id, Enrolment.course_id == attempt.course_id
        )
    )
    if enrolment is None:
        return
    row = _progress(session, enrolment, attempt.item)
    row.completed_at = row.completed_at or utcnow()
    check_completion(session, user, enrolment)
