"""Events (seminars, workshops, ...): an organiser creates and publishes one, ASN register
under a capacity with a waiting list and their supervisor's approval, check in with a
rotating code, and complete it for JP and a certificate once BKPSDM approved its JP."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
import sqlalchemy as sa

from elearn import db
from elearn.kegiatan.checkin import STEP, code_at
from elearn.models import (
    Agency,
    AuditEntry,
    Certificate,
    EventAttendance,
    EventEvaluation,
    EventRegistration,
    EventSession,
    EventTestAttempt,
    Job,
    JpCredit,
    Notification,
    TrainingEvent,
    User,
)
from elearn.models.types import LOCAL_TIME, utcnow
from elearn.testing import csrf_token, learner_nip, login, post_form, quiz_fields

TOMORROW = date.today() + timedelta(days=1)


def make_event(app, organiser_id, sessions=2, **fields) -> int:
    """A published event with ``sessions`` sessions from next week, made in the database."""
    with app.app_context():
        session = db.session()
        start = datetime.combine(date.today() + timedelta(days=7), datetime.min.time(), UTC)
        values = {
            "kind": "lokakarya",
            "title": "Lokakarya Penyusunan SOP Pelayanan",
            "competency": "teknis",
            "jp_claimed": 8,
            "capacity": 25,
            "registration_closes_at": start,
            "cancel_until": start,
            "state": "published",
            "created_by_id": organiser_id,
            "starts_at": start + timedelta(hours=2),
        } | fields
        event = TrainingEvent(**values)
        event.sessions = [
            EventSession(
                starts_at=start + timedelta(days=n, hours=2),
                ends_at=start + timedelta(days=n, hours=5),
                place="Aula Balai Kota Sawahlunto",
            )
            for n in range(sessions)
        ]
        session.add(event)
        session.commit()
        return event.id


def signed_in(app, user) -> object:
    client = app.test_client()
    assert login(client, user.nip or user.email).status_code == 302
    return client


def press(client, path, page, data=None):
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client, page)})


@pytest.fixture
def trainer(make_user):
    return make_user("trainer", name="Widyaiswara Ahmad")


@pytest.fixture
def people(app, make_user):
    """``people(n)``: n learners, each with a signed-in client."""

    def make(count, start=0, **extra):
        made = []
        for n in range(start, start + count):
            user = make_user(
                "learner",
                nip=learner_nip(n),
                email=f"asn{n}@contoh.go.id",
                name=f"ASN {n}",
                **extra,
            )
            made.append((user, signed_in(app, user)))
        return made

    return make


def statuses(app, event_id) -> dict[int, str]:
    with app.app_context():
        return dict(
            db.session()
            .execute(
                sa.select(EventRegistration.user_id, EventRegistration.status).where(
                    EventRegistration.event_id == event_id
                )
            )
            .all()
        )


def test_an_organiser_creates_a_two_session_workshop_and_publishes_it(
    app, client, trainer, make_user
):
    admin = make_user("admin", name="Ibu Wati")
    login(client, trainer.nip)
    response = post_form(
        client,
        "/kegiatan/new",
        {
            "kind": "lokakarya",
            "title": "Lokakarya Inovasi Pelayanan Publik",
            "description": "Bersama **Universitas Andalas**.<script>alert(1)</script>",
            "institution": "Universitas Andalas",
            "speakers": "Dr. Rina Marlina | Universitas Andalas | Dosen administrasi publik\n"
            "Hendra Gunawan",
            "competency": "manajerial/M.05",
            "jp_claimed": "8",
            "capacity": "30",
            "open_to_all": "y",
            "time_zone": "Asia/Jakarta",
            "registration_closes": TOMORROW.isoformat(),
            "cancel_until": TOMORROW.isoformat(),
            "attendance_percent": "100",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    manage = response.headers["Location"]
    event_id = int(re.search(r"/kegiatan/(\d+)/manage", manage).group(1))
    for day, zone, start in ((8, "Asia/Jakarta", "09:00"), (9, "Asia/Makassar", "13:00")):
        response = post_form(
            client,
            manage,
            {
                "day": (date.today() + timedelta(days=day)).isoformat(),
                "start": start,
                "end": "12:00" if start == "09:00" else "16:00",
                "time_zone": zone,
                "place": "Aula Balai Kota",
                "online_url": "https://zoom.us/j/123",
            },
        )
        assert response.status_code == 302
    page = client.get(manage).get_data(as_text=True)
    assert "09.00–12.00 WIB" in page and "13.00–16.00 WITA" in page
    assert press(client, f"/kegiatan/{event_id}/publish", manage).status_code == 302

    event_page = client.get(f"/kegiatan/{event_id}").get_data(as_text=True)
    assert "<strong>Universitas Andalas</strong>" in event_page
    assert "<script>alert" not in event_page
    assert "Dr. Rina Marlina" in event_page and "Dosen administrasi publik" in event_page
    with app.app_context():
        session = db.session()
        event = session.get(TrainingEvent, event_id)
        assert (event.competency, event.competency_code, event.jp_status) == (
            "manajerial",
            "M.05",
            "pending",
        )
        waiting = session.scalars(
            sa.select(Notification.kind).where(Notification.user_id == admin.id)
        ).all()
        assert waiting == ["event.jp_waiting"]
    approvals = signed_in(app, admin).get("/admin/jp-approvals").get_data(as_text=True)
    assert "Kegiatan yang menunggu persetujuan (1)" in approvals
    assert f'href="/kegiatan/{event_id}/manage">Lokakarya Inovasi Pelayanan Publik' in approvals
    with app.app_context():
        session = db.session()
        actions = session.scalars(sa.select(AuditEntry.action)).all()
        assert {"event.create", "event.publish"} <= set(actions)


def test_people_without_the_role_cannot_create_and_others_cannot_manage(
    app, client, trainer, make_user
):
    event_id = make_event(app, trainer.id, state="draft")
    other = make_user("trainer", nip=learner_nip(99), email="lain@contoh.go.id", name="Lain")
    login(client, other.nip)
    assert client.get(f"/kegiatan/{event_id}/manage").status_code == 404
    assert client.get(f"/kegiatan/{event_id}").status_code == 404  # a draft is its owner's
    learner = make_user("learner", nip=learner_nip(1), email="a@contoh.go.id")
    learner_client = signed_in(app, learner)
    assert learner_client.get("/kegiatan/new").status_code == 403


def test_a_full_event_puts_people_on_the_waiting_list_promoted_in_order(app, trainer, people):
    event_id = make_event(app, trainer.id, capacity=2)
    registered = people(4)
    page = f"/kegiatan/{event_id}"
    for _user, client in registered:
        assert press(client, f"{page}/register", page).status_code == 302
    ids = [user.id for user, _client in registered]
    assert [statuses(app, event_id)[i] for i in ids] == [
        "registered",
        "registered",
        "waiting",
        "waiting",
    ]
    third = registered[2][1].get(page).get_data(as_text=True)
    assert "Anda nomor 1 dalam daftar tunggu" in third

    assert press(registered[0][1], f"{page}/cancel", page).status_code == 302
    assert [statuses(app, event_id)[i] for i in ids] == [
        "cancelled",
        "registered",
        "registered",
        "waiting",
    ]
    with app.app_context():
        promoted = (
            db.session()
            .scalars(sa.select(Notification.kind).where(Notification.user_id == ids[2]))
            .all()
        )
    assert promoted == ["event.waiting", "event.promoted"]
    with app.app_context():  # every notice was mailed: no job failed on the way
        states = db.session().scalars(sa.select(Job.state).distinct()).all()
    assert states == ["done"]


def test_registration_refuses_after_the_deadline_and_outside_the_audience(
    app, trainer, people, agency
):
    closed = make_event(app, trainer.id, registration_closes_at=utcnow() - timedelta(hours=1))
    [(user, client)] = people(1)
    page = f"/kegiatan/{closed}"
    assert "Pendaftaran sudah ditutup" in client.get(page).get_data(as_text=True)
    press(client, f"{page}/register", page)
    assert statuses(app, closed) == {}

    only_others = make_event(app, trainer.id)
    with app.app_context():
        session = db.session()
        other = Agency(code="DISDIK", name="Dinas Pendidikan")
        event = session.get(TrainingEvent, only_others)
        event.open_to_all, event.audience = False, [other]
        session.get(User, user.id).agency_id = agency
        session.commit()
    assert "untuk perangkat daerah atau jabatan lain" in client.get(
        f"/kegiatan/{only_others}"
    ).get_data(as_text=True)
    press(client, f"/kegiatan/{only_others}/register", f"/kegiatan/{only_others}")
    assert statuses(app, only_others) == {}

    for_treasurers = make_event(app, trainer.id, audience_positions="bendahara, kepala puskesmas")
    page = f"/kegiatan/{for_treasurers}"
    press(client, f"{page}/register", page)
    assert statuses(app, for_treasurers) == {}  # ASN 0 holds no such position
    with app.app_context():
        session = db.session()
        session.get(User, user.id).position = "Bendahara Pengeluaran Pembantu"
        session.commit()
    press(client, f"{page}/register", page)
    assert statuses(app, for_treasurers) == {user.id: "registered"}


@pytest.mark.slow
def test_forty_registrations_at_once_for_25_seats_register_25_and_queue_15(app, trainer, make_user):
    from tests.test_reliability import run_together

    event_id = make_event(app, trainer.id, capacity=25)
    clients = []
    for n in range(40):
        user = make_user("learner", nip=learner_nip(n), email=f"p{n}@contoh.go.id")
        client = signed_in(app, user)
        clients.append((client, csrf_token(client, f"/kegiatan/{event_id}")))
    results = run_together(
        [
            lambda c=c, t=t: (
                c.post(f"/kegiatan/{event_id}/register", data={"csrf_token": t}).status_code
            )
            for c, t in clients
        ]
    )
    assert results == [302] * 40
    counted = list(statuses(app, event_id).values())
    assert (counted.count("registered"), counted.count("waiting")) == (25, 15)


def test_the_supervisor_approves_a_registration_on_the_team_page(app, trainer, make_user):
    event_id = make_event(app, trainer.id, needs_supervisor=True, capacity=1)
    hendra = make_user("learner", nip=learner_nip(50), email="hendra@contoh.go.id", name="Hendra")
    sari = make_user("learner", nip=learner_nip(51), email="sari@contoh.go.id", name="Sari")
    with app.app_context():
        session = db.session()
        session.get(User, sari.id).supervisor_id = hendra.id
        session.commit()
    sari_client, hendra_client = signed_in(app, sari), signed_in(app, hendra)
    page = f"/kegiatan/{event_id}"
    press(sari_client, f"{page}/register", page)
    assert statuses(app, event_id) == {sari.id: "awaiting"}
    team = hendra_client.get("/team").get_data(as_text=True)
    assert "Sari" in team and "Lokakarya Penyusunan SOP Pelayanan" in team
    registration_id = int(re.search(r"/kegiatan/registrations/(\d+)/decide", team).group(1))
    # someone else's supervisor cannot decide it
    outsider = signed_in(app, make_user("learner", nip=learner_nip(52), email="x@contoh.go.id"))
    press(outsider, f"/kegiatan/registrations/{registration_id}/decide", page, {"approve": "1"})
    assert statuses(app, event_id) == {sari.id: "awaiting"}
    press(
        hendra_client,
        f"/kegiatan/registrations/{registration_id}/decide",
        "/team",
        {"approve": "1"},
    )
    assert statuses(app, event_id) == {sari.id: "registered"}


def open_checkin(app, client, event_id, session_id) -> str:
    """Open check-in as the organiser; the code the projector page shows."""
    path = f"/kegiatan/{event_id}/sessions/{session_id}/checkin"
    assert press(client, path, path).status_code == 302
    page = client.get(path).get_data(as_text=True)
    assert "<svg" in page and re.search(r'data-refresh="([1-9]|[12][0-9]|3[01])"', page)
    shown = re.search(r'class="big-number"[^>]*>.*?</span>(\d{3}) (\d{3})', page, re.S)
    return shown.group(1) + shown.group(2)


def session_ids(app, event_id) -> list[int]:
    with app.app_context():
        return (
            db.session()
            .scalars(
                sa.select(EventSession.id)
                .where(EventSession.event_id == event_id)
                .order_by(EventSession.starts_at)
            )
            .all()
        )


def test_check_in_takes_the_current_code_and_refuses_an_expired_one(app, trainer, people):
    event_id = make_event(app, trainer.id)
    [(user, client), (_late, unregistered)] = people(2)
    page = f"/kegiatan/{event_id}"
    press(client, f"{page}/register", page)
    first, _second = session_ids(app, event_id)
    with app.app_context():
        secret = db.session().get(EventSession, first).checkin_secret
    checkin = f"/kegiatan/checkin?s={first}"
    now = utcnow()

    press(client, checkin, checkin, {"code": code_at(secret, now)})
    assert _present(app, user.id) == []  # not open yet

    organiser = signed_in(app, trainer)
    before = utcnow()
    shown = open_checkin(app, organiser, event_id, first)
    assert shown in {code_at(secret, before), code_at(secret, utcnow())}

    old = code_at(secret, utcnow() - timedelta(seconds=2 * STEP))
    response = press(client, checkin, checkin, {"code": old})
    assert "salah atau sudah kedaluwarsa" in response.get_data(as_text=True)
    assert _present(app, user.id) == []

    press(unregistered, checkin, checkin, {"code": code_at(secret, utcnow())})
    assert _present(app, _late.id) == []

    response = press(client, checkin, checkin, {"code": code_at(secret, utcnow())})
    assert response.status_code == 302
    assert _present(app, user.id) == [first]
    # the QR code's link fills the code in
    filled = client.get(f"{checkin}&c=123456").get_data(as_text=True)
    assert 'value="123456"' in filled


def _present(app, user_id) -> list[int]:
    with app.app_context():
        return (
            db.session()
            .scalars(
                sa.select(EventAttendance.session_id).where(EventAttendance.user_id == user_id)
            )
            .all()
        )


def test_the_code_of_two_steps_ago_is_refused_and_the_last_one_still_works(app):
    secret = "ab" * 20
    from elearn.kegiatan.checkin import code_matches

    now = datetime(2026, 12, 7, 2, 0, 10, tzinfo=UTC)
    assert code_matches(secret, code_at(secret, now), now)
    assert code_matches(secret, code_at(secret, now - timedelta(seconds=STEP)), now)
    assert not code_matches(secret, code_at(secret, now - timedelta(seconds=2 * STEP)), now)
    assert code_at(secret, now) != code_at(secret, now + timedelta(seconds=STEP))


def test_attending_every_session_completes_and_approval_credits_jp_once(
    app, trainer, people, make_user
):
    event_id = make_event(app, trainer.id, attendance_percent=100)
    [(sari, client)] = people(1)
    page = f"/kegiatan/{event_id}"
    press(client, f"{page}/register", page)
    organiser = signed_in(app, trainer)
    first, second = session_ids(app, event_id)
    for sitting in (first, second):
        open_checkin(app, organiser, event_id, sitting)
        with app.app_context():
            secret = db.session().get(EventSession, sitting).checkin_secret
        path = f"/kegiatan/checkin?s={sitting}"
        press(client, path, path, {"code": code_at(secret, utcnow())})
        press(client, path, path, {"code": code_at(secret, utcnow())})  # a second scan
    with app.app_context():
        session = db.session()
        registration = session.scalar(sa.select(EventRegistration))
        assert registration.completed_at is not None
        assert session.scalar(sa.select(sa.func.count(JpCredit.id))) == 0  # JP not approved

    admin = signed_in(app, make_user("admin", name="Ibu Wati"))
    manage = f"/kegiatan/{event_id}/manage"
    response = press(admin, f"/kegiatan/{event_id}/jp", manage, {"jp": "6", "approve": "1"})
    assert response.status_code == 302
    press(admin, f"/kegiatan/{event_id}/jp", manage, {"jp": "6", "approve": "1"})  # twice
    with app.app_context():
        session = db.session()
        credits = session.scalars(sa.select(JpCredit)).all()
        assert [(c.user_id, c.jp, c.training_event_id) for c in credits] == [(sari.id, 6, event_id)]
        certificate = session.scalar(sa.select(Certificate))
        assert (certificate.course_title, certificate.jp, certificate.event_kind) == (
            "Lokakarya Penyusunan SOP Pelayanan",
            6,
            "lokakarya",
        )
        code = certificate.code
    verified = client.get(f"/verify/{code}").get_data(as_text=True)
    assert "Lokakarya Penyusunan SOP Pelayanan" in verified
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert "6" in dashboard


def test_an_organiser_marks_someone_without_a_phone_present_with_a_reason(app, trainer, people):
    event_id = make_event(app, trainer.id, sessions=1, jp_status="approved", jp_approved=4)
    [(user, client)] = people(1)
    page = f"/kegiatan/{event_id}"
    press(client, f"{page}/register", page)
    [sitting] = session_ids(app, event_id)
    organiser = signed_in(app, trainer)
    roster = f"/kegiatan/{event_id}/sessions/{sitting}/roster"
    html = organiser.get(roster).get_data(as_text=True)
    action = re.search(rf'action="({roster}/\d+)"', html).group(1)
    prefix = "r" + action.rsplit("/", 1)[1]
    assert press(organiser, action, roster, {f"{prefix}-reason": ""}).status_code == 302
    assert _present(app, user.id) == []
    press(organiser, action, roster, {f"{prefix}-reason": "Ponsel tertinggal"})
    assert _present(app, user.id) == [sitting]
    with app.app_context():
        session = db.session()
        assert session.scalar(sa.select(JpCredit.jp)) == 4  # one session of one: complete
        entry = session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "event.attendance"))
        assert "Ponsel tertinggal" in entry.summary
    # a learner cannot reach the roster
    assert client.get(roster).status_code == 403


def test_the_calendar_file_and_the_personal_feed(app, trainer, people):
    event_id = make_event(app, trainer.id)
    [(user, client)] = people(1)
    page = f"/kegiatan/{event_id}"
    press(client, f"{page}/register", page)
    response = client.get(f"{page}/kegiatan.ics")
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 2
    assert str(events[0]["LOCATION"]) == "Aula Balai Kota Sawahlunto"
    assert events[0].decoded("DTSTART") < events[1].decoded("DTSTART")

    feed_page = client.get("/kegiatan/calendar").get_data(as_text=True)
    feed = re.search(r'value="http://[^/]+(/kegiatan/feed/[^"]+\.ics)"', feed_page).group(1)
    anonymous = app.test_client()
    assert len(icalendar.Calendar.from_ical(anonymous.get(feed).data).walk("VEVENT")) == 2
    press(client, "/kegiatan/calendar", "/kegiatan/calendar")
    assert anonymous.get(feed).status_code == 404  # the old address is revoked


def test_a_confirmation_mail_carries_the_calendar_file(app, trainer, people, smtp_server):
    inbox, port = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    event_id = make_event(app, trainer.id)
    [(user, client)] = people(1)
    page = f"/kegiatan/{event_id}"
    press(client, f"{page}/register", page)
    [message] = inbox.messages
    assert "Lokakarya Penyusunan SOP Pelayanan" in message["Subject"]
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1 and b"BEGIN:VEVENT" in parts[0].get_payload(decode=True)


def test_the_waiting_count_in_the_menu_includes_registrations(app, trainer, make_user):
    event_id = make_event(app, trainer.id, needs_supervisor=True)
    boss = make_user("learner", nip=learner_nip(60), email="boss@contoh.go.id")
    member = make_user("learner", nip=learner_nip(61), email="m@contoh.go.id")
    with app.app_context():
        session = db.session()
        session.get(User, member.id).supervisor_id = boss.id
        session.commit()
    press(signed_in(app, member), f"/kegiatan/{event_id}/register", f"/kegiatan/{event_id}")
    page = signed_in(app, boss).get("/dashboard").get_data(as_text=True)
    assert re.search(r'href="/team">Tim saya <span class="count"[^>]*>1</span>', page)


def complete_event(app, trainer, client, event_id):
    """Register ``client``'s person and mark them present at every session."""
    page = f"/kegiatan/{event_id}"
    press(client, f"{page}/register", page)
    organiser = signed_in(app, trainer)
    for sitting in session_ids(app, event_id):
        roster = f"/kegiatan/{event_id}/sessions/{sitting}/roster"
        action = re.search(rf'action="({roster}/(\d+))"', organiser.get(roster).get_data(True))
        press(organiser, action.group(1), roster, {f"r{action.group(2)}-reason": "Hadir di aula"})


