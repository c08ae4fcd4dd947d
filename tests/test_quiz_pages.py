"""Taking a quiz through the web pages (no JavaScript needed), and what they never show."""

import re

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import Attempt, Question
from elearn.progress.grading import questions_of
from elearn.testing import learner_nip, login, quiz_fields, quiz_file, send_quiz
from tests.courses import QUIZ, autosave, course_files, finish, form_fields, post, start, statements


def test_the_attempt_page_carries_no_answer_key_or_feedback(client, quiz_course):
    page = client.get(start(client)).get_data(as_text=True)
    assert "Ibu kota" in page and "Jelaskan." in page
    assert "Rahasia" not in page and "RAHASIA" not in page
    assert "correct" not in page and "Nusantara" in page  # a drop-down choice is shown


def test_answers_are_saved_and_kept_on_reload_then_submitted_once(client, quiz_course):
    url = start(client)
    page = client.get(url).get_data(as_text=True)
    answers = {"ibu-kota": "Jakarta", "singkatan": "surat pertanggungjawaban"}
    fields = quiz_fields(page, answers) | {"action": "save"}
    response = client.post(url, data=fields)
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert 'value="surat pertanggungjawaban"' in page and "Jawaban Anda tersimpan." in page
    stale = client.post(url, data=fields)  # the old revision: refused, nothing lost
    assert "sudah tidak mutakhir" in client.get(stale.headers["Location"]).get_data(as_text=True)
    client.post(url, data=quiz_fields(page, answers) | {"action": "submit-confirmed"})
    result = client.get(url).get_data(as_text=True)
    assert "menunggu penilaian widyaiswara" in result.lower()
    # the explanation gives the answer away: it waits, as the answers do, for a pass
    assert "RAHASIA-PENJELASAN" not in result


def test_another_learner_cannot_open_or_post_to_an_attempt(app, client, quiz_course, make_user):
    url = start(client)
    intruder = app.test_client()
    make_user("trainer")
    login(intruder, "197508172000121003")
    assert intruder.get(url).status_code == 404
    page = intruder.get("/dashboard").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    assert intruder.post(url, data={"csrf_token": token, "action": "submit"}).status_code == 404


def test_the_script_saves_one_question_at_a_time_and_reloads_keep_it(client, quiz_course):
    url = start(client)
    fields = form_fields(client.get(url).get_data(as_text=True))
    token = fields["csrf_token"]
    first = autosave(
        client, url, token, {"revision": 0, "shown": "singkatan", "q[singkatan]": "SPJ"}
    )
    assert first.status_code == 200
    assert first.json == {"revision": 1, "saved": ["singkatan"], "refused": []}
    second = autosave(client, url, token, {"revision": 1, "shown": "serapan", "q[serapan]": "75"})
    assert second.json["revision"] == 2
    page = client.get(url).get_data(as_text=True)
    assert 'value="SPJ"' in page and 'value="75"' in page  # the first save was not undone
    stale = autosave(client, url, token, {"revision": 1, "shown": "serapan", "q[serapan]": "1"})
    assert stale.status_code == 409 and stale.json["error"] == "stale-form"
    assert "Rahasia" not in stale.get_data(as_text=True)
    assert client.post(f"{url}/answers", data={"revision": 2}).status_code == 400  # no token


def save_and_sql(app, client, url, token, data):
    """An autosave's response and the SQL it sent, each statement on one line."""
    sent = []

    def record(_conn, _cursor, statement, *_args):
        sent.append(" ".join(statement.split()))

    engine = db.get_db(app).engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        return autosave(client, url, token, data), sent
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def test_a_save_reads_the_attempt_and_writes_the_answer_and_no_question(app, client, quiz_course):
    """A save is a third of a learner's requests: the quiz's questions (their types) are
    kept by the process that showed the page, so a save reads the user and the attempt
    and writes the answer, and loads no question."""
    url = start(client)
    token = form_fields(client.get(url).get_data(as_text=True))["csrf_token"]
    questions = []

    def on_load(target, _context):
        questions.append(target)

    sa.event.listen(Question, "load", on_load)
    try:
        saved, sent = save_and_sql(
            app, client, url, token, {"revision": 0, "shown": "singkatan", "q[singkatan]": "SPJ"}
        )
    finally:
        sa.event.remove(Question, "load", on_load)
    assert saved.json == {"revision": 1, "saved": ["singkatan"], "refused": []}
    assert questions == []
    assert not [s for s in sent if "FROM questions" in s]
    assert [s.split()[0] for s in sent if not s.startswith("BEGIN")] == [
        "SELECT",
        "SELECT",
        "UPDATE",
    ]


