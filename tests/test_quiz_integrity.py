"""What keeps a quiz honest and an answer safe, each as the probe found it broken
(../shared/research/review-security.md F2, F5, F6, F8, F9; review-newcomer.md): values
that gave the key away, results that showed what was hidden, answers that stalled the
server, and answers lost to an expired token or session."""

import re

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import Attempt
from elearn.testing import login, post_form, quiz_fields, quiz_file, send_quiz
from tests.courses import course_files, form_fields, post

QUIZ = """## Ibu kota
Ibu kota Indonesia?

- (x) Jakarta
  > RAHASIA-PILIHAN
- ( ) Bandung
- ( ) Surabaya

## Penetapan APBD
APBD ditetapkan dengan Peraturan Daerah.
= benar
> [!salah] RAHASIA-SALAH
> [!penjelasan] RAHASIA-PENJELASAN

## Singkatan
Kepanjangan SPJ?
= Surat Pertanggungjawaban
"""


@pytest.fixture
def learner_in(publish, client, login_as):
    """A signed-in learner enrolled in a course with the quiz ``body``; returns a
    function that starts an attempt and gives its URL."""

    def enrol(body=QUIZ, settings="percobaan: tak-terbatas\n"):
        publish(course_files(extra={"03-kuis.md": quiz_file(body, settings)}))
        login_as("learner")
        post(client, "/courses/apbd/enrol", "/courses/apbd")
        return lambda: post(client, "/courses/apbd/items/kuis/start", "/courses/apbd").location

    return enrol


def text(response):
    return response.get_data(as_text=True)


def test_option_values_are_not_the_source_order_and_change_each_attempt(client, learner_in):
    """F5: options posted a, b, c in source order, and the key was usually a."""
    start = learner_in()
    seen = []
    for _ in range(3):
        url = start()
        page = text(client.get(url))
        values = re.findall(r'name="q\[ibu-kota\]" value="([^"]+)"', page)
        assert not {"a", "b", "c"} & set(values)
        seen.append(quiz_fields(page, {"ibu-kota": "Jakarta"})["q[ibu-kota]"])
        send_quiz(client, url, {"ibu-kota": "Jakarta"}, action="submit-confirmed")
    assert len(set(seen)) == 3  # the right option's value differs in every attempt


def test_hidden_feedback_and_answers_show_no_verdict_explanation_or_key(client, learner_in):
    """F8 and the newcomer's problem 14, on the core's result page."""
    hidden = "percobaan: tak-terbatas\numpan_balik: tidak\ntampilkan_jawaban: tidak\n"
    url = learner_in(settings=hidden)()
    send_quiz(client, url, {"ibu-kota": "Bandung", "penetapan-apbd": "Salah"})
    send_quiz(client, url, {}, action="submit-confirmed")
    result = text(client.get(url))
    assert "Nilai 0 dari 3 poin." in result  # the score is the learner's to know
    for shown in ("RAHASIA", "Salah</p>", "Benar</p>", "Jawaban yang benar", "Jakarta"):
        assert shown not in result, shown


def test_the_explanation_waits_for_the_answers(client, learner_in):
    """The newcomer's problem 14: the explanation gave the answer after a failed try."""
    start = learner_in(settings="percobaan: tak-terbatas\nnilai_lulus: 100\n")
    failed = start()
    send_quiz(client, failed, {"penetapan-apbd": "Salah"}, action="submit-confirmed")
    page = text(client.get(failed))
    assert "RAHASIA-SALAH" in page  # feedback on the answer given: after submitting
    assert "RAHASIA-PENJELASAN" not in page  # the explanation: with the answers, after a pass
    passed = start()
    right = {"ibu-kota": "Jakarta", "penetapan-apbd": "Benar", "singkatan": "SPJ"}
    send_quiz(client, passed, right | {"singkatan": "Surat Pertanggungjawaban"})
    assert "RAHASIA-PENJELASAN" in text(client.get(passed))


