"""A trainer's course report: enrolment, progress, stuck learners, quiz results and the
item analysis that flags broken questions; exports with the page's numbers; bounded
queries; a trainer sees only the courses they teach, a partner no learner data."""

import csv
import io
from datetime import timedelta

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import Course, CourseTrainer, Enrolment
from elearn.models.types import utcnow
from elearn.reports.items import correlation
from elearn.testing import NIPS, learner_nip, login, quiz_file
from tests.courses import course_files, finish, post

QUIZ = """## Ibu kota
- (x) Jakarta
- ( ) Bandung
- ( ) Surabaya

## Kebalik
- (x) Benar menurut kunci
- ( ) Salah menurut kunci

## Sulit
Pernyataan yang semua orang salah menjawabnya.
= benar

## Singkatan {poin=2}
= SPJ
"""
STRONG = {
    "ibu-kota": "Jakarta",
    "kebalik": "Salah menurut kunci",
    "sulit": "Salah",
    "singkatan": "SPJ",
}
WEAK = {
    "ibu-kota": "Bandung",
    "kebalik": "Benar menurut kunci",
    "sulit": "Salah",
    "singkatan": "entah",
}


@pytest.fixture
def taught(app, publish, make_user):
    """The course with its quiz, taught by the trainer; three strong and three weak
    learners have taken the quiz once, and one more learner only enrolled, long ago."""
    publish(course_files(extra={"03-kuis.md": quiz_file(QUIZ, "percobaan: 3\n")}))
    trainer = make_user("trainer")
    with app.app_context():
        course_id = db.session().scalar(sa.select(Course.id))
        db.session().add(CourseTrainer(course_id=course_id, user_id=trainer.id))
        db.session().commit()
    for n in range(7):
        make_user(
            "learner", nip=learner_nip(n), email=f"peserta{n}@contoh.go.id", name=f"Peserta {n}"
        )
        client = app.test_client()
        login(client, learner_nip(n))
        post(client, "/courses/apbd/enrol", "/courses/apbd")
        if n == 6:
            break
        client.get("/courses/apbd/items/pengantar")
        url = post(client, "/courses/apbd/items/kuis/start", "/courses/apbd/items/kuis").location
        finish(client, url, STRONG if n < 3 else WEAK)
    with app.app_context():
        quiet = db.session().scalar(sa.select(Enrolment).order_by(Enrolment.id.desc()))
        quiet.last_activity_at = utcnow() - timedelta(days=30)
        db.session().commit()


def text(response):
    return response.get_data(as_text=True)


def test_the_report_counts_learners_progress_and_who_is_stuck(client, taught):
    login(client, NIPS["trainer"])
    page = text(client.get("/author/courses/apbd/reports"))
    assert "<dt>Mendaftar</dt><dd>7</dd>" in page
    assert "<dt>Macet (tanpa kegiatan selama 14 hari)</dt><dd>1</dd>" in page
    assert 'role="img"' in page and "<svg" in page  # charts drawn by the platform
    stuck = text(client.get("/author/courses/apbd/reports?hanya=macet"))
    assert "Peserta 6" in stuck and "Peserta 0" not in stuck
    assert "Peserta 6" not in text(client.get("/author/courses/apbd/reports?hanya=macet&macet=60"))


def test_quiz_results_and_exports_match_the_page(client, taught):
    login(client, NIPS["trainer"])
    page = text(client.get("/author/courses/apbd/reports"))
    quizzes = page[page.index('id="quizzes-heading"') :]
    assert "<td>6</td><td>6</td>" in quizzes  # six learners, six attempts
    exported = client.get("/author/courses/apbd/reports?tabel=kuis&format=csv")
    rows = list(csv.reader(io.StringIO(text(exported).lstrip("\ufeff"))))
    assert rows[1][1:4] == ["6", "6", "0"]
    assert float(rows[1][4]) == pytest.approx((3 * 60 + 3 * 20) / 6, abs=0.1)
    learners = list(
        csv.reader(
            io.StringIO(
                text(client.get("/author/courses/apbd/reports?format=csv")).lstrip("\ufeff")
            )
        )
    )
    assert len(learners) == 8 and learners[0][:2] == ["NIP", "Nama"]