def test_a_save_in_a_process_that_did_not_show_the_page_reads_the_quizs_types(
    app, make_app, client, quiz_course
):
    """Another app process (a second gunicorn worker) reads the quiz's questions once,
    as columns: their types tell it how to read the answers."""
    url = start(client)
    other = make_app()
    elsewhere = other.test_client()
    login(elsewhere, quiz_course.nip)
    token = form_fields(elsewhere.get("/dashboard").get_data(as_text=True))["csrf_token"]
    saved, sent = save_and_sql(
        other, elsewhere, url, token, {"revision": 0, "shown": "serapan", "q[serapan]": "75"}
    )
    assert saved.json == {"revision": 1, "saved": ["serapan"], "refused": []}
    from_questions = [s for s in sent if "FROM questions" in s]
    assert len(from_questions) == 1
    assert "answer_key" not in from_questions[0] and "feedback" not in from_questions[0]


def test_the_script_cannot_save_into_another_learners_attempt(app, client, quiz_course, make_user):
    url = start(client)
    intruder = app.test_client()
    make_user("trainer")
    login(intruder, "197508172000121003")
    token = form_fields(intruder.get("/dashboard").get_data(as_text=True))["csrf_token"]
    response = autosave(intruder, url, token, {"revision": 0, "shown": "singkatan"})
    assert response.status_code == 404


def test_saving_after_submitting_is_refused_cleanly(client, quiz_course):
    url = start(client)
    fields = form_fields(client.get(url).get_data(as_text=True))
    client.post(url, data=fields | {"action": "submit-confirmed"})
    late = autosave(client, url, fields["csrf_token"], {"revision": 1, "shown": "singkatan"})
    assert late.status_code == 409 and late.json["error"] == "already-submitted"


ONE_AT_A_TIME = """## Pertama
- (x) Ya
- ( ) Tidak

## Kedua
= SPJ
"""


def test_one_question_at_a_time_keeps_the_other_answers(client, publish, login_as):
    publish(course_files(extra={"03-kuis.md": quiz_file(ONE_AT_A_TIME, "tampilan: per-soal\n")}))
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    url = start(client)
    page = client.get(url).get_data(as_text=True)
    assert "Pertama" in page and "Kedua" not in page and 'aria-current="step"' in page
    moved = client.post(url, data=quiz_fields(page, {"pertama": "Ya"}) | {"action": "goto-2"})
    assert moved.headers["Location"].endswith("?q=2")
    page = client.get(moved.headers["Location"]).get_data(as_text=True)
    assert "Kedua" in page and "Pertama</h2>" not in page and "1 dari 2 soal sudah dijawab" in page
    client.post(url, data=quiz_fields(page, {"kedua": "spj"}) | {"action": "submit"})
    result = client.get(url).get_data(as_text=True)
    assert "Nilai 2 dari 2 poin." in result  # the first page's answer was kept


ANSWERS = """## Ibu kota
- (x) Jakarta
- ( ) Bandung

## Singkatan
= Surat Pertanggungjawaban
"""


@pytest.mark.parametrize(
    ("rule", "answers", "shown_after_fail", "shown_after_pass"),
    [
        ("setelah-kirim", "Jakarta", True, True),
        ("setelah-lulus", "Jakarta", False, True),
        ("tidak", "Jakarta", False, False),
    ],
)
def test_correct_answers_are_shown_as_the_quiz_allows(
    client, publish, login_as, rule, answers, shown_after_fail, shown_after_pass
):
    settings = f"tampilkan_jawaban: {rule}\n"
    publish(course_files(extra={"03-kuis.md": quiz_file(ANSWERS, settings)}))
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    for answer, expected in (
        (None, shown_after_fail),
        ("surat pertanggungjawaban", shown_after_pass),
    ):
        url = start(client)
        page = client.get(url).get_data(as_text=True)
        assert "Jawaban yang benar" not in page
        answers = {"ibu-kota": "Jakarta"} | ({"singkatan": answer} if answer else {})
        client.post(url, data=quiz_fields(page, answers) | {"action": "submit-confirmed"})
        result = client.get(url).get_data(as_text=True)
        assert ("Jawaban yang benar" in result) is expected
        assert ("Surat Pertanggungjawaban</li>" in result) is expected


