"""An event's test: one quiz file in the course format (``jenis: kuis`` front matter,
the same question types, checked by the same compiler with line-numbered errors), taken
once before the event (the pre-test) and after it (the post-test, as many times as its
``percobaan`` allows), so the report shows what participants gained.

Attempts reuse the learner's machinery: a layout drawn from a seed (option values
sealed per attempt, so the page reveals no key), answers read and graded from the layout
alone, as a trainer's try-out is. The compiled test is cached per process by its text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.content.diagnostics import Diagnostic
from elearn.content.store import check_files, preview_version
from elearn.models import EventTestAttempt, TrainingEvent, User
from elearn.models.types import utcnow
from elearn.progress.attempts import build_layout, new_seed
from elearn.progress.grading import grade_responses

TEST_FILE = "tes.md"
GRADED_BY_HAND = {"esai"}  # the core's essay: an event has no grading queue
CACHED = 64
TEMPLATE = """---
jenis: kuis
judul: Tes kegiatan
nilai_lulus: 70
percobaan: 3
---
## Contoh soal
Dokumen yang memuat rencana pendapatan dan belanja daerah selama satu tahun adalah ...

- [x] APBD
- [ ] RPJMD
"""


@dataclass(frozen=True)
class CompiledTest:
    item: Any  # a CourseItem never stored, as a trainer's preview builds it
    questions: dict[int, Any]
    sha256: str

    @property
    def passing_score(self) -> float:
        return self.item.settings.get("passing_score", 70)

    @property
    def attempts(self) -> int:
        """Post-test attempts allowed; 0 for no limit."""
        return self.item.settings.get("attempts", 0)


def sha256_of(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()


def _files(source: str) -> dict[str, bytes]:
    course = (
        "---\nid: tes-kegiatan\njudul: Tes kegiatan\njenis: umum\nkompetensi: teknis\njp: 1\n---\n"
    )
    return {"kursus.md": course.encode(), TEST_FILE: source.encode()}


def compile_test(app: Flask, source: str) -> tuple[CompiledTest | None, list[Diagnostic]]:
    """The test, or None with the problems of its text (file ``tes.md``, by line)."""
    cache = app.extensions.setdefault("elearn.event_tests", {})
    key = sha256_of(source)
    if key in cache:
        return cache[key]
    files = _files(source)
    compiled, report = check_files(app, files)
    problems = [d for d in report.sorted() if d.file == TEST_FILE]
    quiz = None
    if compiled is not None:
        version = preview_version(compiled, files)
        quiz = next((item for item in version.items if item.kind == "quiz"), None)
        if quiz is None:
            problems.append(
                Diagnostic(
                    TEST_FILE,
                    1,
                    1,
                    "EVENT-TEST-NOT-A-QUIZ",
                    _l("The test must be a quiz: its front matter says jenis: kuis."),
                )
            )
        for question in quiz.questions if quiz else ():
            if question.type_id in GRADED_BY_HAND:
                problems.append(
                    Diagnostic(
                        TEST_FILE,
                        _heading_line(source, question.title),
                        1,
                        "EVENT-TEST-BY-HAND",
                        _l(
                            "An essay needs a person to grade it: an event's test takes "
                            "questions graded at once."
                        ),
                    )
                )
        if any(p.severity == "error" for p in problems):
            quiz = None
    elif not problems:  # the compiler refused something of ours: say so, not nothing
        problems = [d for d in report.sorted() if d.severity == "error"]
    test = CompiledTest(quiz, {q.id: q for q in quiz.questions}, key) if quiz else None
    if len(cache) >= CACHED:
        cache.clear()
    cache[key] = (test, problems)
    return test, problems


def _heading_line(source: str, title: str) -> int:
    for number, line in enumerate(source.splitlines(), start=1):
        if line.startswith("#") and title in line:
            return number
    return 1


def event_test(event: TrainingEvent) -> CompiledTest | None:
    if not event.test_source:
        return None
    return compile_test(current_app._get_current_object(), event.test_source)[0]


def attempts_of(
    session: Session, event_id: int, user_id: int, phase: str
) -> list[EventTestAttempt]:
    return list(
        session.scalars(
            sa.select(EventTestAttempt)
            .where(
                EventTestAttempt.event_id == event_id,
                EventTestAttempt.user_id == user_id,
                EventTestAttempt.phase == phase,
            )
            .order_by(EventTestAttempt.id)
        )
    )


def refusal(test: CompiledTest, attempts: list[EventTestAttempt], phase: str) -> str | None:
    """Why no new attempt may start: the pre-test is taken once, the post-test until
    passed, within its attempts."""
    done = [a for a in attempts if a.submitted_at is not None]
    if phase == "pre" and done:
        return _l("You took the pre-test already.")
    if phase == "post" and any(a.passed for a in done):
        return _l("You passed the post-test already.")
    if phase == "post" and test.attempts and len(done) >= test.attempts:
        return _l("You used every attempt at the post-test.")
    return None


def open_attempt(
    session: Session, event: TrainingEvent, user: User, phase: str, test: CompiledTest
) -> EventTestAttempt:
    """The person's open attempt at this phase, or a new one drawn from a new seed (the
    caller checks ``refusal`` first). An open attempt of an edited test is replaced."""
    attempts = attempts_of(session, event.id, user.id, phase)
    current = next((a for a in attempts if a.submitted_at is None), None)
    if current is not None and current.source_sha256 == test.sha256:
        return current
    if current is not None:
        session.delete(current)
    seed = new_seed()
    layout = build_layout(test.item, seed)
    attempt = EventTestAttempt(
        event_id=event.id,
        user_id=user.id,
        phase=phase,
        seed=seed,
        source_sha256=test.sha256,
        layout=layout,
        responses={},
        max_score=sum(entry["points"] for entry in layout),
    )
    session.add(attempt)
    session.flush()
    return attempt


def submit(attempt: EventTestAttempt, test: CompiledTest, answers: dict[str, Any]) -> None:
    """Grade the answers once (the caller commits); an answer a person must grade (an
    essay) counts as not yet passed."""
    attempt.responses = answers
    attempt.results, attempt.score, attempt.pending = grade_responses(
        attempt.layout, test.questions, answers
    )
    attempt.percent = (
        round(100 * attempt.score / attempt.max_score, 2) if attempt.max_score else 100.0
    )
    attempt.passed = not attempt.pending and attempt.percent >= test.passing_score
    attempt.submitted_at = utcnow()


def passed_post_test(session: Session, event_id: int, user_id: int) -> bool:
    return bool(
        session.scalar(
            sa.select(EventTestAttempt.id)
            .where(
                EventTestAttempt.event_id == event_id,
                EventTestAttempt.user_id == user_id,
                EventTestAttempt.phase == "post",
                EventTestAttempt.passed.is_(True),
            )
            .limit(1)
        )
    )


@dataclass(frozen=True)
class Gain:
    """Mean scores (percent) of those who took both tests: their first pre-test and
    their best post-test."""

    people: int
    pre: float
    post: float

    @property
    def gain(self) -> float:
        return round(self.post - self.pre, 1)


def gain(session: Session, event_id: int) -> Gain | None:
    scores = session.execute(
        sa.select(EventTestAttempt.user_id, EventTestAttempt.phase, EventTestAttempt.percent)
        .where(EventTestAttempt.event_id == event_id, EventTestAttempt.submitted_at.is_not(None))
        .order_by(EventTestAttempt.id)
    ).all()
    pre: dict[int, float] = {}
    post: dict[int, float] = {}
    for user_id, phase, percent in scores:
        if phase == "pre":
            pre.setdefault(user_id, percent or 0.0)
        else:
            post[user_id] = max(post.get(user_id, 0.0), percent or 0.0)
    both = pre.keys() & post.keys()
    if not both:
        return None
    return Gain(
        len(both),
        round(sum(pre[u] for u in both) / len(both), 1),
        round(sum(post[u] for u in both) / len(both), 1),
    )