def test_an_event_reaches_the_siasn_export_as_its_kind_with_its_dates(app, trainer, people):
    from elearn.reports.siasn import training_records

    event_id = make_event(
        app, trainer.id, jp_status="approved", jp_approved=8, institution="Universitas Andalas"
    )
    [(user, client)] = people(1)
    complete_event(app, trainer, client, event_id)
    with app.app_context():
        session = db.session()
        event = session.get(TrainingEvent, event_id)
        first, last = event.sessions[0], event.sessions[-1]
        year = session.scalar(sa.select(Certificate.year))
        [record] = training_records(session, year, None)
        row = record.row()
    assert row[2:5] == ["Lokakarya Penyusunan SOP Pelayanan", "Lokakarya", 8]
    assert row[9] == "Universitas Andalas"
    wib = lambda moment: moment.replace(tzinfo=UTC).astimezone(LOCAL_TIME)  # noqa: E731
    assert row[5] == wib(first.starts_at).strftime("%d-%m-%Y")
    assert row[6] == wib(last.ends_at).strftime("%d-%m-%Y")


def test_sessions_starting_within_a_day_are_reminded_once(app, trainer, people):
    from elearn.kegiatan.reminders import remind_sessions

    event_id = make_event(app, trainer.id, sessions=1)
    [(user, client), (other, other_client)] = people(2)
    page = f"/kegiatan/{event_id}"
    press(client, f"{page}/register", page)
    with app.test_request_context():
        session = db.session()
        assert remind_sessions(session) == 0  # a week away
        sitting = session.scalar(sa.select(EventSession))
        sitting.starts_at = utcnow() + timedelta(hours=20)
        sitting.ends_at = utcnow() + timedelta(hours=23)
        session.commit()
        assert remind_sessions(session) == 1
        session.commit()
        assert remind_sessions(session) == 0
        session.commit()
    notices = client.get("/notifications").get_data(as_text=True)
    assert "Pengingat: &#34;Lokakarya Penyusunan SOP Pelayanan&#34; dimulai pada" in notices


