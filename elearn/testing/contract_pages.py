"""The parts of the question-type contract checked through the real pages: option values,
fields of questions whose ids start with one another, results with feedback and answers
hidden, and answer lengths. See :mod:`elearn.testing.contract`."""

from __future__ import annotations

import random
import re
from typing import Any

from werkzeug.datastructures import MultiDict

from elearn import db
from elearn.testing.forms import Control, controls

ATTEMPTS_FOR_VALUES = 12
SHORT_ANSWER = "## Isian {id} {{#{id} tipe=isian}}\nTulis ok.\n\n= ok\n"


def fields_of(spec: Any, view: dict[str, Any], name: str) -> dict[str, Any]:
    """A spec's form fields for the question named ``name`` in an attempt's view."""
    values = spec(view) if callable(spec) else spec
    return {name + suffix: value for suffix, value in values.items()}


def with_id(markdown: str, key: str) -> str:
    """The question's Markdown with the explicit id ``key`` on its heading."""
    heading, _, body = markdown.partition("\n")
    heading = re.sub(r"\{#[\w-]+\s*", "{", heading)
    if heading.rstrip().endswith("}"):
        brace = heading.rindex("{") + 1
        heading = f"{heading[:brace]}#{key} {heading[brace:]}"
    else:
        heading = f"{heading.rstrip()} {{#{key}}}"
    return f"{heading}\n{body}"


def question_controls(html: str, key: str) -> dict[str, Control]:
    """The controls of question ``key`` on a quiz page: its field and its parts."""
    name = f"q[{key}]"
    return {n: c for n, c in controls(html).items() if n == name or n.startswith(f"{name}-")}


def _pairs(fields: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (name, item)
        for name, value in fields.items()
        for item in (value if isinstance(value, list) else [value])
    ]


