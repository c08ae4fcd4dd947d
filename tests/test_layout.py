"""The page layout is rendered once per language and set-up and filled per request
(``elearn.layout``): each person still sees their own menu, counts, place, language and
CSRF token, and whatever a request brings is escaped."""

from __future__ import annotations

import re

import pytest

from elearn import layout
from elearn.testing import NIPS, csrf_token, login, post_form
from tests.courses import course_files


def sign_out_token(page: str) -> str:
    form = page.split('action="/logout"', 1)[1]
    return re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)


def test_each_person_sees_their_own_menu_from_the_same_process(app, make_user):
    make_user("trainer")
    make_user("learner")
    trainer, learner = app.test_client(), app.test_client()
    login(trainer, NIPS["trainer"])
    login(learner, NIPS["learner"])
    for _ in range(2):  # in turn, each page after the other person's
        trainers = trainer.get("/dashboard").get_data(as_text=True)
        learners = learner.get("/dashboard").get_data(as_text=True)
        assert ">Penilaian</a>" in trainers and ">Kursus ampuan</a>" in trainers
        assert "Penilaian" not in learners and "Kursus ampuan" not in learners
        assert ">Keluar</button>" in learners
    assert sign_out_token(trainers) != sign_out_token(learners)
    assert sign_out_token(learners) in learners.split('action="/language"', 1)[1]
    anonymous = app.test_client().get("/login").get_data(as_text=True)
    assert "Keluar" not in anonymous and "menu-toggle" not in anonymous


def test_the_page_s_place_in_the_menu_and_the_language_follow_the_request(client, login_as):
    login_as("learner")
    dashboard = client.get("/dashboard").get_data(as_text=True)
    catalogue = client.get("/courses").get_data(as_text=True)
    assert 'href="/dashboard" aria-current="page">Dasbor' in dashboard
    assert 'href="/courses" aria-current="page"' not in dashboard
    assert 'href="/courses" aria-current="page">Katalog' in catalogue
    assert 'href="/dashboard" aria-current="page"' not in catalogue
    client.set_cookie("lang", "en")
    english = client.get("/courses").get_data(as_text=True)
    assert english.startswith('<!doctype html>\n<html lang="en">')
    assert ">Sign out</button>" in english and 'aria-pressed="true" lang="en"' in english
    client.set_cookie("lang", "id")
    assert '<html lang="id">' in client.get("/courses").get_data(as_text=True)


def test_the_tokens_in_the_layout_sign_the_person_out(client, login_as):
    login_as("learner")
    page = client.get("/dashboard").get_data(as_text=True)
    response = client.post("/logout", data={"csrf_token": sign_out_token(page)})
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 302  # signed out: to the sign-in page


def test_what_a_request_brings_into_the_layout_is_escaped(client, login_as):
    login_as("learner")
    page = client.get('/courses?q="><script>alert(1)</script>\x00').get_data(as_text=True)
    assert "<script>alert" not in page
    assert 'name="next" value="/courses?q=&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;' in page
    post_form(client, "/courses/tidak-ada/enrol", {}, "/courses")  # flashes nothing harmful
    form = {"csrf_token": csrf_token(client, "/dashboard"), "lang": "<b>en</b>"}
    client.post("/language", data=form)
    assert "<b>en" not in client.get("/dashboard").get_data(as_text=True)


def test_a_flashed_message_shows_once_in_the_layout_its_link_intact(client, login_as, publish):
    publish(course_files())
    login_as("learner")
    post_form(client, "/courses/apbd/enrol", {}, "/courses/apbd")
    page = client.get("/courses/apbd/items/pengantar").get_data(as_text=True)
    assert '<div class="flashes" role="status">' in page
    assert '<p class="flash flash-success">Anda telah terdaftar.' in page
    assert 'class="flashes"' not in client.get("/courses/apbd").get_data(as_text=True)
    done = client.get("/courses/apbd/items/siklus").get_data(as_text=True)
    assert re.search(r'Selamat!.*<a href="/certificates/\d+/download">', done)


def test_the_layout_is_rendered_once_per_language_and_menu(client, login_as, monkeypatch):
    rendered = []
    real = layout.Prerendered.__init__

    def counting(self, html):
        rendered.append(html[:20])
        real(self, html)

    monkeypatch.setattr(layout.Prerendered, "__init__", counting)
    login_as("learner")  # the sign-in page rendered the shell
    rendered.clear()
    client.get("/dashboard")
    assert len(rendered) == 1  # this person's header
    client.get("/dashboard")
    client.get("/notifications")  # the same shell; the bell is this page's: a header
    assert len(rendered) == 2
    client.get("/notifications")
    assert len(rendered) == 2
    client.set_cookie("lang", "en")
    client.get("/dashboard")
    assert len(rendered) == 4  # the English shell and header


def test_the_menu_s_labels_are_translated_once_per_language(client, login_as, monkeypatch):
    import flask_babel

    asked = []
    real = flask_babel.Domain.gettext

    def counting(self, string, **variables):
        asked.append(string)
        return real(self, string, **variables)

    monkeypatch.setattr(flask_babel.Domain, "gettext", counting)
    login_as("admin")
    menu = {"Dashboard", "Catalogue", "Events", "Idea board", "Grading", "Administration"}
    assert "Ruang Ide" in client.get("/notifications").get_data(as_text=True)
    asked.clear()
    page = client.get("/notifications").get_data(as_text=True)
    assert "Ruang Ide" in page and "Administrasi" in page
    assert menu.isdisjoint(asked)
    client.set_cookie("lang", "en")
    assert "Idea board" in client.get("/notifications").get_data(as_text=True)


def test_pre_rendered_markup_fills_its_slots_escaped_and_refuses_an_unclosed_one():
    filled = layout.Prerendered("a\x00b\x00c\x00open\x00d").fill({"b": "<x>"})
    assert filled == ["a&lt;x&gt;c", "d"]
    with pytest.raises(ValueError):
        layout.Prerendered("a\x00slot")


def test_a_lesson_s_own_markup_is_rendered_once_per_version_and_language(
    app, client, login_as, publish
):
    publish(course_files())
    login_as("learner")
    post_form(client, "/courses/apbd/enrol", {}, "/courses/apbd")
    kept = app.extensions.setdefault("elearn.fragments", {})
    kept.clear()
    for _ in range(2):
        page = client.get("/courses/apbd/items/siklus").get_data(as_text=True)
        assert "Perencanaan, penganggaran, pelaksanaan." in page
        assert "Tanyakan tentang bagian kursus ini" in page and "← Pengantar</a>" in page
    assert len(kept) == 2  # the lesson's text and its links, once
    client.set_cookie("lang", "en")
    english = client.get("/courses/apbd/items/siklus").get_data(as_text=True)
    assert "Ask about this part of the course" in english and len(kept) == 4
    publish(course_files(extra={"02-siklus.md": "# Siklus Anggaran\n\nEdisi kedua.\n"}))
    assert "Edisi kedua." in client.get("/courses/apbd/items/siklus").get_data(as_text=True)
