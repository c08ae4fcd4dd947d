"""Registering for an event: the waiting list, deadlines and audience, 40 at once for 25
seats, the supervisor's approval, calendar files and feeds, mail and reminders."""

from __future__ import annotations

import re
from datetime import timedelta

import icalendar
import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import (
    Agency,
    EventSession,
    Job,
    Notification,
    TrainingEvent,
    User,
)
from elearn.models.types import utcnow
from elearn.testing import csrf_token, learner_nip
from tests.concurrency import run_together
from tests.events import (
    make_event,
    press,
    signed_in,
    statuses,
)


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


def test_the_calendar_file_and_the_personal_feed(app, trainer, people):
    event_id = make_event(app, trainer.id)
    with app.app_context():
        session = db.session()
        session.scalars(sa.select(EventSession)).first().online_url = "https://zoom.us/j/42"
        session.commit()
    [(user, client), (other, other_client)] = people(2)
    page = f"/kegiatan/{event_id}"
    press(client, f"{page}/register", page)
    response = client.get(f"{page}/kegiatan.ics")
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 2
    assert str(events[0]["LOCATION"]) == "Aula Balai Kota Sawahlunto, https://zoom.us/j/42"
    assert str(events[1]["LOCATION"]) == "Aula Balai Kota Sawahlunto"
    assert events[0].decoded("DTSTART") < events[1].decoded("DTSTART")
    unregistered = other_client.get(f"{page}/kegiatan.ics").data
    assert b"Aula Balai Kota" in unregistered and b"zoom.us" not in unregistered

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
