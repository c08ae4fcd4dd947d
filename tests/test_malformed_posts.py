"""Bad input gets a clear answer, never a server error (review-security.md F12): every
state-changing route, on real objects (the demo's courses, an open attempt, a training
record, a workplace log, a pending JP approval), is sent empty forms, wrong types, huge
fields and broken files by a user holding every role."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.demo import load_demo_data, load_sample_courses
from elearn.models import (
    Agency,
    Attempt,
    Course,
    CourseAnswer,
    CourseQuestion,
    EventAttendance,
    EventRegistration,
    EventSession,
    ExternalLearning,
    Idea,
    MandatoryCourse,
    TrainingEvent,
    User,
)
from elearn.progress.external import record_external
from elearn.testing import csrf_token, login, post_form

HUGE = "x" * 10_000  # 48 fields of it stay under the size a test request spools to disk
FIELDS = [
    "identifier", "password", "current_password", "new_password", "confirm", "text",
    "title", "key", "jp", "points", "note", "competency", "start_date", "end_date",
    "due_date", "position", "agency", "agency_id", "parent", "code", "email", "name",
    "full_name", "nip", "supervisor", "supervisor_nip", "roles", "revision", "action",
    "shown", "organiser", "certificate_number", "kind", "partner", "learned", "path",
    "per_entry", "per_year", "lang", "next", "course", "subject", "trainer", "token",
    "capacity", "day", "start", "reason",
]  # fmt: skip
FILES = ["file", "archive", "certificate", "certificate_pdf", "image", "upload"]
VALUES = [HUGE, "-1e999", "nan", "\x00", "2026-13-45", "[]", "<script>", "../../x"]
SKIPPED = {"/logout", "/language"}  # they end or change the session the walk runs in


@pytest.fixture
def world(app, make_user):
    """The demo city, its courses, and one user with every role who has an open
    attempt, a pending training record and a workplace log sent to themself."""
    with app.app_context():
        session = db.session()
        load_demo_data(session)
        load_sample_courses(app, session)
        session.commit()
    user = make_user("admin", "trainer", "learner", "partner", nip="197001011990031001")
    with app.test_request_context():
        session = db.session()
        me = session.get(User, user.id)
        me.supervisor_id = me.id
        record = record_external(
            session, me, title="Bimtek", organiser="BPSDM", start_date=date(2026, 1, 5),
            end_date=date(2026, 1, 6), jp=8, competency="teknis", certificate_number="1",
            certificate_pdf=b"%PDF-1.4",
        )  # fmt: skip
        session.commit()
        record_id = record.id
    return user, record_id


def arguments(app, client, user, record_id) -> dict:
    post_form(
        client,
        "/courses/pengelolaan-keuangan-daerah/enrol",
        {},
        "/courses/pengelolaan-keuangan-daerah",
    )
    started = post_form(
        client,
        "/courses/pengelolaan-keuangan-daerah/items/kuis-struktur-apbd/start",
        {},
        "/courses/pengelolaan-keuangan-daerah",
    )
    assert "/attempts/" in started.location
    with app.app_context():
        session = db.session()
        attempt_id = session.scalar(sa.select(Attempt.id))
        return {
            "key": "pengelolaan-keuangan-daerah",
            "item_key": "kuis-struktur-apbd",
            "attempt_id": attempt_id,
            "record_id": record_id,
            "entry_id": 1,
            "user_id": user.id,
            "agency_id": session.scalar(sa.select(Agency.id)),
            "assignment_id": session.scalar(sa.select(MandatoryCourse.id)) or 1,
            "version_id": 1,
            "number": 1,
            "path": "kursus.md",
            "token": "tidak-valid",
            "code": "AAAA-BBBB-CCCC",
            "sha256": "0" * 64,
            "name": "a.png",
            "filename": "x",
            "calculation_id": 1,
            "job_id": 1,
            "certificate_id": 1,
            **event_arguments(session, user),
        }


EVENT_TEST = "---\njenis: kuis\n---\n## Singkatan\n= SPJ\n\n## Pilih\n- [x] APBD\n- [ ] RPJMD\n"


def event_arguments(session, user) -> dict:
    """A published two-day workshop the user organises and is registered for."""
    start = datetime(2026, 12, 20, 2, tzinfo=UTC)
    event = TrainingEvent(
        kind="lokakarya", title="Lokakarya SOP", competency="teknis", jp_claimed=8,
        capacity=5, registration_closes_at=start, cancel_until=start, state="published",
        created_by_id=user.id, starts_at=start, post_test_required=True,
        test_source=EVENT_TEST,
        sessions=[EventSession(starts_at=start, ends_at=start + timedelta(hours=3), place="Aula")],
    )  # fmt: skip
    session.add(event)
    session.flush()
    registration = EventRegistration(event_id=event.id, user_id=user.id, status="registered")
    session.add(registration)
    session.flush()  # present at the session: the post-test is open to them
    session.add(EventAttendance(session_id=event.sessions[0].id, user_id=user.id, method="code"))
    session.commit()
    return {
        "event_id": event.id,
        "session_id": event.sessions[0].id,
        "registration_id": registration.id,
        "material_id": 1,
        "file_id": 1,
        "fmt": "csv",
        "phase": "post",
        "idea_id": _an_idea(session, user),
        "comment_id": 1,
        "item_id": 1,
        "project_id": 1,
        "milestone_id": 1,
        **_a_discussion(session, user),
    }


def _a_discussion(session, user) -> dict:
    """A question with an answer in the demo's APBD course (the user teaches as admin)."""
    course_id = session.scalar(
        sa.select(Course.id).where(Course.key == "pengelolaan-keuangan-daerah")
    )
    question = CourseQuestion(course_id=course_id, author_id=user.id, title="KUA?", body="?")
    session.add(question)
    session.flush()
    answer = CourseAnswer(question_id=question.id, author_id=user.id, body="KUA dulu.")
    session.add(answer)
    session.commit()
    return {"question_id": question.id, "what": "pin", "kind": "answer", "post_id": answer.id}


