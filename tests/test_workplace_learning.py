"""Workplace learning (10:20:70): an ASN logs coaching, mentoring or an assignment; only
their direct supervisor approves it, within the limits the admin sets, and its JP count
on the dashboard and in the JP report; a rejection carries a note the ASN reads."""

from datetime import date, timedelta

import sqlalchemy as sa

from elearn import db
from elearn.models import AuditEntry, JpCredit, User, WorkplaceLearning, WorkplaceLimit
from elearn.testing import NIPS, learner_nip, login, post_form
from tests.forms import LAST_WEEK, SUPERVISOR_NIP, log_entry, switch_to


def decide(client, entry_id, **data):
    return post_form(client, f"/team/workplace/{entry_id}", data, page="/team")


def test_an_approved_coaching_log_raises_the_asns_jp(app, client, team):
    login(client, NIPS["learner"])
    assert log_entry(client).status_code == 302
    page = client.get("/learning/workplace").get_data(as_text=True)
    assert "Coaching penyusunan Renja" in page and "menunggu persetujuan atasan" in page
    assert 'class="big-number">0 ' in client.get("/dashboard").get_data(as_text=True)

    switch_to(client, SUPERVISOR_NIP)
    team_page = client.get("/team").get_data(as_text=True)
    assert "Coaching penyusunan Renja" in team_page and "Setujui 3 JP" in team_page
    assert decide(client, 1, approve="1").status_code == 302
    assert "Disetujui: 3 JP diakui untuk Sari Wulandari." in client.get("/team").get_data(
        as_text=True
    )
    with app.app_context():
        session = db.session()
        credit = session.scalar(sa.select(JpCredit))
        assert (credit.jp, credit.year, credit.competency, credit.competency_code) == (
            3,
            LAST_WEEK.year,
            "manajerial",
            "M.04",
        )
        assert session.scalar(sa.select(AuditEntry.action)) == "workplace.approve"

    switch_to(client, NIPS["learner"])
    if LAST_WEEK.year == date.today().year:
        assert 'class="big-number">3 ' in client.get("/dashboard").get_data(as_text=True)
    assert "disetujui, 3 JP" in client.get("/learning/workplace").get_data(as_text=True)


def test_the_jp_report_counts_approved_workplace_learning_under_its_competency(client, team):
    login(client, NIPS["learner"])
    log_entry(client, end_date=date.today().isoformat(), start_date=date.today().isoformat())
    switch_to(client, SUPERVISOR_NIP)
    decide(client, 1, approve="1")
    switch_to(client, NIPS["admin"])
    page = client.get("/admin/reports/jp").get_data(as_text=True)
    assert "M.04: 3" in page  # the managerial column of Sari's row, by competency


def test_the_form_asks_for_no_more_than_the_limits_allow(app, client, team):
    login(client, NIPS["learner"])
    page = client.get("/learning/workplace").get_data(as_text=True)
    assert "coaching 4 JP · mentoring 4 JP · penugasan di tempat kerja 8 JP" in page
    refused = log_entry(client, jp="10")  # the default per-entry limit for coaching is 4
    assert refused.status_code == 200
    assert f"Batas mengizinkan 4 JP untuk coaching pada {LAST_WEEK.year}" in refused.get_data(
        as_text=True
    )
    assert log_entry(client, jp="4").status_code == 302
    assert log_entry(client, jp="4", title="Coaching kedua").status_code == 302  # 8 a year
    full = log_entry(client, jp="1", title="Coaching ketiga").get_data(as_text=True)
    assert "Batas mengizinkan 0 JP untuk coaching" in full  # the waiting ones count
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(WorkplaceLearning.id))) == 2


def test_approval_credits_no_more_than_the_limits_of_the_day(app, client, team):
    login(client, NIPS["learner"])
    log_entry(client, jp="4")
    log_entry(client, jp="4", title="Coaching kedua")
    with app.app_context():  # BKPSDM lowers the limits before the supervisor decides
        db.session().add(WorkplaceLimit(kind="coaching", per_entry=3, per_year=5))
        db.session().commit()
    switch_to(client, SUPERVISOR_NIP)
    page = client.get("/team").get_data(as_text=True)
    assert "4 JP diajukan; batas mengizinkan 3 JP" in page
    decide(client, 1, approve="1")
    assert "Disetujui: 3 dari 4 JP yang diajukan diakui" in client.get("/team").get_data(
        as_text=True
    )
    decide(client, 2, approve="1")  # 5 of the yearly 5 now
    with app.app_context():
        credits = db.session().scalars(sa.select(JpCredit.jp).order_by(JpCredit.id)).all()
        assert credits == [3, 2]


def test_an_admin_sets_the_limits_and_they_apply(app, client, team):
    login(client, NIPS["admin"])
    limits = {
        f"{kind}_{part}": "6"
        for kind in ("coaching", "mentoring", "penugasan")
        for part in ("per_entry", "per_year")
    }
    bad = post_form(client, "/admin/workplace-limits", {**limits, "coaching_per_year": "2"})
    assert "Satu kegiatan tidak boleh melebihi batas tahunan." in bad.get_data(as_text=True)
    assert post_form(client, "/admin/workplace-limits", limits).status_code == 302
    switch_to(client, NIPS["learner"])
    assert "paling banyak 6 JP per kegiatan dan 6 JP per tahun" in client.get(
        "/learning/workplace"
    ).get_data(as_text=True)
    assert "Batas mengizinkan 6 JP" in log_entry(client, jp="10").get_data(as_text=True)
    log_entry(client, jp="6")
    switch_to(client, SUPERVISOR_NIP)
    decide(client, 1, approve="1")
    with app.app_context():
        assert db.session().scalar(sa.select(JpCredit.jp)) == 6