class PageChecks:
    """The page-level checks of one case, on the course the runner published."""

    def __init__(self, runner: Any, case: Any, files: dict[str, str]):
        """``runner``: the ``ContractRunner`` (its fixtures); ``case``: the
        ``QuestionCase``; ``files``: the course it publishes."""
        self.runner, self.case = runner, case
        self.app, self.client = runner.app, runner.client
        self.suffixes = self._suffixes(files)

    # The course's extra quizzes ------------------------------------------------------

    def _suffixes(self, files: dict[str, str]) -> list[str]:
        """The parts a right response fills (``-b1``...), from a view of the question."""
        from elearn.content import question_type_lookup

        course, _report = self.runner.compile_files(files)
        question = course.items[0].quiz.questions[0]
        with self.app.test_request_context():
            question_type = question_type_lookup(self.app)[question.type_id]
            view = question_type.present(dict(question.parsed.public), random.Random(0))
        found = {
            suffix
            for step in self.case.steps(self.case.right)
            for suffix in fields_of(step, view, "")
        }
        return sorted(s for s in found if s and re.fullmatch(r"-[a-z0-9_-]+", s))

    def extra_files(self) -> dict[str, str]:
        """``02-prefiks.md``: the question as ``k`` and ``k-1`` beside short answers whose
        ids are ``k`` and a part of its fields (``k-b1``); ``03-tertutup.md``: the
        question in a quiz that hides feedback and answers."""
        collide = [f"k{s}" for s in self.suffixes if f"k{s}" != "k-1"]
        self.prefix_keys = ["k", "k-1"]
        self.short_keys = collide
        body = "\n".join(
            [with_id(self.case.markdown, "k"), with_id(self.case.markdown, "k-1")]
            + [SHORT_ANSWER.format(id=key) for key in collide]
        )
        settings = "percobaan: tak-terbatas\nnilai_lulus: 100\n"
        hidden = settings + "umpan_balik: tidak\ntampilkan_jawaban: tidak\n"
        return {
            "02-prefiks.md": self.runner.quiz_file(body, settings),
            "03-tertutup.md": self.runner.quiz_file(self.case.markdown, hidden),
        }

    # Taking attempts -------------------------------------------------------------------

    def _start(self, item: str) -> tuple[str, Any]:
        from elearn.models import Attempt

        started = self.runner.post_form(
            self.client, f"/courses/kontrak/items/{item}/start", {}, page="/courses/kontrak"
        )
        assert started.status_code == 302, started.get_data(as_text=True)
        url = started.headers["Location"]
        assert "/attempts/" in url, f"the quiz {item} did not start: {url}"
        with self.app.app_context():
            attempt = db.session().get(Attempt, int(url.rstrip("/").rsplit("/", 1)[1]))
            return url, attempt

    def _save(self, url: str, fields: dict[str, Any], shown: list[str]):
        page = self.client.get(url).get_data(as_text=True)
        revision = re.search(r'name="revision" value="(\d+)"', page).group(1)
        return self.client.post(
            f"{url}/answers",
            data={"revision": revision, "shown": shown, **fields},
            headers={"X-CSRFToken": self.runner.csrf_token(self.client, url)},
        )

    def _submit(self, url: str, fields: dict[str, Any], shown: list[str]):
        page = self.client.get(url).get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        revision = re.search(r'name="revision" value="(\d+)"', page).group(1)
        data = {"csrf_token": token, "revision": revision, "shown": shown, **fields}
        submitted = self.client.post(url, data=data | {"action": "submit-confirmed"})
        assert submitted.status_code == 302
        result = self.client.get(url)
        assert result.status_code == 200
        return result.get_data(as_text=True)

    def _attempt_row(self, attempt_id: int):
        from elearn.models import Attempt

        with self.app.app_context():
            return db.session().get(Attempt, attempt_id)

    def attempt(self, spec, item: str = "kuis"):
        """Take an attempt at the case's question through the pages: each step saved by
        the page's script, then the form submitted. Nothing of the key reaches the page
        or a save's answer before the submit."""

        url, attempt = self._start(item)
        entry = attempt.layout[0]
        name = f"q[{entry['key']}]"
        page = self.client.get(url).get_data(as_text=True)
        for secret in self.case.secrets:
            assert secret not in page, f"{secret!r} reached the quiz page"
        hidden = [n for n, c in question_controls(page, entry["key"]).items() if c.kind == "hidden"]
        assert not hidden, f"state travels in hidden fields {hidden}: keep it in update_response"
        fields: dict[str, Any] = {}
        for step in self.case.steps(spec):
            fields = fields_of(step, entry["view"], name)
            saved = self._save(url, fields, [entry["key"]])
            assert saved.status_code == 200, saved.get_data(as_text=True)
            assert saved.json["refused"] == [], saved.json
            for secret in self.case.secrets:
                assert secret not in saved.get_data(as_text=True)
        self._submit(url, fields, [entry["key"]])
        submitted = self._attempt_row(attempt.id)
        assert not submitted.open, "the response could not be submitted (see submit_problem)"
        return submitted

    # 2. Option values ------------------------------------------------------------------

    def option_values_reveal_nothing(self) -> None:
        """Over many attempts the right response's choice values are not always the same,
        and neither is their rank among the values the question offers: no value, and no
        position in the source or in sorted order, gives the answer away."""

        pairs, ranks = set(), set()
        for _ in range(ATTEMPTS_FOR_VALUES):
            url, attempt = self._start("kuis")
            entry = attempt.layout[0]
            page = self.client.get(url).get_data(as_text=True)
            found = question_controls(page, entry["key"])
            choices = {n: c for n, c in found.items() if c.choice}
            first = self.case.steps(self.case.right)[0]
            right = fields_of(first, entry["view"], f"q[{entry['key']}]")
            chosen = [(n, v) for n, v in _pairs(right) if n in choices]
            for name, value in chosen:
                offered = [v for v, _ in choices[name].options]
                assert value in offered, f"{name}: the right value {value!r} is not offered"
            names = sorted(choices)
            pairs.add(frozenset(chosen))
            ranks.add(
                frozenset(
                    (names.index(n), sorted(v for v, _ in choices[n].options).index(v))
                    for n, v in chosen
                )
            )
            self._submit(url, {}, [])
            if pairs == {frozenset()}:
                return  # no choice among the right response's fields
            if len(pairs) > 1 and len(ranks) > 1:
                return  # shown to vary: more attempts would prove nothing more
        assert len(pairs) > 1, "the right choice posts the same value in every attempt"
        assert len(ranks) > 1, "the right choice's rank among the values never changes"

    # 3. Fields of ids that start with one another ----------------------------------------

    def reads_only_its_own_fields(self) -> None:

        url, attempt = self._start("prefiks")
        views = {entry["key"]: entry["view"] for entry in attempt.layout}
        shown = list(views)
        steps = self.case.steps(self.case.right)
        fields: dict[str, Any] = {}
        for step in steps:
            fields = {f"q[{key}]": "ok" for key in self.short_keys}
            for key in self.prefix_keys:
                fields |= fields_of(step, views[key], f"q[{key}]")
            saved = self._save(url, fields, shown)
            assert saved.status_code == 200 and saved.json["refused"] == [], saved.json
        self._submit(url, fields, shown)
        results = self._attempt_row(attempt.id).results
        expected = self.case.right_fraction
        for key in self.prefix_keys:
            assert results[key]["fraction"] == expected, (key, results)
        for key in self.short_keys:
            assert results[key]["fraction"] == 1.0, (key, results)

    # 4. Results with feedback and answers hidden ----------------------------------------

    def hidden_results_reveal_nothing(self) -> None:
        from elearn.models import Question

        url, attempt = self._start("tertutup")
        for step in self.case.steps(self.case.wrong):
            entry = attempt.layout[0]
            self._save(url, fields_of(step, entry["view"], f"q[{entry['key']}]"), [entry["key"]])
        result = self._submit(url, {}, [])
        for secret in self.case.secrets:
            assert secret not in result, f"{secret!r} is on a result that hides answers"
        with self.app.app_context():
            question = db.session().get(Question, attempt.layout[0]["id"])
            for name, text in question.feedback.items():
                if isinstance(text, str) and text.strip():
                    assert text not in result, f"feedback {name!r} shown while hidden"
        self._template_ignores_the_grade(attempt.layout[0])

    def _template_ignores_the_grade(self, entry: dict[str, Any]) -> None:
        """With nothing to reveal, the type's result template draws a right and a wrong
        grade of the same response alike."""
        from flask import render_template

        from elearn.content import question_type_lookup
        from elearn.models import Question
        from elearn.questions.types import Reveal

        with self.app.test_request_context():
            question_type = question_type_lookup(self.app)
            question = db.session().get(Question, entry["id"])
            kind = question_type[question.type_id]
            if not kind.result_template:
                return
            right = self._response(kind, self.case.right, entry)
            drawn = set()
            for spec in (self.case.right, self.case.wrong):
                grade = kind.grade_presented(
                    question.answer_key, self._response(kind, spec, entry), entry["view"]
                )
                result = {"fraction": grade.fraction, "feedback": list(grade.feedback)}
                drawn.add(
                    render_template(
                        kind.result_template,
                        question=question,
                        view=entry["view"],
                        response=right,
                        result=result | {"details": grade.details},
                        reveal=Reveal(feedback=False, answers=False),
                        show_feedback=False,
                    )
                )
            assert len(drawn) == 1, "the result template shows the grade while it is hidden"

    def _response(self, kind, spec, entry) -> Any:
        """The response the core would keep after the spec's saves, for this view."""

        response = None
        name = f"q[{entry['key']}]"
        for step in self.case.steps(spec):
            form = MultiDict(_pairs(fields_of(step, entry["view"], name)))
            response = kind.update_response(
                response, kind.response_from_form(form, name), entry["view"]
            )
        return response

    # 5. Lengths ------------------------------------------------------------------------

    def answers_are_bounded(self) -> None:
        """An answer over the type's limit is refused at save with a message and not
        kept; one at the limit is kept and graded without error."""
        from elearn.content import question_type_lookup
        from elearn.models import Question

        url, attempt = self._start("kuis")
        entry = attempt.layout[0]
        with self.app.app_context():
            type_id = db.session().get(Question, entry["id"]).type_id
            limit = question_type_lookup(self.app)[type_id].max_answer_length
        right = fields_of(self.case.steps(self.case.right)[0], entry["view"], f"q[{entry['key']}]")
        for length, refused in ((limit + 1, True), (limit, False)):
            filler = ("9 " * length)[:length]  # words and a long number at once
            fields = {
                name: [filler] * len(value) if isinstance(value, list) else filler
                for name, value in right.items()
            }
            saved = self._save(url, fields, [entry["key"]])
            assert saved.status_code == 200, saved.get_data(as_text=True)
            assert bool(saved.json["refused"]) is refused, (length, saved.json)
            if refused:
                assert saved.json["refused"][0]["message"]
                stored = self._attempt_row(attempt.id).responses
                assert entry["key"] not in stored, "an answer over the limit was kept"
        self._submit(url, {}, [])
        graded = self._attempt_row(attempt.id)
        assert graded.state == "graded"
        assert not graded.results[entry["key"]].get("failed"), "grading failed at the limit"
