"""Course discussions and moderation: a learner asks, the course's trainers are told,
the trainer answers and accepts, followers hear of answers; only the course's learners
and trainers read it; trainers pin, close and hide; anyone reports a post and the
post's moderators (not others) hide or keep it, audit-logged; posting is rate-limited."""

from __future__ import annotations

import re

import sqlalchemy as sa

from elearn import db
from elearn.models import (
    AuditEntry,
    CourseAnswer,
    CourseQuestion,
    PostReport,
)
from elearn.testing import learner_nip
from tests.events import notice_kinds, press, signed_in

DISCUSSION = "/courses/apbd/discussion"


def enrolled(people, count):
    made = people(count)
    for _user, client in made:
        press(client, "/courses/apbd/enrol", "/courses/apbd")
    return made


def ask(client, title="Apa beda KUA dan PPAS?", item=""):
    data = {"title": title, "item": item, "body": "Saya bingung **urutannya**."}
    response = press(client, DISCUSSION, DISCUSSION, data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def test_a_question_is_answered_accepted_and_followed(app, taught_course, trainer, people):
    [(sari, sari_client), (budi, budi_client)] = enrolled(people, 2)
    thread = ask(sari_client, item="siklus")
    assert notice_kinds(app, trainer.id) == ["discussion.question"]
    teacher = signed_in(app, trainer)
    press(teacher, thread, thread, {"body": "KUA dulu, lalu PPAS; keduanya disepakati DPRD."})
    assert notice_kinds(app, sari.id) == ["discussion.answer"]
    press(budi_client, thread, thread, {"body": "Terima kasih, saya juga bertanya hal sama."})
    assert notice_kinds(app, sari.id) == ["discussion.answer", "discussion.answer"]
    assert notice_kinds(app, trainer.id) == ["discussion.question", "discussion.answer"]  # follows

    page = teacher.get(thread).get_data(as_text=True)
    answer_id = re.search(r'name="answer" value="(\d+)"', page).group(1)
    press(teacher, f"{thread}/accept", thread, {"answer": answer_id})
    shown = sari_client.get(thread).get_data(as_text=True)
    assert "Diterima pengajar" in shown and "Siklus Anggaran" in shown
    assert "<strong>urutannya</strong>" in shown
    listing = sari_client.get(DISCUSSION).get_data(as_text=True)
    assert '<span class="badge badge-active">jawaban diterima</span>' in listing


def test_only_the_courses_learners_and_trainers_read_it(
    app, taught_course, trainer, people, make_user
):
    [(sari, sari_client)] = enrolled(people, 1)
    thread = ask(sari_client)
    [(outsider, outsider_client)] = people(1, start=10)  # not enrolled
    assert outsider_client.get(DISCUSSION).status_code == 403
    assert outsider_client.get(thread).status_code == 403
    other = make_user("trainer", nip=learner_nip(30), email="lain@contoh.go.id")
    assert signed_in(app, other).get(thread).status_code == 403
    assert signed_in(app, trainer).get(thread).status_code == 200


def test_a_trainer_pins_closes_and_others_cannot(app, taught_course, trainer, people):
    [(sari, sari_client), (budi, budi_client)] = enrolled(people, 2)
    thread = ask(sari_client)
    assert press(budi_client, f"{thread}/lock", thread).status_code == 403
    teacher = signed_in(app, trainer)
    press(teacher, f"{thread}/lock", thread)
    press(teacher, f"{thread}/pin", thread)
    refused = press(budi_client, thread, thread, {"body": "Jawaban terlambat."})
    assert "ditutup untuk jawaban baru" in refused.get_data(as_text=True)
    with app.app_context():
        question = db.session().scalar(sa.select(CourseQuestion))
        assert (question.locked, question.pinned, question.answers) == (True, True, 0)


def test_a_reported_answer_is_hidden_by_the_trainer_with_a_reason(
    app, taught_course, trainer, people
):
    [(sari, sari_client), (budi, budi_client)] = enrolled(people, 2)
    thread = ask(sari_client, title="Kunci kuis siklus?")
    press(budi_client, thread, thread, {"body": "Jawabannya: **B, C, A**."})
    with app.app_context():
        answer_id = db.session().scalar(sa.select(CourseAnswer.id))
    report = {"kind": "answer", "post_id": str(answer_id), "reason": "Membocorkan jawaban kuis"}
    press(sari_client, "/moderation/report", thread, report)
    press(sari_client, "/moderation/report", thread, report)  # once per person
    assert notice_kinds(app, trainer.id)[-1] == "post.reported"
    hide_path = f"/moderation/answer/{answer_id}/hide"
    assert press(sari_client, hide_path, thread, {"reason": "x"}).status_code == 403

    teacher = signed_in(app, trainer)
    queue = teacher.get("/moderation").get_data(as_text=True)
    assert "Membocorkan jawaban kuis" in queue and "B, C, A" in queue
    press(teacher, hide_path, "/moderation", {"reason": "Berisi kunci jawaban kuis"})
    shown = sari_client.get(thread).get_data(as_text=True)
    assert "B, C, A" not in shown
    assert "Disembunyikan moderator: Berisi kunci jawaban kuis" in shown
    assert "B, C, A" in teacher.get(thread).get_data(as_text=True)  # the trainer still sees it
    assert "Tidak ada laporan terbuka." in teacher.get("/moderation").get_data(as_text=True)
    with app.app_context():
        session = db.session()
        assert session.scalar(sa.select(sa.func.count(PostReport.id))) == 1
        entry = session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "post.hide"))
        assert entry.target == f"answer:{answer_id}"
    press(teacher, f"/moderation/answer/{answer_id}/restore", thread)
    assert "B, C, A" in sari_client.get(thread).get_data(as_text=True)