def _an_idea(session, user) -> int:
    """An idea on the board, of an agency whose innovation team the user is on (admin)."""
    idea = Idea(
        author_id=user.id, agency_id=session.scalar(sa.select(Agency.id)), service="Perizinan",
        title="Izin usaha satu hari", problem="Berkas bolak-balik.", proposal="Satu loket.",
    )  # fmt: skip
    session.add(idea)
    session.commit()
    return idea.id


def bodies(token: str):
    yield {"csrf_token": token}
    for value in VALUES:
        yield {"csrf_token": token, **{name: value for name in FIELDS}}
    yield {
        "csrf_token": token,
        **{name: HUGE for name in FIELDS},
        **{name: (io.BytesIO(b"PK\x03\x04 not really \x00\xff"), "x.zip") for name in FILES},
    }
    yield {
        "csrf_token": token,
        **{name: (io.BytesIO(b"%PDF-" + b"\xff" * 100), "x.xlsx") for name in FILES},
    }


@pytest.mark.slow
def test_no_malformed_post_is_a_server_error(app, world):
    user, record_id = world
    client = app.test_client()
    assert login(client, user.nip).status_code == 302
    values = arguments(app, client, user, record_id)
    token = csrf_token(client, "/dashboard")
    walked = 0
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.rule in SKIPPED:
            continue
        url = rule.build({name: values[name] for name in rule.arguments})[1]
        for body in bodies(token):
            # followed as a browser would, so the page after it is checked too
            response = client.post(url, data=body, follow_redirects=True)
            assert response.status_code < 500, (url, response.status_code)
        walked += 1
    assert walked > 35
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(ExternalLearning.id))) >= 1


def test_a_nul_character_is_refused_before_any_view_reads_it(app, client, make_user):
    """No one types NUL and PostgreSQL cannot store it in text: a query, a form or a
    script's request carrying one is a 400, on either database, and changes nothing."""
    user = make_user("learner")
    token = csrf_token(client, "/password/reset")
    reset = client.post("/password/reset", data={"csrf_token": token, "identifier": "\x00"})
    assert reset.status_code == 400
    assert login(client, user.nip).status_code == 302
    assert client.get("/courses?q=apbd\x00").status_code == 400
    token = csrf_token(client, "/account/password")
    changed = client.post(
        "/account/password",
        data={"csrf_token": token, "current_password": "\x00", "new_password": "x", "confirm": "x"},
        headers={"Accept": "application/json"},
    )
    assert changed.status_code == 400
    assert changed.get_json()["message"] == "Permintaan tidak dapat dipahami."
    assert client.get("/courses?q=apbd").status_code == 200
