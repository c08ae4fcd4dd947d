"""No script runs from anything people write on the idea board or in a course's
discussion: the hostile inputs the course compiler is tested with, in every field of an
idea, a comment, a question and an answer, leave nothing that could run in the pages
that show them."""

from __future__ import annotations

import re

import pytest

from tests.events import press
from tests.hostile import HOSTILE, dangerous_markup
from tests.ideas import agencies


def main_of(html: str) -> str:
    return re.search(r"<main.*?</main>", html, re.S).group(0)


@pytest.mark.parametrize("payload", HOSTILE)
def test_ideas_and_comments_carry_no_script(app, people, payload):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client)] = people(2)
    text = f"Antrean puskesmas panjang sekali setiap pagi {payload}"
    idea = {
        "title": f"Antrean {payload}"[:200], "agency": str(ids["DINKES"]),
        "service": f"Rawat jalan {payload}"[:200], "problem": text, "proposal": text,
        "benefit": payload, "tags": payload[:300],
    }  # fmt: skip
    press(sari_client, "/ideas/new", "/ideas/new", idea | {"check": "1"})
    posted = press(sari_client, "/ideas/new", "/ideas/new", idea | {"post": "1"})
    page = posted.headers["Location"]
    press(budi_client, f"{page}/comments", page, {"body": f"Komentar {payload}"})
    for url in (page, "/ideas/", f"/ideas/?q=antrean&tag={payload[:20]}"):
        assert dangerous_markup(main_of(sari_client.get(url).get_data(as_text=True))) == []


@pytest.mark.parametrize("payload", HOSTILE)
def test_questions_and_answers_carry_no_script(app, taught_course, people, payload):
    [(sari, client)] = people(1)
    press(client, "/courses/apbd/enrol", "/courses/apbd")
    discussion = "/courses/apbd/discussion"
    question = {"title": f"Tanya {payload}"[:200], "item": "", "body": f"Isi {payload}"}
    asked = press(client, discussion, discussion, question)
    thread = asked.headers["Location"]
    press(client, thread, thread, {"body": f"Jawab {payload}"})
    for url in (discussion, thread):
        assert dangerous_markup(main_of(client.get(url).get_data(as_text=True))) == []