def test_more_seats_and_a_cancelled_event_tell_the_people_concerned(app, trainer, people):
    event_id = make_event(app, trainer.id, capacity=1)
    [(first, first_client), (second, second_client)] = people(2)
    page = f"/kegiatan/{event_id}"
    for client in (first_client, second_client):
        press(client, f"{page}/register", page)
    organiser = signed_in(app, trainer)
    edit = f"/kegiatan/{event_id}/edit"
    form = organiser.get(edit).get_data(as_text=True)
    assert 'value="1"' in form  # the seats, as saved
    response = press(
        organiser,
        edit,
        edit,
        {
            "kind": "lokakarya",
            "title": "Lokakarya Penyusunan SOP Pelayanan",
            "competency": "teknis",
            "jp_claimed": "8",
            "capacity": "2",
            "open_to_all": "y",
            "time_zone": "Asia/Jakarta",
            "registration_closes": TOMORROW.isoformat(),
            "cancel_until": TOMORROW.isoformat(),
            "attendance_percent": "80",
        },
    )
    assert response.status_code == 302
    assert statuses(app, event_id) == {first.id: "registered", second.id: "registered"}
    press(organiser, f"/kegiatan/{event_id}/cancel-event", f"/kegiatan/{event_id}/manage")
    with app.app_context():
        told = (
            db.session()
            .scalars(sa.select(Notification.user_id).where(Notification.kind == "event.cancelled"))
            .all()
        )
    assert sorted(told) == sorted([first.id, second.id])
    assert "Kegiatan ini dibatalkan" in first_client.get(page).get_data(as_text=True)


