"""JP are approved, not declared (review-security.md F17, review-newcomer.md problem 1):
a course's JP wait for BKPSDM; learners may complete it meanwhile, and get their JP and
certificate when, and as, the version they completed is approved."""

from datetime import datetime

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import (
    AuditEntry,
    Certificate,
    CourseVersion,
    Enrolment,
    JpApproval,
    JpCredit,
)
from elearn.models.types import LOCAL_TIME
from elearn.testing import NIPS, login, post_form
from tests.courses import WITH_PDF

COURSE = "---\nid: klaim\njudul: Klaim Besar\njp: {jp}\nkompetensi: {competency}\n---\nIsi.\n"
LESSON = {"01-satu.md": "# Satu\nSatu.\n"}


def course(jp=40, competency="teknis"):
    return {"kursus.md": COURSE.format(jp=jp, competency=competency), **LESSON}


@pytest.fixture
def completed(app, client, publish, login_as, make_user):
    """A course claiming 40 JP, published and waiting; the learner has completed it."""
    publish(course(), approve=False)
    make_user("admin")
    learner = login_as("learner")
    post_form(client, "/courses/klaim/enrol", {}, "/courses/klaim")
    client.get("/courses/klaim/items/satu")
    return learner


def approval(app, number=1):
    with app.app_context():
        return db.session().scalar(
            sa.select(JpApproval).join(JpApproval.version).where(CourseVersion.number == number)
        )


def admin(app):
    client = app.test_client()
    login(client, NIPS["admin"])
    return client


def decide(client, version_id, **fields):
    """The admin's decision, posted from the queue; returns the admin's client and the
    response."""
    data = {f"v{version_id}-{name}": value for name, value in fields.items()}
    return post_form(client, f"/admin/jp-approvals/{version_id}", data, "/admin/jp-approvals")


def test_a_completed_course_waits_for_its_jp_and_gets_them_as_approved(app, client, completed):
    with app.app_context():
        session = db.session()
        assert session.scalar(sa.select(Enrolment.completed_at)) is not None
        assert session.scalar(sa.select(sa.func.count(JpCredit.id))) == 0
        assert session.scalar(sa.select(sa.func.count(Certificate.id))) == 0
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert "JP menunggu persetujuan" in dashboard and "0 <span" in dashboard
    queue_row, wati = approval(app), admin(app)
    queue = wati.get("/admin/jp-approvals").get_data(as_text=True)
    assert "Klaim Besar" in queue and "40 JP" in queue and "1 pelajaran" in queue
    decided = decide(wati, queue_row.version_id, jp="4", competency="manajerial/M.04", approve="1")
    assert decided.status_code == 302
    with app.app_context():
        session = db.session()
        credit = session.scalar(sa.select(JpCredit))
        assert (credit.jp, credit.competency, credit.competency_code) == (4, "manajerial", "M.04")
        certificate = session.scalar(WITH_PDF)
        assert certificate.jp == 4 and certificate.minutes == 180
        actions = session.scalars(sa.select(AuditEntry.action)).all()
        assert "jp.approve" in actions
    assert "Klaim Besar</a> · 4 JP" in client.get("/dashboard").get_data(as_text=True)


def test_learners_pages_show_the_jp_the_reports_show(app, client, publish, completed):
    """The catalogue and the course page show a claim as waiting, then the JP approved
    (not the claim); once completed, the JP credited, even after a new version changes
    them (review-newcomer.md: the dashboard said one figure and the reports another)."""
    catalogue = client.get("/courses").get_data(as_text=True)
    assert "40 JP (1800 menit), menunggu persetujuan BKPSDM" in catalogue
    decide(admin(app), approval(app).version_id, jp="4", competency="teknis", approve="1")
    for page in ("/courses", "/courses/klaim"):
        assert "4 JP (180 menit), sudah diperoleh" in client.get(page).get_data(as_text=True)
    publish(course(jp=6), approve=False)
    decide(admin(app), approval(app, 2).version_id, jp="6", competency="teknis", approve="1")
    for page in ("/courses", "/courses/klaim"):
        assert "4 JP (180 menit), sudah diperoleh" in client.get(page).get_data(as_text=True)
    assert "Klaim Besar</a> · 4 JP" in client.get("/dashboard").get_data(as_text=True)
    newcomer = app.test_client()
    login(newcomer, NIPS["admin"])  # not enrolled: the JP on offer, as approved
    assert "6 JP (270 menit) · " in newcomer.get("/courses").get_data(as_text=True)
    decline_next = publish(course(jp=9), approve=False)
    decide(
        admin(app),
        approval(app, decline_next).version_id,
        competency="teknis",
        note="Isi belum berubah",
        decline="1",
    )
    assert "tanpa JP · " in newcomer.get("/courses").get_data(as_text=True)


def test_the_jp_of_a_completion_count_in_the_year_it_was_completed(app, client, completed):
    with app.app_context():
        session = db.session()
        enrolment = session.scalar(sa.select(Enrolment))
        enrolment.completed_at = datetime(2025, 12, 30, 10, tzinfo=LOCAL_TIME)
        session.commit()
    decide(admin(app), approval(app).version_id, jp="4", competency="teknis", approve="1")
    with app.app_context():
        assert db.session().scalar(sa.select(JpCredit.year)) == 2025


def test_no_course_earns_more_than_the_maximum(app, client, completed):
    version_id, wati = approval(app).version_id, admin(app)
    refused = decide(wati, version_id, jp="41", competency="teknis", approve="1")
    assert "paling banyak 40 JP" in wati.get(refused.location).get_data(as_text=True)
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(JpCredit.id))) == 0
    decide(wati, version_id, jp="40", competency="teknis", approve="1")
    with app.app_context():
        assert db.session().scalar(sa.select(JpCredit.jp)) == 40


def test_declined_jp_need_a_reason_and_credit_nothing(app, client, completed):
    version_id, wati = approval(app).version_id, admin(app)
    refused = decide(wati, version_id, competency="teknis", decline="1")
    assert "Sebutkan alasan" in wati.get(refused.location).get_data(as_text=True)
    decide(wati, version_id, competency="teknis", note="Isi terlalu tipis", decline="1")
    with app.app_context():
        assert approval(app).status == "declined"
        assert db.session().scalar(sa.select(sa.func.count(JpCredit.id))) == 0
    assert "tanpa JP" in client.get("/dashboard").get_data(as_text=True)


def test_a_new_version_keeps_its_approval_unless_its_claim_changes(app, publish, make_user):
    publish(course(jp=4))
    assert publish({**course(jp=4), "01-satu.md": "# Satu\nSatu, diperbaiki.\n"}) == 2
    assert approval(app, 2).status == "approved" and approval(app, 2).jp == 4
    assert publish(course(jp=8), approve=False) == 3
    assert approval(app, 3).status == "pending"
    assert publish(course(jp=8, competency="manajerial"), approve=False) == 4
    assert approval(app, 4).status == "pending"


def test_the_queue_sends_the_same_queries_for_more_courses(
    app, client, publish, make_user, count_queries
):
    make_user("admin")
    publish(course(), approve=False)
    login(client, NIPS["admin"])
    few = count_queries(client, "/admin/jp-approvals")
    for n in range(4):
        files = {
            "kursus.md": COURSE.format(jp=3, competency="teknis").replace("klaim", f"k{n}"),
            "01-satu.md": "# Satu\nSatu.\n",
            "02-kuis.md": "---\njenis: kuis\n---\n## S\n= ya\n",
        }
        publish(files, approve=False)
    assert count_queries(client, "/admin/jp-approvals") == few
