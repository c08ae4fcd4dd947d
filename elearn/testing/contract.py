"""The contract every question type keeps, the core's and a plugin's alike, as one test
helper (the ``question_contract`` fixture):

1. its Markdown compiles without a diagnostic, and writes back to Markdown that compiles
   to the same question;
2. before submission, neither the quiz page nor the answers the page's script saves
   carry any part of the answer key;
3. a right response earns full credit and a wrong one less, through the real pages;
4. grading is reproducible from the stored attempt alone;
5. each malformed block is refused with its file, line and code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from elearn import db

FILE = "01-kuis.md"
Fields = dict[str, str]


@dataclass
class QuestionCase:
    """One question of the type under test, as a trainer writes it.

    ``right`` and ``wrong`` are form fields of a response, named by what follows the
    question's field prefix (``""`` for the prefix itself, ``"-b1"`` for ``<prefix>-b1``);
    either may be a function of the attempt's view, for values drawn per attempt.
    ``secrets`` are texts of the answer key that must not reach the page before the
    attempt is submitted. ``right_fraction`` is None for a type a trainer grades.
    ``malformed`` lists (block, line within the block counting the heading as 1, code).
    """

    markdown: str
    right: Fields | Callable[[dict[str, Any]], Fields]
    wrong: Fields | Callable[[dict[str, Any]], Fields]
    secrets: list[str]
    course_type: str = "umum"
    right_fraction: float | None = 1.0
    malformed: list[tuple[str, int, str]] = field(default_factory=list)


def _course(case: QuestionCase, quiz_file: Callable[..., str]) -> dict[str, str]:
    return {
        "kursus.md": f"---\nid: kontrak\njudul: Kontrak Soal\njenis: {case.course_type}\n"
        "jp: 1\n---\nUji kontrak jenis soal.\n",
        FILE: quiz_file(
            case.markdown, "percobaan: tak-terbatas\nnilai_lulus: 100\nacak_pilihan: ya\n"
        ),
    }


def _fields(spec, view: dict[str, Any], prefix: str) -> Fields:
    values = spec(view) if callable(spec) else spec
    return {prefix + suffix: value for suffix, value in values.items()}


def _summary(question) -> tuple:
    parsed = question.parsed
    return (question.type_id, parsed.prompt_html, parsed.public, parsed.key, parsed.feedback)


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
        self.publish(files)
        self.make_user("learner")
        assert self.login(self.client, "199003152015032001").status_code == 302
        self.post_form(self.client, "/courses/kontrak/enrol", {}, page="/courses/kontrak")
        right = self._attempt(case, case.right)
        if case.right_fraction is None:
            assert right.pending, "a response a trainer grades waits for the trainer"
        else:
            assert right.percent == 100 * case.right_fraction
        wrong = self._attempt(case, case.wrong)
        assert wrong.pending or (wrong.percent or 0) < 100, "a wrong response lost no credit"
        self._regrades_the_same([right.id, wrong.id])

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

    def _attempt(self, case: QuestionCase, spec):
        from elearn.models import Attempt

        started = self.post_form(
            self.client, "/courses/kontrak/items/kuis/start", {}, page="/courses/kontrak"
        )
        assert started.status_code == 302, started.get_data(as_text=True)
        page_url = started.headers["Location"]
        page = self.client.get(page_url).get_data(as_text=True)
        for secret in case.secrets:
            assert secret not in page, f"{secret!r} reached the quiz page"
        with self.app.app_context():
            attempt_id = int(page_url.rstrip("/").rsplit("/", 1)[1])
            attempt = db.session().get(Attempt, attempt_id)
            entry = attempt.layout[0]
            revision = attempt.revision
        fields = _fields(spec, entry["view"], f"q-{entry['key']}")
        saved = self.client.post(
            f"{page_url}/answers",
            data={"revision": revision, "shown": entry["key"], **fields},
            headers={"X-CSRFToken": self.csrf_token(self.client, page_url)},
        )
        assert saved.status_code == 200, saved.get_data(as_text=True)
        for secret in case.secrets:
            assert secret not in saved.get_data(as_text=True)
        page = self.client.get(page_url).get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        revision = re.search(r'name="revision" value="(\d+)"', page).group(1)
        submitted = self.client.post(
            page_url,
            data={
                "csrf_token": token,
                "revision": revision,
                "shown": entry["key"],
                "action": "submit",
                **fields,
            },
        )
        assert submitted.status_code == 302
        result = self.client.get(page_url)
        assert result.status_code == 200
        with self.app.app_context():
            return db.session().get(Attempt, attempt_id)

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
