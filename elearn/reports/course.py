"""One course's report for its trainers: who is enrolled, in progress, completed or
stuck; how far learners are; how the quizzes went; each learner's path. Every figure
comes from a fixed number of queries, whatever the number of learners."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.models import Attempt, CourseVersion, Enrolment, ItemProgress, User
from elearn.models.types import LOCAL_TIME, aware, utcnow

PROGRESS_BINS = ("0%", "1–25%", "26–50%", "51–75%", "76–99%", "100%")
SCORE_BINS = tuple(f"{low}–{low + 9 if low < 90 else 100}" for low in range(0, 100, 10))


@dataclass(frozen=True)
class LearnerRow:
    user_id: int
    name: str
    nip: str
    enrolled_at: datetime
    last_activity_at: datetime
    completed_at: datetime | None
    done: int
    required: int
    stuck: bool

    @property
    def percent(self) -> int:
        if self.completed_at is not None:
            return 100
        return round(100 * self.done / self.required) if self.required else 0


@dataclass
class QuizStats:
    key: str
    title: str
    learners: int = 0
    attempts: int = 0
    passed: int = 0
    mean: float = 0.0
    histogram: list[int] | None = None

    @property
    def pass_rate(self) -> float:
        return 100 * self.passed / self.learners if self.learners else 0.0


@dataclass
class CourseReport:
    learners: list[LearnerRow]
    quizzes: list[QuizStats]
    completions_by_month: list[tuple[str, int]]
    stuck_days: int

    @property
    def counts(self) -> dict[str, int]:
        done = sum(1 for r in self.learners if r.completed_at is not None)
        stuck = sum(1 for r in self.learners if r.stuck)
        return {
            "enrolled": len(self.learners),
            "completed": done,
            "in_progress": len(self.learners) - done,
            "stuck": stuck,
        }

    @property
    def progress_histogram(self) -> list[int]:
        bins = Counter(_progress_bin(r.percent) for r in self.learners)
        return [bins[n] for n in range(len(PROGRESS_BINS))]


def _progress_bin(percent: int) -> int:
    if percent <= 0:
        return 0
    if percent >= 100:
        return 5
    return min(4, 1 + (percent - 1) // 25)


def score_bin(percent: float) -> int:
    return min(9, int(percent // 10))


def course_report(
    session: Session, course_id: int, version: CourseVersion, stuck_days: int
) -> CourseReport:
    required = {item.key for item in version.items if item.required}
    done = sa.func.count(ItemProgress.id).filter(
        ItemProgress.completed_at.is_not(None), ItemProgress.item_key.in_(required or {""})
    )
    rows = session.execute(
        sa.select(
            Enrolment.user_id,
            User.full_name,
            User.nip,
            Enrolment.enrolled_at,
            Enrolment.last_activity_at,
            Enrolment.completed_at,
            done,
        )
        .join(User, User.id == Enrolment.user_id)
        .outerjoin(ItemProgress, ItemProgress.enrolment_id == Enrolment.id)
        .where(Enrolment.course_id == course_id)
        .group_by(
            Enrolment.id,
            Enrolment.user_id,
            User.full_name,
            User.nip,
            Enrolment.enrolled_at,
            Enrolment.last_activity_at,
            Enrolment.completed_at,
        )
        .order_by(User.full_name)
    )
    quiet_since = utcnow() - timedelta(days=stuck_days)
    learners = [
        LearnerRow(
            user_id,
            name,
            nip or "",
            enrolled,
            last,
            completed,
            count,
            len(required),
            completed is None and aware(last) < quiet_since,
        )
        for user_id, name, nip, enrolled, last, completed, count in rows
    ]
    months = Counter(
        aware(r.completed_at).astimezone(LOCAL_TIME).strftime("%Y-%m")
        for r in learners
        if r.completed_at is not None
    )
    return CourseReport(
        learners,
        quiz_stats(session, course_id, version),
        _last_months(months, 12),
        stuck_days,
    )


def _last_months(counts: Counter, how_many: int) -> list[tuple[str, int]]:
    now = utcnow().astimezone(LOCAL_TIME)
    year, month = now.year, now.month
    months = []
    for _ in range(how_many):
        label = f"{year:04d}-{month:02d}"
        months.append((label, counts.get(label, 0)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def quiz_stats(session: Session, course_id: int, version: CourseVersion) -> list[QuizStats]:
    """Per quiz: learners who finished an attempt, attempts, how many passed, the mean
    and spread of the score that counts (best or last, as the quiz says)."""
    quizzes = {item.key: item for item in version.items if item.kind == "quiz"}
    counted: dict[tuple[str, int], tuple[float, bool]] = {}
    attempts: Counter = Counter()
    for item_key, user_id, percent, passed in session.execute(
        sa.select(Attempt.item_key, Attempt.user_id, Attempt.percent, Attempt.passed)
        .where(
            Attempt.course_id == course_id,
            Attempt.state == "graded",
            Attempt.pending.is_(False),
        )
        .order_by(Attempt.number)
    ):
        item = quizzes.get(item_key)
        if item is None or percent is None:
            continue
        attempts[item_key] += 1
        key = (item_key, user_id)
        best = item.settings.get("score_counts", "best") == "best"
        if key not in counted or not best or percent >= counted[key][0]:
            counted[key] = (percent, bool(passed))
    stats = []
    for item_key, item in quizzes.items():
        scores = [value for (key, _user), value in counted.items() if key == item_key]
        histogram = [0] * len(SCORE_BINS)
        for percent, _passed in scores:
            histogram[score_bin(percent)] += 1
        stats.append(
            QuizStats(
                item_key,
                item.title,
                learners=len(scores),
                attempts=attempts[item_key],
                passed=sum(1 for _p, passed in scores if passed),
                mean=sum(p for p, _ in scores) / len(scores) if scores else 0.0,
                histogram=histogram,
            )
        )
    return stats
