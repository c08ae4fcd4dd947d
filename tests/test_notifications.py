"""The notification centre: what a person is told shows under the bell with its count,
opens the page it is about and is then read; e-mail follows each person's choice (at
once, a daily digest, or none), in their language; a mail server that is down delays a
notice, never loses it; mandatory-course reminders come once per stage."""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from elearn import db
from elearn.models import Job, Notification, User
from elearn.models.types import utcnow
from elearn.notifications import send_digests
from elearn.reminders import remind, stage_of
from elearn.testing import NIPS, learner_nip, login, post_form
from tests.forms import SUPERVISOR_NIP, assign, log_entry, switch_to, trainer_client


def grade(app, url):
    attempt_id = url.rsplit("/", 1)[1]
    trainer = trainer_client(app)
    post_form(trainer, f"/author/grading/{attempt_id}", {"points-dasar-hukum": "4"})
    return trainer


def test_a_graded_essay_rings_the_learner_s_bell_and_opens_the_result(
    app,
    client,
    pending_attempt,
):
    url, learner = pending_attempt
    trainer = trainer_client(app)
    queue = trainer.get("/notifications").get_data(as_text=True)
    assert f"Jawaban {learner.full_name} untuk &#34;Kuis&#34; (Dasar APBD) menunggu" in queue
    assert 'class="count"' not in client.get("/dashboard").get_data(as_text=True)
    grade(app, url)
    header = client.get("/dashboard").get_data(as_text=True)
    assert '<span class="count" aria-label="1 belum dibaca">1</span>' in header
    page = client.get("/notifications").get_data(as_text=True)
    assert "sudah dinilai: 100." in page and 'class="unread"' in page
    with app.app_context():
        notice = db.session().scalar(
            sa.select(Notification).where(Notification.user_id == learner.id)
        )
    opened = client.get(f"/notifications/{notice.id}")
    assert opened.headers["Location"] == url.replace("http://localhost", "")
    assert 'class="count"' not in client.get("/dashboard").get_data(as_text=True)
    assert trainer.get(f"/notifications/{notice.id}").status_code == 404  # not theirs


def test_mark_all_read_and_the_english_text(app, client, pending_attempt):
    url, learner = pending_attempt
    grade(app, url)
    client.set_cookie("lang", "en")
    assert "were graded: 100." in client.get("/notifications").get_data(as_text=True)
    post_form(client, "/notifications/read", {}, "/notifications")
    assert 'class="unread"' not in client.get("/notifications").get_data(as_text=True)


def test_each_notice_is_mailed_at_once_by_default_in_the_reader_s_language(
    app,
    client,
    pending_attempt,
    caplog,
):
    import logging

    url, learner = pending_attempt
    with app.app_context():
        db.session().get(User, learner.id).locale = "en"
        db.session().commit()
    with caplog.at_level(logging.INFO, logger="elearn.mail"):
        grade(app, url)
    assert 'Your answers to "Kuis" (Dasar APBD) were graded: 100.' in caplog.text
    assert f"http://localhost{url.replace('http://localhost', '')}" in caplog.text
    assert "http://localhost/notifications" in caplog.text  # where to change the setting


def test_a_daily_digest_gathers_the_day_and_goes_once(app, client, pending_attempt):
    url, learner = pending_attempt
    post_form(client, "/notifications/email", {"notify_email": "daily"}, "/notifications")
    grade(app, url)
    with app.test_request_context(method="POST"):
        session = db.session()
        assert session.scalar(sa.select(sa.func.count(Job.id)).where(_mail_to(learner))) == 0
        assert send_digests(session) == 0  # today's notices wait for tomorrow
        session.add(Notification(user_id=learner.id, kind="export.ready", params={"name": "a"}))
        session.execute(
            sa.update(Notification)
            .where(Notification.user_id == learner.id)
            .values(created_at=utcnow() - timedelta(days=1))
        )
        assert send_digests(session) == 1
        session.commit()
        assert send_digests(session) == 0  # nothing twice
        [digest] = session.scalars(sa.select(Job).where(_mail_to(learner))).all()
        assert digest.payload["sent"] == 2  # one e-mail: the grade and the export


def test_no_mail_when_switched_off_but_the_bell_still_rings(
    app,
    client,
    pending_attempt,
):
    url, learner = pending_attempt
    post_form(client, "/notifications/email", {"notify_email": "off"}, "/notifications")
    assert "Pengaturan surel Anda tersimpan." in client.get("/notifications").get_data(as_text=True)
    grade(app, url)
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(Job.id)).where(_mail_to(learner))) == 0
    assert 'class="count"' in client.get("/dashboard").get_data(as_text=True)


