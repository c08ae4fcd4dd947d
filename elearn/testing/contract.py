"""The contract every question type keeps, the core's and a plugin's alike, as one test
helper (the ``question_contract`` fixture):

1. its Markdown compiles without a diagnostic, and writes back to Markdown that compiles
   to the same question; each malformed block is refused with its file, line and code;
   a number too large for a float is refused at its line or never stored;
2. before submission, neither the quiz page nor the answers the page's script saves
   carry any part of the answer key, and the values a choice posts are tokens of the
   attempt: over many attempts the right response's values change, and their rank among
   the question's values tells nothing;
3. a question reads only its own fields: in a quiz whose ids start with one another
   (``k``, ``k-1``, ``k-b1``), every question answered right earns full credit;
4. with feedback and answers hidden, the result page shows neither feedback nor key, and
   the type's result template draws the same page for a right and a wrong grade;
5. no state travels in hidden fields; a response over the type's length limit is
   refused at save (a message, never a 500), one at the limit is graded without error;
6. a right response earns full credit and a wrong one less, through the real pages;
   grading is reproducible from the stored attempt alone.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from elearn import db
from elearn.testing.contract_pages import PageChecks, fields_of, question_controls, with_id

FILE = "01-kuis.md"
Fields = dict[str, Any]
Spec = Fields | Callable[[dict[str, Any]], Fields]
HUGE = "1" + "0" * 400  # overflows a float


@dataclass
class QuestionCase:
    """One question of the type under test, as a trainer writes it.

    ``right`` and ``wrong`` are form fields of a response, named by what follows the
    question's field name (``""`` for the field itself, ``"-b1"`` for ``<name>-b1``);
    either may be a function of the attempt's view, for values drawn or sealed per
    attempt, or a list of those: the saves of a type whose answer unfolds step by step.
    ``secrets`` are texts of the answer key that must not reach the page before the
    attempt is submitted, nor the result page when answers are hidden.
    ``right_fraction`` is None for a type a trainer grades.
    ``malformed`` lists (block, line within the block counting the heading as 1, code).
    """

    markdown: str
    right: Spec | list[Spec]
    wrong: Spec | list[Spec]
    secrets: list[str]
    course_type: str = "umum"
    right_fraction: float | None = 1.0
    malformed: list[tuple[str, int, str]] = field(default_factory=list)

    def steps(self, spec: Spec | list[Spec]) -> list[Spec]:
        return spec if isinstance(spec, list) else [spec]


def _course(case: QuestionCase, quiz_file: Callable[..., str]) -> dict[str, str]:
    return {
        "kursus.md": f"---\nid: kontrak\njudul: Kontrak Soal\njenis: {case.course_type}\n"
        "jp: 1\n---\nUji kontrak jenis soal.\n",
        FILE: quiz_file(
            case.markdown, "percobaan: tak-terbatas\nnilai_lulus: 100\nacak_pilihan: ya\n"
        ),
    }


def _summary(question) -> tuple:
    parsed = question.parsed
    return (question.type_id, parsed.prompt_html, parsed.public, parsed.key, parsed.feedback)


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(_finite(v) for v in value)
    return True


def quiz_as_markdown(app, quiz) -> str:
    """A compiled quiz written back to Markdown, as the web editor writes it."""
    from elearn.content import question_type_lookup
    from elearn.content.writeback import quiz_markdown

    questions = [
        {
            "key": q.key,
            "type_id": q.type_id,
            "title": q.title,
            "points": q.points,
            "pool": q.pool,
            "attrs": q.attrs,
            "source": q.parsed.source,
        }
        for q in quiz.questions
    ]
    with app.test_request_context():
        return quiz_markdown(
            quiz.settings, quiz.intro_source, quiz.pools, questions, question_type_lookup(app)
        )


@contextmanager
def seeded_attempts(seed: int):
    """New attempts draw their seeds from ``random.Random(seed)``: the same run of
    attempts, test after test."""
    from elearn.progress import attempts

    draw = random.Random(seed)
    original = attempts.new_seed
    attempts.new_seed = lambda: draw.randrange(2**31)
    try:
        yield
    finally:
        attempts.new_seed = original


class ContractRunner:
    """Runs the contract with the fixtures of :mod:`elearn.testing`."""

    def __init__(self, app, client, make_user, compile_files, publish, helpers) -> None:
        self.app, self.client, self.make_user = app, client, make_user
        self.compile_files, self.publish = compile_files, publish
        self.login, self.post_form, self.csrf_token, self.quiz_file = helpers

    def __call__(self, case: QuestionCase) -> None:
        files = _course(case, self.quiz_file)
        self._compiles_and_writes_back(files)
        self._refuses_malformed(case)
        self._refuses_numbers_too_large(case)
        pages = PageChecks(self, case, files)
        self.publish({**files, **pages.extra_files()})
        self.make_user("learner")
        assert self.login(self.client, "199003152015032001").status_code == 302
        self.post_form(self.client, "/courses/kontrak/enrol", {}, page="/courses/kontrak")
        with seeded_attempts(20261202):
            pages.option_values_reveal_nothing()
        right = pages.attempt(case.right)
        if case.right_fraction is None:
            assert right.pending, "a response a trainer grades waits for the trainer"
        else:
            assert right.percent == 100 * case.right_fraction
        wrong = pages.attempt(case.wrong)
        assert wrong.pending or (wrong.percent or 0) < 100, "a wrong response lost no credit"
        self._regrades_the_same([right.id, wrong.id])
        pages.reads_only_its_own_fields()
        pages.hidden_results_reveal_nothing()
        pages.answers_are_bounded()

    def _compiles_and_writes_back(self, files: Fields) -> None:
        course, report = self.compile_files(files)
        assert [d.format() for d in report.diagnostics] == []
        quiz = course.items[0].quiz
        text = quiz_as_markdown(self.app, quiz)
        again, report = self.compile_files({**files, FILE: text})
        assert [d.format() for d in report.diagnostics] == [], text
        assert [_summary(q) for q in again.items[0].quiz.questions] == [
            _summary(q) for q in quiz.questions
        ], text

    def _refuses_malformed(self, case: QuestionCase) -> None:
        for block, line, code in case.malformed:
            files = _course(QuestionCase(block, {}, {}, [], case.course_type), self.quiz_file)
            course, report = self.compile_files(files)
            heading = 1 + files[FILE].splitlines().index(block.splitlines()[0])
            found = [(d.file, d.line, d.code) for d in report.errors]
            assert (FILE, heading + line - 1, code) in found, (block, found)
            assert course is None, "a quiz with an error must not compile"
            message = next(d.format() for d in report.errors if d.code == code)
            assert f"{FILE}:{heading + line - 1}" in message

    def _refuses_numbers_too_large(self, case: QuestionCase) -> None:
        """Every number of the question made too large for a float: the compiler reports
        it at a line of the question, or what it compiled holds only finite numbers."""
        heading, _, body = case.markdown.partition("\n")
        huge = QuestionCase(f"{heading}\n{re.sub(r'[0-9]+', HUGE, body)}", {}, {}, [])
        files = _course(QuestionCase(huge.markdown, {}, {}, [], case.course_type), self.quiz_file)
        course, report = self.compile_files(files)
        if report.errors:
            first = 1 + files[FILE].splitlines().index(heading)
            assert all(d.line >= first for d in report.errors if d.file == FILE), report.errors
            assert course is None
            return
        for question in course.items[0].quiz.questions:
            parsed = question.parsed
            assert _finite(parsed.key) and _finite(parsed.public), "an infinite number is kept"

    def _regrades_the_same(self, attempt_ids: list[int]) -> None:
        from elearn.content import question_type_lookup
        from elearn.models import Attempt, Question

        with self.app.test_request_context():
            session = db.session()
            types = question_type_lookup(self.app)
            for attempt in session.scalars(sa.select(Attempt).where(Attempt.id.in_(attempt_ids))):
                for entry in attempt.layout:
                    question = session.get(Question, entry["id"])
                    grade = types[question.type_id].grade_presented(
                        question.answer_key, attempt.responses.get(entry["key"]), entry["view"]
                    )
                    assert grade.fraction == attempt.results[entry["key"]]["fraction"]


__all__ = ["ContractRunner", "QuestionCase", "fields_of", "question_controls", "with_id"]