def test_submit_asks_about_unanswered_questions_first(client, learner_in):
    url = learner_in()()
    asked = send_quiz(client, url, {"singkatan": "SPJ"})
    assert asked.location.endswith(f"{url}/confirm")
    page = text(client.get(asked.location))
    assert "2 soal belum dijawab" in page and "Ibu kota" in page and "Tetap kirim" in page
    with client.application.app_context():
        assert db.session().scalar(sa.select(Attempt)).open  # nothing submitted yet
    client.post(url, data=quiz_fields(page) | {"action": "submit-confirmed"})
    with client.application.app_context():
        attempt = db.session().scalar(sa.select(Attempt))
        assert attempt.state == "graded" and attempt.responses["singkatan"] == "SPJ"


REFLECTION = "## Refleksi {tipe=esai kata_min=20}\nApa yang Anda pelajari?\n"


def test_an_answer_below_its_word_minimum_is_not_submitted(client, learner_in):
    """The newcomer's problem 3: a short reflection scored 0 and used up an attempt."""
    url = learner_in(REFLECTION, "percobaan: 1\n")()
    asked = send_quiz(client, url, {"refleksi": "Terlalu singkat."}, action="submit-confirmed")
    page = text(client.get(asked.location))
    assert "Tulis paling sedikit 20 kata; jawaban ini baru 2 kata." in page
    assert "Tetap kirim" not in page
    with client.application.app_context():
        assert db.session().scalar(sa.select(Attempt)).open
    send_quiz(client, url, {"refleksi": " ".join(["kata"] * 20)})
    with client.application.app_context():
        assert not db.session().scalar(sa.select(Attempt)).open


def test_an_answer_over_its_limit_is_refused_before_it_is_read(client, learner_in):
    """F2: 30,000 spaces in an amount blocked every request for 28 s."""
    url = learner_in()()
    token = form_fields(text(client.get(url)))["csrf_token"]
    answer = "1" + " " * 30_000 + "1"
    saved = client.post(
        f"{url}/answers",
        data={"revision": 0, "shown": ["singkatan"], "q[singkatan]": answer},
        headers={"X-CSRFToken": token},
    )
    assert saved.status_code == 200 and saved.json["saved"] == []
    assert "lebih dari 500 karakter" in saved.json["refused"][0]["message"]
    page = text(client.get(url))
    fields = quiz_fields(page, {"singkatan": answer, "ibu-kota": "Jakarta"})
    refused = client.post(url, data=fields | {"action": "submit-confirmed"})
    assert "lebih dari 500 karakter" in text(client.get(refused.location))
    with client.application.app_context():
        attempt = db.session().scalar(sa.select(Attempt))
        assert attempt.open and "singkatan" not in attempt.responses
        assert attempt.responses["ibu-kota"]  # the other answer was kept


def test_a_form_token_lasts_as_long_as_the_session(client, learner_in, monkeypatch):
    """A quiz left open for more than an hour lost its next answers to a 400."""
    url = learner_in()()
    token = form_fields(text(client.get(url)))["csrf_token"]
    import itsdangerous.timed

    later = itsdangerous.timed.time.time() + 3 * 3600
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    saved = client.post(
        f"{url}/answers",
        data={"revision": 0, "shown": ["singkatan"], "q[singkatan]": "SPJ"},
        headers={"X-CSRFToken": token},
    )
    assert saved.status_code == 200 and saved.json["saved"] == ["singkatan"]