def test_quiz_pages_use_a_bounded_number_of_queries(
    app, client, publish, login_as, make_user, count_queries
):
    # without the essay: an attempt waiting for a grade holds back the next one
    quiz = {"03-kuis.md": quiz_file(QUIZ.split("## Esai")[0])}
    publish(course_files(extra=quiz))
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    finished = start(client)
    finish(client, finished)
    url = start(client)
    pages = [url, finished, "/courses/apbd/items/kuis", "/dashboard"]
    small = {page: count_queries(client, page) for page in pages}
    for n in range(4):  # more courses with more of this learner's attempts
        publish(course_files(key=f"k{n}", title=f"Kursus {n}", extra=quiz))
        post(client, f"/courses/k{n}/enrol", f"/courses/k{n}")
        for _ in range(2):
            started = post(client, f"/courses/k{n}/items/kuis/start", f"/courses/k{n}/items/kuis")
            finish(client, started.headers["Location"])
    for n in range(6):  # other learners' attempts at the same quiz
        other = app.test_client()
        make_user("learner", nip=learner_nip(n), email=f"l{n}@contoh.go.id")
        login(other, learner_nip(n))
        post(other, "/courses/apbd/enrol", "/courses/apbd")
        finish(other, start(other))
    large = {page: count_queries(client, page) for page in pages}
    assert large == small
    assert all(count <= 14 for count in large.values()), large


KEY_SCAN = (
    QUIZ
    + """
## Ringkasan kebijakan {tipe=ringkasan_kebijakan}
Tulis ringkasan.
kata kunci: RahasiaKinerja, RahasiaAnggaran
"""
)


def publish_with(app, files):
    from elearn.content.store import import_course

    with app.test_request_context():
        files = {name: text.encode() for name, text in files.items()}
        assert import_course(app, db.session(), files).status == "created"
        db.session().commit()


def test_no_page_or_json_response_carries_a_key_before_submission(
    make_app, install_plugin, make_user
):
    """Every core question type and a plugin's own type, on the attempt page (one page
    and one question at a time) and in every answer the save endpoint gives."""
    install_plugin("good")
    app = make_app()
    client = app.test_client()
    for layout in ("satu-halaman", "per-soal"):
        key = f"kunci-{layout}"
        publish_with(
            app,
            course_files(
                key=key, extra={"03-kuis.md": quiz_file(KEY_SCAN, f"tampilan: {layout}\n")}
            ),
        )
    make_user("learner")
    login(client, "199003152015032001")
    bodies = []
    for layout in ("satu-halaman", "per-soal"):
        key = f"kunci-{layout}"
        post(client, f"/courses/{key}/enrol", f"/courses/{key}")
        url = post(
            client, f"/courses/{key}/items/kuis/start", f"/courses/{key}/items/kuis"
        ).headers["Location"]
        page = client.get(url).get_data(as_text=True)
        bodies.append(page)
        for number in range(1, 11):
            bodies.append(client.get(f"{url}?q={number}").get_data(as_text=True))
        token = form_fields(page)["csrf_token"]
        for revision, question in enumerate(["ibu-kota", "ringkasan-kebijakan", "esai"]):
            saved = autosave(
                client,
                url,
                token,
                {"revision": revision, "shown": question, f"q[{question}]": "jawaban"},
            )
            assert saved.status_code == 200
            bodies.append(saved.get_data(as_text=True))
        bodies.append(
            autosave(client, url, token, {"revision": 0, "shown": "esai"}).get_data(as_text=True)
        )
    assert "Tulis ringkasan." in bodies[0]  # the plugin's question is there
    for body in bodies:
        assert "Rahasia" not in body and "RAHASIA" not in body
        assert '"correct"' not in body and "answer_key" not in body


def test_republishing_during_an_attempt_keeps_its_questions(client, publish, login_as):
    old = "## Singkatan\nApa kepanjangan SPJ?\n= Surat Pertanggungjawaban\n"
    new = "## Singkatan\nApa kepanjangan SP2D?\n= Surat Perintah Pencairan Dana\n"
    publish(course_files(extra={"03-kuis.md": quiz_file(old)}))
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    client.get("/courses/apbd/items/pengantar")
    url = start(client)
    assert publish(course_files(extra={"03-kuis.md": quiz_file(new)})) == 2
    page = client.get(url).get_data(as_text=True)
    assert "kepanjangan SPJ" in page and "SP2D" not in page  # the version it started on
    finish(client, url, {"singkatan": "surat pertanggungjawaban"})
    assert "Nilai 1 dari 1 poin." in client.get(url).get_data(as_text=True)
    course = client.get("/courses/apbd").get_data(as_text=True)
    assert course.count("· selesai") == 2  # the lesson and the passed quiz carried over
    second = start(client)
    assert "SP2D" in client.get(second).get_data(as_text=True)  # new attempts: new version


