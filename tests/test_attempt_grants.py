"""A learner who used every attempt at a quiz is told whom to ask, and a trainer of the
course (or an admin) can grant more with a reason; "Start the quiz" is not offered while
an attempt waits for a grade or when the score that counts is already full marks (only
the limit is enforced: a learner who starts one anyway only spends their own time)."""

import logging

import sqlalchemy as sa

from elearn import db
from elearn.models import AttemptGrant, AuditEntry, Course, CourseTrainer
from elearn.testing import login, post_form, quiz_file
from tests.courses import course_files, finish, post

QUIZ = """## Ibu kota
- (x) Jakarta
- ( ) Bandung

## Pernyataan
APBD ditetapkan dengan Perda.
= benar
"""
QUIZ_PAGE = "/courses/apbd/items/kuis"


def start(client):
    return post(client, f"{QUIZ_PAGE}/start", QUIZ_PAGE).headers["Location"]


def fail_once(client):
    finish(client, start(client), {"ibu-kota": "Bandung", "pernyataan": "Salah"})


def teach(app, user):
    with app.app_context():
        session = db.session()
        course_id = session.scalar(sa.select(Course.id).where(Course.key == "apbd"))
        session.add(CourseTrainer(course_id=course_id, user_id=user.id))
        session.commit()


def test_used_up_attempts_say_whom_to_ask_and_a_trainer_grants_one_more(
    app, client, publish, login_as, make_user, caplog
):
    publish(course_files(extra={"03-kuis.md": quiz_file(QUIZ, "percobaan: 1\n")}))
    trainer = make_user("trainer", name="Dewi Widyaiswara")
    teach(app, trainer)
    learner = login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    fail_once(client)
    page = client.get(QUIZ_PAGE).get_data(as_text=True)
    assert "Mulai kuis" not in page
    assert "minta kesempatan tambahan kepada widyaiswara kursus (Dewi Widyaiswara)" in page
    refused = post(client, f"{QUIZ_PAGE}/start", QUIZ_PAGE)
    assert refused.headers["Location"].endswith(QUIZ_PAGE)
    assert "Anda telah menggunakan semua kesempatan" in client.get(QUIZ_PAGE).get_data(as_text=True)

    teacher = app.test_client()
    login(teacher, trainer.nip)
    report = f"/author/courses/apbd/reports/learners/{learner.id}"
    assert "Kesempatan tambahan" in teacher.get(report).get_data(as_text=True)
    grant = f"{report}/attempts"
    empty = post_form(teacher, grant, {"item_key": "kuis", "extra": "1", "reason": " "}, report)
    assert empty.status_code == 302
    with caplog.at_level(logging.INFO, logger="elearn.mail"):
        post_form(
            teacher, grant, {"item_key": "kuis", "extra": "1", "reason": "Jaringan putus"}, report
        )
    shown = teacher.get(report).get_data(as_text=True)
    assert "1 kesempatan di Kuis" in shown and "Jaringan putus" in shown
    assert 'Kesempatan tambahan untuk kuis "Kuis" (Dasar APBD): 1.' in caplog.text
    assert "http://localhost/courses/apbd/items/kuis" in caplog.text
    with app.app_context():
        session = db.session()
        assert session.scalar(sa.select(sa.func.count(AttemptGrant.id))) == 1  # not the empty
        entry = session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "attempt.extra"))
        assert entry.actor_id == trainer.id and "Jaringan putus" in entry.summary

    page = client.get(QUIZ_PAGE).get_data(as_text=True)
    assert "Mulai kuis" in page and "<dd>2</dd>" in page  # one allowed plus one granted
    fail_once(client)
    assert "Mulai kuis" not in client.get(QUIZ_PAGE).get_data(as_text=True)


def test_only_the_course_s_trainers_and_admins_grant_attempts(
    app, client, publish, login_as, make_user
):
    publish(course_files(extra={"03-kuis.md": quiz_file(QUIZ, "percobaan: 1\n")}))
    learner = login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    report = f"/author/courses/apbd/reports/learners/{learner.id}"
    data = {"item_key": "kuis", "extra": "5", "reason": "saya sendiri"}
    assert post_form(client, f"{report}/attempts", data, "/dashboard").status_code == 403
    other = app.test_client()
    login(other, make_user("trainer").nip)  # teaches nothing
    assert post_form(other, f"{report}/attempts", data, "/author/").status_code == 404
    admin = app.test_client()
    login(admin, make_user("admin").nip)
    assert post_form(admin, f"{report}/attempts", data, report).status_code == 302
    with app.app_context():
        assert db.session().scalar(sa.select(AttemptGrant.extra)) == 5


def test_no_new_attempt_is_offered_while_one_waits_for_a_grade(client, publish, login_as):
    essay = QUIZ + "\n## Esai {tipe=esai}\nJelaskan siklus APBD.\n"
    publish(course_files(extra={"03-kuis.md": quiz_file(essay)}))
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    finish(client, start(client), {"esai": "Perencanaan lalu pelaksanaan."})
    page = client.get(QUIZ_PAGE).get_data(as_text=True)
    assert "menunggu nilai dari widyaiswara" in page and "Mulai kuis" not in page


def test_full_marks_end_the_offer_of_another_attempt(client, publish, login_as):
    publish(course_files(extra={"03-kuis.md": quiz_file(QUIZ)}))  # unlimited attempts
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    fail_once(client)
    assert "Mulai kuis" in client.get(QUIZ_PAGE).get_data(as_text=True)  # 0 can rise
    finish(client, start(client), {"ibu-kota": "Jakarta", "pernyataan": "Benar"})
    page = client.get(QUIZ_PAGE).get_data(as_text=True)
    assert "nilai penuh" in page and "Mulai kuis" not in page