def test_a_session_that_ended_is_told_to_the_page_and_the_learner_comes_back(
    app, client, learner_in
):
    url = learner_in()()
    page = text(client.get(url))
    token = form_fields(page)["csrf_token"]
    client.delete_cookie("session")
    saved = client.post(
        f"{url}/answers",
        data={"revision": 0, "shown": ["singkatan"], "q[singkatan]": "SPJ"},
        headers={"X-CSRFToken": token, "Accept": "application/json"},
    )
    assert saved.status_code == 401 and saved.json["error"] == "signed-out"
    sent = client.post(url, data=quiz_fields(page, {"singkatan": "SPJ"}) | {"action": "submit"})
    assert sent.location == f"/login?next={url}"
    assert "Anda sudah keluar" in text(client.get(sent.location))
    back = login(client, "199003152015032001", next=url)
    assert back.location == url
    fresh = client.get(f"{url}/token", headers={"Accept": "application/json"})
    assert fresh.json["open"] and fresh.json["csrf_token"] != token
    saved = client.post(
        f"{url}/answers",
        data={"revision": 0, "shown": ["singkatan"], "q[singkatan]": "SPJ"},
        headers={"X-CSRFToken": fresh.json["csrf_token"], "Accept": "application/json"},
    )
    assert saved.status_code == 200
    stale = client.post(
        f"{url}/answers",
        data={"revision": 1, "shown": ["singkatan"]},
        headers={"X-CSRFToken": token, "Accept": "application/json"},
    )
    assert stale.status_code == 400 and stale.json["error"] == "csrf"  # the page renews


OVERFLOW = "## Angka besar {tipe=angka}\nBerapa?\n\n= " + "1" + "0" * 400 + "\n"


def test_a_number_too_large_for_a_float_is_an_error_at_its_line(compile_files):
    """A key of 1 and 400 zeros was stored as Infinity (and crashed PostgreSQL)."""
    course, report = compile_files({"01-kuis.md": quiz_file(OVERFLOW)})
    assert course is None
    assert ("01-kuis.md", 7, "Q-NUMBER-TOO-LARGE") in [
        (d.file, d.line, d.code) for d in report.errors
    ]
    points = "## Poin {poin=1e999}\n= ya\n"
    course, report = compile_files({"01-kuis.md": quiz_file(points)})
    assert [d.code for d in report.errors] == ["Q-BAD-POINTS"]


def test_a_learners_overflowing_answer_scores_nothing_without_an_error(client, learner_in):
    url = learner_in("## Sisa {tipe=angka}\nBerapa?\n\n= 5\n")()
    send_quiz(client, url, {"sisa": "9" * 100})
    with client.application.app_context():
        attempt = db.session().scalar(sa.select(Attempt))
        assert attempt.state == "graded" and attempt.results["sisa"]["fraction"] == 0.0
        assert not attempt.results["sisa"].get("failed")


def test_a_trainers_pattern_runs_in_linear_time(compile_question, app):
    """F6: ``/(a+)+$/`` took 1.2 s at 24 characters and doubled with each one more."""
    short_answer, parsed = compile_question("## Pola\nTulis.\n\n= /(a+)+$/\n")
    with app.test_request_context():
        assert short_answer.grade(parsed.key, "a" * 10_000 + "!").fraction == 0.0
        assert short_answer.grade(parsed.key, "a" * 400).fraction == 1.0


def test_a_pattern_the_linear_engine_cannot_run_is_refused_at_its_line(compile_files):
    body = "## Pola\nTulis.\n\n= /(a)\\1/\n"
    _course, report = compile_files({"01-kuis.md": quiz_file(body)})
    assert [(d.line, d.code) for d in report.errors] == [(7, "Q-BAD-PATTERN")]
    assert "RE2" in report.errors[0].hint


def test_a_json_column_refuses_what_json_cannot_hold(app, make_user):
    """The last guard: nothing writes Infinity into a JSON column, on either database."""
    from elearn.models import Event

    user = make_user("learner")
    with app.app_context():
        session = db.session()
        session.add(
            Event(actor_id=user.id, verb="x", object_type="y", object_id="z", result={"v": 1e400})
        )
        with pytest.raises((sa.exc.StatementError, ValueError), match="Out of range float values"):
            session.flush()


def test_the_english_result_page_says_correct_and_incorrect(client, learner_in):
    url = learner_in(settings="percobaan: tak-terbatas\n")()
    right = {"ibu-kota": "Jakarta", "penetapan-apbd": "Salah"}
    send_quiz(client, url, right, action="submit-confirmed")
    post_form(client, "/language", {"lang": "en", "next": url}, url)
    result = text(client.get(url))
    assert "<p>Correct</p>" in result and "<p>Incorrect</p>" in result
    assert "Right</p>" not in result and "Wrong</p>" not in result