@pytest.mark.parametrize(
    ("rule", "shown"),
    [("tertinggi", "100 (percobaan terbaik)"), ("terakhir", "0 (percobaan terakhir)")],
)
def test_the_quiz_page_shows_the_score_that_counts(client, publish, login_as, rule, shown):
    quiz = quiz_file("## Singkatan\n= SPJ\n", f"nilai_dihitung: {rule}\n")
    publish(course_files(extra={"03-kuis.md": quiz}))
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    finish(client, start(client), {"singkatan": "spj"})
    finish(client, start(client), {"singkatan": "salah"})
    page = client.get("/courses/apbd/items/kuis").get_data(as_text=True)
    assert f"Nilai yang dihitung</dt><dd>{shown}" in page


def test_the_result_shows_each_answer_as_given_and_why_a_number_was_not_read(client, quiz_course):
    url = start(client)
    answers = {
        "ibu-kota": "Bandung",
        "prima": ["dua", "empat"],
        "pernyataan": "Benar",
        "singkatan": "spj",
        "serapan": "45 menit",
        "esai": "Karena APBD ditetapkan dengan Perda.",
    }
    send_quiz(client, url, answers, action="submit-confirmed")
    page = client.get(url).get_data(as_text=True)
    assert page.count("Jawaban Anda:") == 9  # every question, answered or not
    for given in ("Bandung", "dua", "empat", "Benar", "spj", "Karena APBD ditetapkan"):
        assert f'<li class="pre-line">{given}' in page, given
    assert '<li class="pre-line">45 menit</li>' in page
    assert "tidak terbaca sebagai angka: tulis angkanya saja, tanpa satuan" in page
    assert page.count("(tidak dijawab)") == 3  # matching, ordering, blanks
    assert "RAHASIA" not in page and "Rahasia" not in page  # still no key or feedback


def test_the_quiz_page_reads_the_attempt_and_keeps_its_questions_without_their_keys(
    app, client, quiz_course
):
    """The quiz as published is kept per process: the page reads the attempt (with its
    quiz's version id), not the quiz, version, course or questions again; and the
    questions it keeps hold no answer key or feedback, which the page of an open
    attempt has no business reading."""
    url = start(client)
    client.get(url)  # the published version is read once per process
    loaded = []

    def on_load(target, _context):
        loaded.append(type(target).__name__)

    sa.event.listen(sa.orm.Mapper, "load", on_load)
    try:
        sent = statements(app, client, url)
    finally:
        sa.event.remove(sa.orm.Mapper, "load", on_load)
    assert [verb for verb in sent if verb != "BEGIN"] == ["SELECT"] * 2  # user, attempt
    assert loaded == []  # the attempt is read through the driver (elearn.lookups)
    with app.app_context():
        attempt = db.session().scalar(sa.select(Attempt))
        question = next(iter(questions_of(db.session(), attempt, with_keys=False).values()))
        with pytest.raises(AttributeError):
            question.answer_key  # noqa: B018
        with pytest.raises(AttributeError):
            question.feedback  # noqa: B018


def test_a_quiz_page_looks_its_translations_up_a_fixed_number_of_times(
    client, quiz_course, monkeypatch
):
    """The page's words and the questions' inputs look the translations up a fixed
    number of times, not once for each word (nine questions asked ten)."""
    import flask_babel

    url = start(client)
    client.get(url)
    looked_up = []
    real = flask_babel.Domain.get_translations

    def counting(self):
        looked_up.append(1)
        return real(self)

    monkeypatch.setattr(flask_babel.Domain, "get_translations", counting)
    page = client.get(url).get_data(as_text=True)
    assert page.count('class="card question"') == 9 and "Jawaban Anda" in page
    assert len(looked_up) <= 3


def test_a_questions_heading_is_rendered_once_per_process_and_language(app, client, quiz_course):
    url = start(client)
    page = client.get(url).get_data(as_text=True)
    kept = app.extensions["elearn.fragments"]
    heads = [key for key in kept if "question-head" in key]
    assert len(heads) == 9 and "1. Ibu kota" in page
    assert "(2 poin)" in page and "(1 poin)" in page
    client.get(url)
    assert [key for key in kept if "question-head" in key] == heads
    client.set_cookie("lang", "en")
    english = client.get(url).get_data(as_text=True)
    assert "(2 points)" in english and "(1 point)" in english and "(1 points)" not in english
    assert len([key for key in kept if "question-head" in key]) == 18
