"""A plugin question type whose drawing fails costs only its own block: the page shows a
notice there, the learner's saved answers stay, and admins see what failed."""

import types

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import Attempt
from elearn.plugin_api import Grade, ParsedQuestion, QuestionType, hookimpl
from elearn.plugins import get_host
from elearn.testing import NIPS, login, post_form, quiz_file


class Fragile(QuestionType):
    id = "rapuh"
    label = "Rapuh"
    template = "rapuh/tidak-ada.html"  # a template the plugin forgot to ship

    def parse(self, block):
        return ParsedQuestion("<p>Soal rapuh.</p>", {}, {"answer": "ya"}, source={})

    def render_prompt(self, prompt_html, view):
        raise RuntimeError("the prompt broke")

    def grade(self, key, response):
        if response == "rusak":
            raise ZeroDivisionError("the grader broke")
        return Grade(1.0 if response == key["answer"] else 0.0)

    def response_from_form(self, form, name):
        return form.get(name)

    def to_markdown(self, parsed):
        return ""


def fragile_plugin():
    return types.SimpleNamespace(register_question_types=hookimpl(lambda: [Fragile]))


QUIZ = quiz_file(
    "## Rapuh {tipe=rapuh}\nJawab.\n\n## Angka {tipe=angka}\nSatu tambah satu?\n\n= 2\n"
)


@pytest.fixture
def fragile_quiz(app_with_plugin, make_user):
    """An app with the fragile plugin, and a learner's client in a started attempt of a
    quiz with a fragile question and a numeric one: (app, client, attempt URL)."""
    app = app_with_plugin("rapuh", fragile_plugin(), PLUGINS_STRICT=False)
    make_user("learner")
    with app.test_request_context():
        from elearn.content.store import import_course

        files = {"kursus.md": "---\nid: rapuh\njudul: Rapuh\njp: 1\n---\nR.\n", "01-kuis.md": QUIZ}
        import_course(app, db.session(), {k: v.encode() for k, v in files.items()})
        db.session().commit()
    client = app.test_client()
    login(client, NIPS["learner"])
    post_form(client, "/courses/rapuh/enrol", {}, page="/courses/rapuh")
    started = post_form(client, "/courses/rapuh/items/kuis/start", {}, page="/courses/rapuh")
    url = started.headers["Location"]
    return app, client, url


def test_a_failing_question_template_costs_only_its_block(fragile_quiz):
    app, client, url = fragile_quiz
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Soal ini tidak dapat ditampilkan saat ini" in html
    assert "Satu tambah satu?" in html  # the other question is drawn as usual
    saved = post_form(client, url, {"q[angka]": "2", "shown": "angka", "revision": "0"}, page=url)
    assert saved.status_code == 302
    with app.app_context():
        assert db.session().scalar(sa.select(Attempt)).responses["angka"] == "2"
    errors = get_host(app).records["rapuh"].runtime_errors
    assert any("render_prompt" in e for e in errors)
    assert any("rapuh/tidak-ada.html" in e for e in errors)


def test_a_failing_grader_leaves_the_answer_for_a_trainer_and_says_so(fragile_quiz):
    app, client, url = fragile_quiz
    data = {
        "q[rapuh]": "rusak",
        "q[angka]": "2",
        "shown": ["rapuh", "angka"],
        "action": "submit",
        "revision": "0",
    }
    assert post_form(client, url, data, page=url).status_code == 302
    result = client.get(url).get_data(as_text=True)
    assert "tidak dapat dinilai otomatis" in result
    with app.app_context():
        attempt = db.session().scalar(sa.select(Attempt))
        assert attempt.responses == {"rapuh": "rusak", "angka": "2"}
        assert attempt.pending and attempt.results["angka"]["fraction"] == 1.0
    assert "grading rapuh failed" in get_host(app).records["rapuh"].runtime_errors
