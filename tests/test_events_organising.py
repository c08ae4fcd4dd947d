"""An organiser creates, edits, publishes and cancels events; who may; the demo's
events; materials reach participants only; BKPSDM sees events waiting for JP approval."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import sqlalchemy as sa

from elearn import db
from elearn.models import (
    AuditEntry,
    Notification,
    TrainingEvent,
)
from elearn.testing import csrf_token, learner_nip, login, post_form
from tests.events import (
    TOMORROW,
    make_event,
    press,
    signed_in,
    statuses,
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
    script = press(
        organiser, materials, materials, {"title": "Skrip", "url": "javascript://%0aalert(1)"}
    )
    assert "Tautan diawali https://" in script.get_data(as_text=True)
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