def test_the_dashboard_lists_my_events_and_the_certificate_says_lokakarya(app, trainer, people):
    from elearn.certificates.pdf import _achievement

    event_id = make_event(app, trainer.id, jp_status="approved", jp_approved=8)
    [(user, client)] = people(1)
    complete_event(app, trainer, client, event_id)
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert "Kegiatan saya" in dashboard and "Lokakarya Penyusunan SOP Pelayanan" in dashboard
    with app.app_context():
        certificate = db.session().scalar(sa.select(Certificate))
        assert _achievement(certificate) == "telah mengikuti lokakarya"


def attend_all(app, trainer, client, event_id):
    """Register and be marked present at every session (the roster, by the organiser)."""
    complete_event(app, trainer, client, event_id)


def test_the_evaluation_is_required_anonymous_and_averaged(app, trainer, people):
    event_id = make_event(
        app, trainer.id, evaluation_required=True, jp_status="approved", jp_approved=6
    )
    [(sari, sari_client), (budi, budi_client), (late, late_client)] = people(3)
    page = f"/kegiatan/{event_id}"
    press(late_client, f"{page}/register", page)
    assert late_client.get(f"{page}/evaluation").status_code == 302  # attended nothing yet
    for client in (sari_client, budi_client):
        attend_all(app, trainer, client, event_id)
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
    assert "Materi SOP sangat membantu." in report
    assert "ASN 0" not in report and "ASN 1" not in report  # no name beside the answers


