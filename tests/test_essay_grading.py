"""Essays wait for a trainer who teaches the course; their grade completes the attempt."""

import re

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import Attempt, AuditEntry, Event, ItemProgress, User
from elearn.testing import learner_nip, login, post_form
from tests.courses import submit_essay
from tests.forms import trainer_client


def test_a_trainer_grades_an_essay_and_the_learner_reads_score_and_comment(
    app, client, pending_attempt
):
    url, learner = pending_attempt
    attempt_id = url.rsplit("/", 1)[1]
    assert "menunggu penilaian widyaiswara" in client.get(url).get_data(as_text=True).lower()
    trainer = trainer_client(app)
    queue = trainer.get("/author/grading").get_data(as_text=True)
    assert learner.full_name in queue and f"/author/grading/{attempt_id}" in queue
    page = trainer.get(f"/author/grading/{attempt_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "Menyebut Perda APBD (2 poin)" in page
    assert "Jawaban contoh dan penjelasan" in page and "UU 17/2003 tentang Keuangan" in page
    response = post_form(
        trainer,
        f"/author/grading/{attempt_id}",
        {"points-dasar-hukum": "3,5", "comment-dasar-hukum": "Lengkapi dengan PP 12/2019."},
    )
    assert response.headers["Location"].endswith("/author/grading")
    assert "Tidak ada jawaban yang menunggu penilaian." in trainer.get("/author/grading").get_data(
        as_text=True
    )
    result = client.get(url).get_data(as_text=True)
    assert "Nilai 4,5 dari 5 poin." in result  # the Indonesian decimal comma
    assert "Lulus" in result and "Lengkapi dengan PP 12/2019." in result
    with app.app_context():
        session = db.session()
        assert session.scalar(
            sa.select(ItemProgress.completed_at).where(ItemProgress.item_key == "kuis")
        )
        assert session.scalar(sa.select(Event.verb).where(Event.verb == "scored")) == "scored"
        logged = session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "attempt.grade"))
        assert (logged.target, logged.summary) == (f"attempt:{attempt_id}", "dasar-hukum: 3.5")


def test_a_grade_whose_audit_entry_fails_is_not_stored(app, pending_attempt, monkeypatch):
    """The grade and its audit entry are one transaction: no grade without its record."""
    from elearn.author import grading_routes

    def failing_audit(*args, **kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(grading_routes, "audit", failing_audit)
    url, _learner = pending_attempt
    attempt_id = url.rsplit("/", 1)[1]
    trainer = trainer_client(app)
    with pytest.raises(RuntimeError):
        post_form(trainer, f"/author/grading/{attempt_id}", {"points-dasar-hukum": "3"})
    with app.app_context():
        session = db.session()
        assert session.scalar(sa.select(Attempt.pending).where(Attempt.id == int(attempt_id)))
        assert session.scalar(sa.select(Event.id).where(Event.verb == "scored")) is None


def test_points_out_of_range_are_refused_and_nothing_changes(app, pending_attempt):
    url, _learner = pending_attempt
    attempt_id = url.rsplit("/", 1)[1]
    trainer = trainer_client(app)
    response = post_form(trainer, f"/author/grading/{attempt_id}", {"points-dasar-hukum": "9"})
    assert response.status_code == 400
    assert "Beri 0 sampai 4 poin." in response.get_data(as_text=True)
    assert f"/author/grading/{attempt_id}" in trainer.get("/author/grading").get_data(as_text=True)


def test_only_the_courses_trainers_and_admins_grade(app, client, pending_attempt, make_user):
    url, _learner = pending_attempt
    attempt_id = url.rsplit("/", 1)[1]
    make_user("trainer", nip="198001012005011001", email="lain@contoh.go.id")
    stranger = trainer_client(app, "198001012005011001")
    assert f"/author/grading/{attempt_id}" not in stranger.get("/author/grading").get_data(
        as_text=True
    )
    assert stranger.get(f"/author/grading/{attempt_id}").status_code == 404
    assert client.get("/author/grading").status_code == 403  # the learner
    make_user("admin")
    admin = trainer_client(app, "198104222006042002")
    assert admin.get(f"/author/grading/{attempt_id}").status_code == 200


def test_the_cli_names_a_courses_trainers(app, runner, make_user, tmp_path):
    from elearn.demo import sample_course_folders

    make_user("trainer")
    folder = str(sample_course_folders()[0])
    result = runner.invoke(args=["import", folder, "--trainer", "197508172000121003"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        trainer = db.session().scalar(sa.select(User).where(User.nip == "197508172000121003"))
        taught = db.session().execute(sa.text("SELECT user_id FROM course_trainers")).scalars()
        assert list(taught) == [trainer.id]
    refused = runner.invoke(args=["import", folder, "--trainer", "199003152015032001"])
    assert refused.exit_code != 0 and "no trainer" in refused.output
    assert re.search(r"unchanged|created", result.output)


def test_saving_a_grade_goes_on_to_the_next_answer_waiting(app, client, pending_attempt, make_user):
    url, _learner = pending_attempt
    first = url.rsplit("/", 1)[1]
    other = app.test_client()
    make_user("learner", nip=learner_nip(1), email="andi@contoh.go.id", name="Andi")
    login(other, learner_nip(1))
    second_url = submit_essay(other, "UU 17/2003.")
    second = second_url.rsplit("/", 1)[1]
    trainer = trainer_client(app)
    saved = post_form(trainer, f"/author/grading/{first}", {"points-dasar-hukum": "4"})
    assert saved.headers["Location"].endswith(f"/author/grading/{second}")
    page = trainer.get(f"/author/grading/{second}").get_data(as_text=True)
    assert "Nilai tersimpan" in page and "Andi" in page
    done = post_form(trainer, f"/author/grading/{second}", {"points-dasar-hukum": "2"})
    assert done.headers["Location"].endswith("/author/grading")  # none left
