"""An event's evaluation form (anonymous, averaged, required when the event says so)
and its pre-test and post-test written in the course's quiz format."""

from __future__ import annotations

import re

import sqlalchemy as sa

from elearn import db
from elearn.models import (
    EventEvaluation,
    EventRegistration,
    EventTestAttempt,
    JpCredit,
    TrainingEvent,
)
from elearn.testing import quiz_fields
from tests.events import (
    RIGHT,
    TEST_QUIZ,
    WRONG,
    complete_event,
    make_event,
    press,
    save_test,
    signed_in,
    take,
)


def test_the_evaluation_is_required_anonymous_and_averaged(app, trainer, people):
    event_id = make_event(
        app, trainer.id, evaluation_required=True, jp_status="approved", jp_approved=6
    )
    [(sari, sari_client), (budi, budi_client), (late, late_client)] = people(3)
    page = f"/kegiatan/{event_id}"
    press(late_client, f"{page}/register", page)
    assert late_client.get(f"{page}/evaluation").status_code == 302  # attended nothing yet
    for client in (sari_client, budi_client):
        complete_event(app, trainer, client, event_id)
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(JpCredit.id))) == 0  # form first

    form = sari_client.get(f"{page}/evaluation").get_data(as_text=True)
    assert "Narasumber menguasai materi" in form
    refused = press(sari_client, f"{page}/evaluation", f"{page}/evaluation", {"speakers": "5"})
    assert "Pilih satu jawaban." in refused.get_data(as_text=True)
    answers = {"speakers": "5", "material": "4", "organisation": "3", "usefulness": "5"}
    press(
        sari_client,
        f"{page}/evaluation",
        f"{page}/evaluation",
        answers | {"comment": "Materi SOP sangat membantu."},
    )
    press(
        budi_client,
        f"{page}/evaluation",
        f"{page}/evaluation",
        answers | {"speakers": "3", "comment": ""},
    )
    again = press(sari_client, f"{page}/evaluation", page, answers)
    assert again.status_code == 302  # once each
    with app.app_context():
        session = db.session()
        assert sorted(session.scalars(sa.select(JpCredit.user_id)).all()) == sorted(
            [sari.id, budi.id]
        )
        columns = {c.name for c in EventEvaluation.__table__.columns}
        assert not columns & {"user_id", "registration_id", "created_at"}
        assert session.scalar(sa.select(sa.func.count(EventEvaluation.id))) == 2

    report = signed_in(app, trainer).get(f"{page}/report").get_data(as_text=True)
    assert "2 peserta menjawab." in report
    assert "4 dari 5" in report  # the speakers: (5 + 3) / 2
    assert '<desc id="chart-evaluation-desc">Narasumber: 4; Materi: 4; ' in report
    assert "Materi SOP sangat membantu." in report
    assert "ASN 0" not in report and "ASN 1" not in report  # no name beside the answers


def test_a_test_with_a_mistake_is_refused_with_its_line(app, trainer):
    event_id = make_event(app, trainer.id)
    organiser = signed_in(app, trainer)
    broken = TEST_QUIZ.replace("- [x] APBD", "- [ ] APBD")
    page = save_test(organiser, event_id, broken, post_test_required=True).get_data(as_text=True)
    assert "Tes tidak disimpan" in page
    assert "Baris 7: Tidak ada pilihan yang ditandai benar." in page
    with app.app_context():
        assert db.session().get(TrainingEvent, event_id).test_source == ""
    essay = TEST_QUIZ + "\n## Refleksi {tipe=esai}\nTuliskan rencana penerapan SOP.\n"
    page = save_test(organiser, event_id, essay).get_data(as_text=True)
    assert "Baris 19: Esai perlu dinilai orang" in page
    assert save_test(organiser, event_id, TEST_QUIZ, post_test_required=True).status_code == 302


def test_pre_and_post_tests_show_the_gain_and_the_post_test_completes(app, trainer, people):
    event_id = make_event(
        app, trainer.id, sessions=1, attendance_percent=100, jp_status="approved", jp_approved=4
    )
    organiser = signed_in(app, trainer)
    save_test(organiser, event_id, TEST_QUIZ, pre_test=True, post_test_required=True)
    [(sari, client)] = people(1)
    page = f"/kegiatan/{event_id}"
    press(client, f"{page}/register", page)
    assert client.get(f"{page}/test/post").status_code == 302  # not before the event

    pre_page_start = press(client, f"{page}/test/pre", f"{page}/test/pre")
    assert pre_page_start.status_code == 302
    shown = client.get(f"{page}/test/pre").get_data(as_text=True)
    assert 'value="APBD"' not in shown  # option values are per-attempt tokens
    done = client.post(f"{page}/test/pre", data=quiz_fields(shown, WRONG), follow_redirects=True)
    assert "Pra-tes terkirim: nilai Anda 0." in done.get_data(as_text=True)
    assert press(client, f"{page}/test/pre", page).status_code == 302  # once only
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(EventTestAttempt.id))) == 1

    complete_event(app, trainer, client, event_id)  # present: not complete without the test
    with app.app_context():
        assert db.session().scalar(sa.select(EventRegistration.completed_at)) is None
    failed = take(client, event_id, "post", WRONG | {"dokumen-anggaran": "APBD"})
    assert "di bawah nilai lulus" in failed.get_data(as_text=True)
    passed = take(client, event_id, "post", RIGHT)
    assert "Anda lulus pasca-tes dengan nilai 100." in passed.get_data(as_text=True)
    with app.app_context():
        session = db.session()
        assert session.scalar(sa.select(EventRegistration.completed_at)) is not None
        assert session.scalar(sa.select(JpCredit.jp)) == 4
    again = press(client, f"{page}/test/post", page)
    assert again.status_code == 302  # passed: no further attempt
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(EventTestAttempt.id))) == 3
    report = organiser.get(f"{page}/report").get_data(as_text=True)
    assert re.search(r"Kenaikan</dt><dd>\+100</dd>", report)


def test_an_open_attempt_of_an_edited_test_is_drawn_again(app, trainer, people):
    event_id = make_event(app, trainer.id, sessions=1, attendance_percent=100)
    organiser = signed_in(app, trainer)
    save_test(organiser, event_id, TEST_QUIZ, pre_test=True)
    [(sari, client)] = people(1)
    page = f"/kegiatan/{event_id}"
    press(client, f"{page}/register", page)
    press(client, f"{page}/test/pre", f"{page}/test/pre")
    stale = client.get(f"{page}/test/pre").get_data(as_text=True)
    save_test(
        organiser,
        event_id,
        TEST_QUIZ.replace("## Singkatan SOP", "## Kepanjangan SOP"),
        pre_test=True,
    )
    response = client.post(f"{page}/test/pre", data=quiz_fields(stale, RIGHT))
    assert response.status_code == 302  # a new attempt is drawn, nothing graded
    fresh = client.get(f"{page}/test/pre").get_data(as_text=True)
    assert "Kepanjangan SOP" in fresh
    with app.app_context():
        attempts = db.session().scalars(sa.select(EventTestAttempt)).all()
        assert [(a.submitted_at, a.score) for a in attempts] == [(None, None)]