def test_limits_are_for_admins_only(client, team):
    login(client, SUPERVISOR_NIP)
    assert client.get("/admin/workplace-limits").status_code == 403


def test_a_rejection_needs_a_note_that_the_asn_reads(app, client, team):
    login(client, NIPS["learner"])
    log_entry(client)
    switch_to(client, SUPERVISOR_NIP)
    decide(client, 1, reject="1")
    assert "Tuliskan alasan penolakan" in client.get("/team").get_data(as_text=True)
    decide(client, 1, reject="1", note="Lampirkan notulen coaching.")
    switch_to(client, NIPS["learner"])
    page = client.get("/learning/workplace").get_data(as_text=True)
    assert "ditolak: Lampirkan notulen coaching." in page
    with app.app_context():
        assert db.session().scalar(sa.select(JpCredit)) is None


def test_only_the_direct_supervisor_may_approve(app, client, team):
    login(client, NIPS["learner"])
    log_entry(client)
    switch_to(client, NIPS["partner"])  # another team's supervisor
    assert "Coaching penyusunan Renja" not in client.get("/team").get_data(as_text=True)
    assert decide(client, 1, approve="1").status_code == 404
    switch_to(client, NIPS["learner"])  # nor the ASN themself
    assert decide(client, 1, approve="1").status_code == 404
    switch_to(client, NIPS["admin"])  # nor an admin: approval is the supervisor's call
    assert decide(client, 1, approve="1").status_code == 404
    with app.app_context():
        assert db.session().get(WorkplaceLearning, 1).status == "pending"


def test_an_entry_is_reviewed_once(app, client, team):
    login(client, NIPS["learner"])
    log_entry(client)
    switch_to(client, SUPERVISOR_NIP)
    decide(client, 1, approve="1")
    decide(client, 1, approve="1")
    decide(client, 1, reject="1", note="salah")
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(JpCredit.id))) == 1
        assert db.session().get(WorkplaceLearning, 1).status == "approved"


def test_without_a_supervisor_the_asn_is_told_whom_to_ask(app, client, make_user):
    make_user("learner")
    login(client, NIPS["learner"])
    page = client.get("/learning/workplace").get_data(as_text=True)
    assert "Mintalah admin BKPSDM menetapkannya" in page and 'name="title"' not in page
    assert log_entry(client).status_code == 200
    with app.app_context():
        assert db.session().scalar(sa.select(WorkplaceLearning)) is None


def test_bad_logs_are_refused_with_reasons(client, team):
    login(client, NIPS["learner"])
    future = (date.today() + timedelta(days=3)).isoformat()
    page = log_entry(client, end_date=future, start_date=future, description="singkat").get_data(
        as_text=True
    )
    assert "Catat kegiatan setelah berlangsung." in page
    assert "menunggu persetujuan atasan" not in page


def test_the_waiting_list_sends_the_same_queries_for_a_bigger_team(
    app, client, team, count_queries
):
    def add_members(start, count):
        with app.app_context():
            session = db.session()
            boss = session.scalar(sa.select(User).where(User.nip == SUPERVISOR_NIP))
            for n in range(start, start + count):
                member = User(
                    full_name=f"Anggota {n}",
                    nip=learner_nip(n),
                    password_hash="!",
                    supervisor_id=boss.id,
                )
                session.add(member)
                session.flush()
                for kind in ("coaching", "mentoring"):
                    session.add(
                        WorkplaceLearning(
                            user_id=member.id,
                            supervisor_id=boss.id,
                            kind=kind,
                            title=f"Kegiatan {n}",
                            partner="Mentor",
                            description="Belajar bersama mentor di tempat kerja.",
                            start_date=LAST_WEEK,
                            end_date=LAST_WEEK,
                            jp=2,
                            competency="teknis",
                            status="pending",
                            review_note="",
                        )
                    )
            session.commit()

    add_members(10, 2)
    login(client, SUPERVISOR_NIP)
    few = count_queries(client, "/team")
    add_members(20, 20)
    assert count_queries(client, "/team") == few


def test_the_forms_say_how_many_minutes_a_jp_is_here(make_app, make_user):
    app = make_app(MINUTES_PER_JP=60)
    make_user("learner")
    client = app.test_client()
    login(client, NIPS["learner"])
    assert "1 JP setara dengan 60 menit." in client.get("/learning/external").get_data(as_text=True)


def test_the_supervisor_and_then_the_asn_are_told_by_e_mail(make_app, team, smtp_server):
    inbox, port = smtp_server
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    client = app.test_client()
    login(client, NIPS["learner"])
    log_entry(client)
    [asked] = inbox.messages
    assert asked["To"] == "kasi@contoh.go.id"
    assert asked["Subject"].startswith("Sari Wulandari meminta persetujuan Anda untuk")
    assert "http://localhost/team" in asked.get_payload(decode=True).decode()
    switch_to(client, SUPERVISOR_NIP)
    decide(client, 1, approve="1")
    told = inbox.messages[1]
    assert told["To"] == "learner@contoh.go.id"
    assert "3 JP diakui" in told.get_payload(decode=True).decode()
    assert "http://localhost/learning/workplace" in told.get_payload(decode=True).decode()


def test_a_mail_server_that_is_down_loses_no_log(make_app, team, app):
    down = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=1)  # nothing listens there
    client = down.test_client()
    login(client, NIPS["learner"])
    assert log_entry(client).status_code == 302
    with app.app_context():
        assert db.session().scalar(sa.select(WorkplaceLearning.status)) == "pending"