def test_item_analysis_flags_the_questions_that_look_broken(client, taught):
    login(client, NIPS["trainer"])
    page = text(client.get("/author/courses/apbd/reports/quiz/kuis"))
    rows = {title: page[page.index(title) :][:1500] for title in ("Ibu kota", "Kebalik", "Sulit")}
    assert "ada pengecoh yang tidak dipilih siapa pun" in rows["Ibu kota"]  # Surabaya
    assert "peserta yang lemah lebih berhasil" in rows["Kebalik"]
    assert "tidak ada yang menjawab benar" in rows["Sulit"]
    assert "peserta yang lemah" not in rows["Ibu kota"].split("</tr>")[0]
    exported = text(client.get("/author/courses/apbd/reports/quiz/kuis?format=csv"))
    table = {r[0]: r for r in csv.reader(io.StringIO(exported.lstrip("\ufeff")))}
    assert table["Ibu kota"][3] == "0.5" and table["Ibu kota"][5] == "a*: 3; b: 3; c: 0"
    assert float(table["Kebalik"][4]) < 0 and table["Sulit"][3] == "0.0"


def test_the_drill_down_shows_one_learners_path(client, taught):
    login(client, NIPS["trainer"])
    with client.application.app_context():
        from elearn.models import User

        user_id = db.session().scalar(sa.select(User.id).where(User.nip == learner_nip(0)))
    page = text(client.get(f"/author/courses/apbd/reports/learners/{user_id}"))
    assert "Peserta 0" in page and "percobaan 1" in page and "60" in page
    exported = client.get(f"/author/courses/apbd/reports/learners/{user_id}?format=csv")
    rows = {r[0]: r for r in csv.reader(io.StringIO(text(exported).lstrip("\ufeff")))}
    assert rows["Kuis"][3:] == ["1", "60.0"] and rows["Pengantar"][2] != ""


def test_reports_are_for_the_courses_trainers_only(app, client, taught, login_as):
    login_as("partner")
    assert client.get("/author/courses/apbd/reports").status_code == 403
    other = app.test_client()
    with app.app_context():
        from elearn.accounts import create_user

        create_user(
            db.session(),
            full_name="Lain",
            nip=learner_nip(50),
            password="kata-sandi-uji-123",
            roles=["trainer"],
        )
        db.session().commit()
    login(other, learner_nip(50), "kata-sandi-uji-123")
    for url in [
        "/author/courses/apbd/reports",
        "/author/courses/apbd/reports/quiz/kuis",
        "/author/courses/apbd/reports/learners/1",
        "/author/courses/apbd/reports?format=csv",
    ]:
        assert other.get(url).status_code == 404, url


def test_the_report_sends_the_same_queries_for_more_learners(app, client, taught, count_queries):
    login(client, NIPS["trainer"])
    urls = ["/author/courses/apbd/reports", "/author/courses/apbd/reports/quiz/kuis"]
    few = [count_queries(client, url) for url in urls]
    for n in range(10, 16):
        other = app.test_client()
        from elearn.accounts import create_user

        with app.app_context():
            create_user(
                db.session(), full_name=f"P {n}", nip=learner_nip(n), password="kata-sandi-uji-123"
            )
            db.session().commit()
        login(other, learner_nip(n), "kata-sandi-uji-123")
        post(other, "/courses/apbd/enrol", "/courses/apbd")
        url = post(other, "/courses/apbd/items/kuis/start", "/courses/apbd/items/kuis").location
        finish(other, url, WEAK)
    assert [count_queries(client, url) for url in urls] == few


def test_correlation_is_pearsons_r():
    assert correlation([0, 1, 0, 1], [0, 2, 0, 2]) == pytest.approx(1)
    assert correlation([0, 1, 0, 1], [2, 0, 2, 0]) == pytest.approx(-1)
    assert correlation([1, 1, 1], [0, 1, 2]) is None
