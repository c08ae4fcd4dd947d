"""Idea meetings (forum inovasi): the innovation team builds the agenda from the board's
open ideas of the organising agencies, records a decision per idea that moves it (with
its notices), writes the minutes participants read, and schedules the next meetings on
the same weekday of each month."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.ideas.meetings import same_weekday_of_month
from elearn.models import (
    Agency,
    EventSession,
    Idea,
    IdeaStageChange,
    InnovationTeamMember,
    MeetingAgendaItem,
    TrainingEvent,
)
from elearn.testing import learner_nip
from tests.events import make_event, press, signed_in
from tests.ideas import agencies, post


@pytest.mark.parametrize(
    ("day", "ahead", "expected"),
    [
        (date(2026, 12, 7), 1, date(2027, 1, 4)),  # first Monday -> first Monday
        (date(2026, 12, 15), 2, date(2027, 2, 16)),  # third Tuesday
        (date(2026, 12, 31), 1, date(2027, 1, 28)),  # a fifth Thursday: the month's last
        (date(2026, 11, 30), 3, date(2027, 2, 22)),  # a fifth Monday in a short month
    ],
)
def test_the_same_weekday_of_the_month(day, ahead, expected):
    assert same_weekday_of_month(day, ahead) == expected
    assert expected.weekday() == day.weekday()


def test_a_meeting_decides_on_ideas_and_publishes_its_minutes(app, people, make_user):
    ids = agencies(app)
    [(sari, sari_client), (team_person, team_client)] = people(2)
    _check, idea_id = post(sari_client, ids["DINKES"])
    _check, other_agency = post(
        sari_client, ids["DPMPTSP"], title="Izin usaha mikro selesai dalam satu hari"
    )
    admin = make_user("admin", nip=learner_nip(95), email="a@contoh.go.id")
    event_id = make_event(app, admin.id, sessions=1, kind="forum_inovasi",
                          title="Forum Inovasi Dinas Kesehatan Desember")  # fmt: skip
    with app.app_context():
        session = db.session()
        event = session.get(TrainingEvent, event_id)
        event.organisers = [session.get(Agency, ids["DINKES"])]
        session.add(InnovationTeamMember(agency_id=ids["DINKES"], user_id=team_person.id))
        session.commit()
    meeting = f"/ideas/meetings/{event_id}"
    assert sari_client.get(meeting).status_code == 404  # not on the team
    html = team_client.get(meeting).get_data(as_text=True)
    offered = re.findall(r'<option value="(\d+)">', html)
    assert offered == [str(idea_id)]  # only the organising agency's open ideas
    press(team_client, f"{meeting}/agenda", meeting, {"idea": str(other_agency)})
    press(team_client, f"{meeting}/agenda", meeting, {"idea": str(idea_id)})
    with app.app_context():
        [item] = db.session().scalars(sa.select(MeetingAgendaItem)).all()
    assert item.idea_id == idea_id
    press(team_client, f"{meeting}/agenda/{item.id}", meeting,
          {"stage": "dibahas", "note": "Dibahas bersama kepala puskesmas."})  # fmt: skip
    press(team_client, f"{meeting}/minutes", meeting,
          {"minutes": "Hadir 12 orang. **Disepakati** uji coba di Puskesmas Talawi."})  # fmt: skip
    with app.app_context():
        session = db.session()
        assert session.get(Idea, idea_id).stage == "dibahas"
        assert (
            session.scalar(sa.select(IdeaStageChange.note)) == "Dibahas bersama kepala puskesmas."
        )
    page = sari_client.get(f"/kegiatan/{event_id}").get_data(as_text=True)
    assert "Keputusan: dibahas" in page and "<strong>Disepakati</strong>" in page


def test_the_next_meetings_are_scheduled_monthly(app, make_user):
    admin = make_user("admin", nip=learner_nip(96), email="b@contoh.go.id")
    event_id = make_event(app, admin.id, sessions=1, kind="forum_inovasi")
    first_monday = datetime(2027, 1, 4, 2, 0, tzinfo=UTC)  # 09.00 WIB
    with app.app_context():
        session = db.session()
        sitting = session.scalar(sa.select(EventSession))
        sitting.starts_at, sitting.ends_at = first_monday, first_monday + timedelta(hours=2)
        session.commit()
    client = signed_in(app, admin)
    meeting = f"/ideas/meetings/{event_id}"
    assert press(client, f"{meeting}/repeat", meeting, {"months": "3"}).status_code == 302
    with app.app_context():
        starts = (
            db.session()
            .scalars(sa.select(EventSession.starts_at).order_by(EventSession.starts_at))
            .all()
        )
    assert [s.replace(tzinfo=UTC).date() for s in starts] == [
        date(2027, 1, 4), date(2027, 2, 1), date(2027, 3, 1), date(2027, 4, 5),
    ]  # fmt: skip
    assert {s.replace(tzinfo=UTC).hour for s in starts} == {2}