def test_materials_reach_participants_only(app, trainer, people, make_user):
    event_id = make_event(app, trainer.id)
    [(sari, sari_client), (other, other_client)] = people(2)
    page = f"/kegiatan/{event_id}"
    press(sari_client, f"{page}/register", page)
    organiser = signed_in(app, trainer)
    materials = f"{page}/materials"
    token = csrf_token(organiser, materials)
    response = organiser.post(
        materials,
        data={
            "csrf_token": token,
            "kind": "material",
            "title": "Bahan tayang SOP",
            "file": (io.BytesIO(b"%PDF-1.4 bahan"), "bahan sop.pdf"),
        },
    )
    assert response.status_code == 302
    press(
        organiser,
        materials,
        materials,
        {"kind": "recording", "title": "Rekaman sesi 1", "url": "https://youtu.be/abc"},
    )
    both = press(
        organiser, materials, materials, {"kind": "material", "title": "Dua-duanya", "url": ""}
    )
    assert "Isi tautan atau berkas, salah satunya." in both.get_data(as_text=True)

    shown = sari_client.get(page).get_data(as_text=True)
    assert "Bahan tayang SOP" in shown and "https://youtu.be/abc" in shown
    link = re.search(r'href="(/kegiatan/\d+/materials/\d+)"', shown).group(1)
    download = sari_client.get(link)
    assert download.data == b"%PDF-1.4 bahan"
    assert 'filename="bahan_sop.pdf"' in download.headers["Content-Disposition"]
    assert "Bahan tayang SOP" not in other_client.get(page).get_data(as_text=True)
    assert other_client.get(link).status_code == 404