def test_a_mail_server_that_is_down_delays_the_notice_and_loses_nothing(
    make_app,
    pending_attempt,
):
    url, learner = pending_attempt
    down = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=1)  # nothing listens there
    grade(down, url)
    with down.app_context():
        session = db.session()
        [job] = session.scalars(sa.select(Job).where(_mail_to(learner))).all()
        assert job.state == "queued" and job.attempts == 1 and job.last_error
        assert session.scalar(
            sa.select(sa.func.count(Notification.id)).where(Notification.user_id == learner.id)
        )


def _mail_to(learner):
    return sa.and_(Job.name == "notification.mail", Job.user_id == learner.id)


def test_mandatory_reminders_come_once_for_each_stage(app, client, city):
    login(client, NIPS["admin"])
    due = date.today() + timedelta(days=5)
    assign(client, app, agency_id=city["DINKES"], due_date=due.isoformat())
    login(other := app.test_client(), learner_nip(0), "kata-sandi-uji-123")
    page = other.get("/notifications").get_data(as_text=True)
    assert "Kursus wajib baru: Kursus Uji" in page
    assert "Kursus wajib Kursus Uji bertenggat seminggu lagi" in page
    with app.test_request_context(method="POST"):
        session = db.session()
        assert remind(session) == 0  # nothing twice
        session.execute(sa.update(_assignments()).values(due_date=date.today() - timedelta(days=1)))
        assert remind(session) == 4  # Sari and Andi: the new date's assignment and overdue
        session.commit()
        assert remind(session) == 0
    assert "sudah lewat tenggat" in other.get("/notifications").get_data(as_text=True)


def _assignments():
    from elearn.models import MandatoryCourse

    return MandatoryCourse


def test_reminder_stages_follow_the_days_left():
    today = date(2026, 12, 3)
    assert [stage_of(today + timedelta(days=d), today) for d in (9, 7, 2, 1, 0, -1)] == [
        None,
        "week",
        "week",
        "day",
        "day",
        "overdue",
    ]


def test_the_bell_costs_no_statement_of_its_own(app, client, login_as, count_queries):
    login_as("learner")
    first = count_queries(client, "/notifications")
    with app.app_context():
        session = db.session()
        user_id = session.scalar(sa.select(User.id))
        session.add_all(
            Notification(user_id=user_id, kind="export.ready", params={"name": "x"})
            for _ in range(3)
        )
        session.commit()
    assert count_queries(client, "/notifications") == first
    assert ">3</span>" in client.get("/dashboard").get_data(as_text=True)


def test_the_menu_counts_what_waits_for_trainers_and_supervisors(
    app, client, pending_attempt, make_user
):
    trainer = trainer_client(app)
    header = trainer.get("/dashboard").get_data(as_text=True)
    assert 'Penilaian <span class="count" aria-label="1 menunggu">1</span>' in header
    assert "Tim saya" not in header  # nobody reports to the trainer
    grade(app, pending_attempt[0])
    assert 'Penilaian <span class="count"' not in trainer.get("/dashboard").get_data(as_text=True)


def test_a_supervisor_finds_the_team_in_the_menu_with_the_logs_waiting(app, client, team):
    login(client, NIPS["learner"])
    log_entry(client)
    assert "Tim saya" not in client.get("/dashboard").get_data(as_text=True)
    switch_to(client, SUPERVISOR_NIP)
    header = client.get("/dashboard").get_data(as_text=True)
    assert 'Tim saya <span class="count" aria-label="1 menunggu">1</span>' in header
    page = client.get("/notifications").get_data(as_text=True)
    assert "Sari Wulandari meminta persetujuan Anda" in page


def test_the_digest_s_day_is_jakarta_s_even_just_after_its_midnight(
    app, client, pending_attempt, monkeypatch
):
    """At 00:36 in Jakarta (17:36 UTC the day before) a notice of ten minutes ago is of
    today and waits; one of an hour ago is of yesterday and goes. The cut-off was
    compared with the stored UTC times as Jakarta's wall-clock time on SQLite, and the
    notices of the last seven hours went a day early."""
    from elearn import notifications

    url, learner = pending_attempt
    post_form(client, "/notifications/email", {"notify_email": "daily"}, "/notifications")
    now = datetime(2026, 12, 3, 17, 36, tzinfo=UTC)
    monkeypatch.setattr(notifications, "utcnow", lambda: now)
    with app.test_request_context(method="POST"):
        session = db.session()
        session.add(
            Notification(
                user_id=learner.id,
                kind="export.ready",
                params={"name": "a"},
                created_at=now - timedelta(minutes=10),
            )
        )
        session.flush()
        assert send_digests(session) == 0  # 00:26 in Jakarta: today's
        session.execute(
            sa.update(Notification)
            .where(Notification.user_id == learner.id)
            .values(created_at=now - timedelta(hours=1))
        )
        assert send_digests(session) == 1  # 23:36 in Jakarta the day before