def test_posting_is_rate_limited_per_person(app, taught_course, people):
    app.config["POST_LIMIT_USER"] = "3 per 10 minutes"
    [(sari, sari_client), (budi, budi_client)] = enrolled(people, 2)
    for n in range(3):
        ask(sari_client, title=f"Pertanyaan nomor {n}")
    refused = press(sari_client, DISCUSSION, DISCUSSION, {"title": "Satu lagi", "body": "x"})
    assert refused.status_code == 429
    assert budi_client.get(DISCUSSION).status_code == 200  # others are not held back
    ask(budi_client, title="Pertanyaan dari Budi")


def test_a_discussion_costs_the_same_with_more_answers(app, taught_course, people, count_queries):
    [(sari, sari_client), (budi, budi_client)] = enrolled(people, 2)
    thread = ask(sari_client)
    press(budi_client, thread, thread, {"body": "Jawaban pertama."})
    small = [count_queries(sari_client, url) for url in (DISCUSSION, thread)]
    for n in range(5):
        ask(budi_client, title=f"Pertanyaan lain nomor {n}")
        press(budi_client, thread, thread, {"body": f"Jawaban ke-{n + 2}."})
    assert [count_queries(sari_client, url) for url in (DISCUSSION, thread)] == small


def test_a_moderator_removes_an_answer_for_good_keeping_the_counts(
    app, taught_course, trainer, people
):
    [(sari, sari_client), (budi, budi_client)] = enrolled(people, 2)
    thread = ask(sari_client)
    press(budi_client, thread, thread, {"body": "Iklan pinjaman online, hubungi 0812."})
    with app.app_context():
        answer_id = db.session().scalar(sa.select(CourseAnswer.id))
    remove = f"/moderation/answer/{answer_id}/remove"
    assert press(sari_client, remove, thread, {"reason": "Spam"}).status_code == 403
    teacher = signed_in(app, trainer)
    press(teacher, remove, thread, {"reason": "Iklan (spam)"})
    with app.app_context():
        session = db.session()
        assert session.get(CourseAnswer, answer_id) is None
        assert session.scalar(sa.select(CourseQuestion.answers)) == 0
        entry = session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "post.remove"))
        assert entry.summary.startswith("Iklan (spam) | Iklan pinjaman online")
    assert "pinjaman" not in sari_client.get(thread).get_data(as_text=True)


def test_a_lesson_page_asks_about_that_lesson(app, taught_course, people):
    [(sari, client)] = enrolled(people, 1)
    lesson = client.get("/courses/apbd/items/siklus").get_data(as_text=True)
    link = re.search(r'href="(/courses/apbd/discussion\?tentang=siklus)"', lesson).group(1)
    form = client.get(link).get_data(as_text=True)
    assert '<option selected value="siklus">Siklus Anggaran</option>' in form


def test_the_moderation_queue_costs_the_same_with_more_reports(
    app, taught_course, trainer, make_user, count_queries
):
    from elearn.models import Agency, Course, Idea, IdeaComment

    admin = make_user("admin", nip=learner_nip(96), email="mod@contoh.go.id")

    def report(count: int) -> None:
        """``count`` questions, answers, ideas and idea comments, each reported."""
        with app.app_context():
            session = db.session()
            course_id = session.scalar(sa.select(Course.id).where(Course.key == "apbd"))
            agency = Agency(code=f"A{count}", name=f"Dinas {count}")
            session.add(agency)
            session.flush()
            for n in range(count):
                question = CourseQuestion(course_id=course_id, title=f"T{n}", body="?")
                idea = Idea(agency_id=agency.id, service="s", title=f"Ide {n}", problem="p",
                            proposal="u")  # fmt: skip
                session.add_all([question, idea])
                session.flush()
                answer = CourseAnswer(question_id=question.id, body="Kuncinya B.")
                comment = IdeaComment(idea_id=idea.id, body="Iklan")
                session.add_all([answer, comment])
                session.flush()
                for kind, post in (("question", question), ("answer", answer), ("idea", idea),
                                   ("idea_comment", comment)):  # fmt: skip
                    session.add(PostReport(kind=kind, post_id=post.id, reason="Bocor"))
            session.commit()

    client = signed_in(app, admin)
    report(1)
    few = count_queries(client, "/moderation")
    report(6)
    assert count_queries(client, "/moderation") == few
    assert client.get("/moderation").get_data(as_text=True).count("Bocor") == 28