def test_a_webinar_attendee_list_marks_the_listed_participants(app, trainer, people):
    event_id = make_event(app, trainer.id, sessions=1, kind="webinar")
    [(sari, sari_client), (budi, budi_client), (tono, _tono)] = people(3)
    page = f"/kegiatan/{event_id}"
    for client in (sari_client, budi_client):
        press(client, f"{page}/register", page)
    [sitting] = session_ids(app, event_id)
    organiser = signed_in(app, trainer)
    path = f"{page}/sessions/{sitting}/attendees"
    listing = (
        "Name (Original Name),User Email,NIP,Duration (Minutes)\n"
        f"ASN 0,asn0@contoh.go.id,,95\n"
        f"ASN 1,,{learner_nip(1)},90\n"
        "ASN 2,asn2@contoh.go.id,,80\n"
        "Tamu,tamu@gmail.com,,30\n"
        "Tanpa identitas,,,10\n"
        "ASN 0,ASN0@contoh.go.id,,5\n"
    )
    response = organiser.post(
        path,
        data={
            "csrf_token": csrf_token(organiser, path),
            "file": (io.BytesIO(listing.encode()), "peserta.csv"),
        },
    )
    html = response.get_data(as_text=True)
    assert "2 peserta dicatat hadir." in html
    outcomes = re.findall(r"<tr><td>(\d+)</td><td>[^<]*</td><td>([^<]+)</td></tr>", html)
    assert outcomes == [
        ("2", "dicatat hadir"),
        ("3", "dicatat hadir"),
        ("4", "tidak terdaftar di kegiatan ini"),
        ("5", "tidak ada akun dengan NIP atau surel ini"),
        ("6", "tidak ada NIP atau surel di baris ini"),
        ("7", "sudah hadir"),
    ]
    assert _present(app, sari.id) == [sitting] and _present(app, budi.id) == [sitting]
    bad = organiser.post(
        path,
        data={
            "csrf_token": csrf_token(organiser, path),
            "file": (io.BytesIO(b"Nama,Durasi\nA,3\n"), "x.csv"),
        },
    )
    assert "perlu kolom NIP atau Email" in bad.get_data(as_text=True)


