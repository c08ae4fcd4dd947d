"""Helpers of the events tests: an event made in the database, a signed-in client per
person, forms pressed with their page's CSRF token, and the states read back."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from elearn import db
from elearn.models import (
    EventAttendance,
    EventRegistration,
    EventSession,
    Notification,
    TrainingEvent,
)
from elearn.testing import csrf_token, login, quiz_fields

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


def present(app, user_id) -> list[int]:
    with app.app_context():
        return (
            db.session()
            .scalars(
                sa.select(EventAttendance.session_id).where(EventAttendance.user_id == user_id)
            )
            .all()
        )


def complete_event(app, trainer, client, event_id):
    """Register ``client``'s person and mark them present at every session."""
    page = f"/kegiatan/{event_id}"
    press(client, f"{page}/register", page)
    organiser = signed_in(app, trainer)
    for sitting in session_ids(app, event_id):
        roster = f"/kegiatan/{event_id}/sessions/{sitting}/roster"
        action = re.search(rf'action="({roster}/(\d+))"', organiser.get(roster).get_data(True))
        press(organiser, action.group(1), roster, {f"r{action.group(2)}-reason": "Hadir di aula"})


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


def notice_kinds(app, user_id) -> list[str]:
    """The kinds of the notifications a person got, oldest first."""
    with app.app_context():
        return (
            db.session()
            .scalars(
                sa.select(Notification.kind)
                .where(Notification.user_id == user_id)
                .order_by(Notification.id)
            )
            .all()
        )
