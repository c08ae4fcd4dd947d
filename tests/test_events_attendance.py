"""Attendance at an event and what it earns: the rotating check-in code, the roster, a
webinar's attendee list, completion with JP and a certificate once BKPSDM approved
them, the SIASN export, the dashboard and the participants' export."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from elearn import db
from elearn.kegiatan.checkin import STEP, code_at
from elearn.models import (
    AuditEntry,
    Certificate,
    EventRegistration,
    EventSession,
    JpCredit,
    TrainingEvent,
)
from elearn.models.types import LOCAL_TIME, utcnow
from elearn.testing import csrf_token, learner_nip
from tests.events import (
    complete_event,
    make_event,
    open_checkin,
    present,
    press,
    session_ids,
    signed_in,
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
    assert present(app, user.id) == []  # not open yet

    organiser = signed_in(app, trainer)
    before = utcnow()
    shown = open_checkin(app, organiser, event_id, first)
    assert shown in {code_at(secret, before), code_at(secret, utcnow())}

    old = code_at(secret, utcnow() - timedelta(seconds=2 * STEP))
    response = press(client, checkin, checkin, {"code": old})
    assert "salah atau sudah kedaluwarsa" in response.get_data(as_text=True)
    assert present(app, user.id) == []

    press(unregistered, checkin, checkin, {"code": code_at(secret, utcnow())})
    assert present(app, _late.id) == []

    response = press(client, checkin, checkin, {"code": code_at(secret, utcnow())})
    assert response.status_code == 302
    assert present(app, user.id) == [first]
    # the QR code's link fills the code in
    filled = client.get(f"{checkin}&c=123456").get_data(as_text=True)
    assert 'value="123456"' in filled


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
    assert present(app, user.id) == []
    press(organiser, action, roster, {f"{prefix}-reason": "Ponsel tertinggal"})
    assert present(app, user.id) == [sitting]
    with app.app_context():
        session = db.session()
        assert session.scalar(sa.select(JpCredit.jp)) == 4  # one session of one: complete
        entry = session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "event.attendance"))
        assert "Ponsel tertinggal" in entry.summary
    # a learner cannot reach the roster
    assert client.get(roster).status_code == 403


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
    assert present(app, sari.id) == [sitting] and present(app, budi.id) == [sitting]
    bad = organiser.post(
        path,
        data={
            "csrf_token": csrf_token(organiser, path),
            "file": (io.BytesIO(b"Nama,Durasi\nA,3\n"), "x.csv"),
        },
    )
    assert "perlu kolom NIP atau Email" in bad.get_data(as_text=True)


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