def test_the_participant_export_is_safe_and_complete(app, trainer, people, make_user):
    event_id = make_event(app, trainer.id, jp_status="approved", jp_approved=8)
    [(sari, sari_client)] = people(1)
    evil = make_user(
        "learner", nip=learner_nip(70), email="e@contoh.go.id", name='=HYPERLINK("http://x","klik")'
    )
    complete_event(app, trainer, sari_client, event_id)
    evil_client = signed_in(app, evil)
    press(evil_client, f"/kegiatan/{event_id}/register", f"/kegiatan/{event_id}")
    organiser = signed_in(app, trainer)
    csv_text = organiser.get(f"/kegiatan/{event_id}/report/participants.csv").data.decode()
    rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["NIP", "Nama", "Perangkat daerah", "Status"]
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["ASN 0"][3:7] == ["terdaftar", "2", by_name["ASN 0"][5], "8.0"]
    assert by_name["ASN 0"][5] and by_name["ASN 0"][7]  # completed, with a certificate
    assert '\'=HYPERLINK("http://x","klik")' in by_name
    xlsx = organiser.get(f"/kegiatan/{event_id}/report/participants.xlsx")
    assert xlsx.data[:2] == b"PK"
    learner = people(1, start=80)[0][1]
    assert learner.get(f"/kegiatan/{event_id}/report").status_code == 403


def test_the_demo_has_events_and_sari_is_registered_for_the_workshop(app):
    from elearn.demo import load_demo_data
    from elearn.demo_events import load_demo_events

    with app.app_context():
        accounts = load_demo_data(db.session())
        load_demo_events(db.session())
    client = app.test_client()
    learner = next((login_, password) for role, login_, password in accounts if role == "learner")
    assert login(client, *learner).status_code == 302
    listing = client.get("/kegiatan/").get_data(as_text=True)
    for title in (
        "Lokakarya Inovasi Pelayanan Publik",
        "Webinar Pelindungan Data Pribadi bagi ASN",
        "Seminar Data untuk Penurunan Stunting",
    ):
        assert title in listing
    assert "Kegiatan saya" in client.get("/dashboard").get_data(as_text=True)
    workshop = re.search(r'href="(/kegiatan/\d+)">Lokakarya Inovasi', listing).group(1)
    page = client.get(workshop).get_data(as_text=True)
    assert "Anda terdaftar." in page and "Universitas Andalas" in page


TEST_QUIZ = """---
jenis: kuis
judul: Tes SOP pelayanan
nilai_lulus: 100
percobaan: 2
---
## Dokumen anggaran
Dokumen rencana keuangan tahunan pemerintah daerah yang ditetapkan dengan perda adalah ...

- [x] APBD
- [ ] RPJMD
- [ ] Renstra

## Singkatan SOP
SOP adalah singkatan dari ...

= Standar Operasional Prosedur
"""


def save_test(client, event_id, source, **flags):
    path = f"/kegiatan/{event_id}/test/edit"
    data = {"source": source} | {name: "y" for name, on in flags.items() if on}
    return press(client, path, path, data)


def take(client, event_id, phase, answers):
    path = f"/kegiatan/{event_id}/test/{phase}"
    started = press(client, path, path)
    assert started.status_code == 302, started.get_data(as_text=True)
    html = client.get(path).get_data(as_text=True)
    return client.post(path, data=quiz_fields(html, answers), follow_redirects=True)


RIGHT = {"dokumen-anggaran": "APBD", "singkatan-sop": "Standar Operasional Prosedur"}
WRONG = {"dokumen-anggaran": "RPJMD", "singkatan-sop": "Sistem Operasi"}


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
