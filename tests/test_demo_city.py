"""The demo city: simulated ASN with a year of learning, made through the platform's own
functions, so that every report has something real to show on first start."""

import re

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.accounts.nip import validate_nip
from elearn.demo import (
    DEMO_TRAINER_NIP,
    assign_demo_mandatory_course,
    load_demo_data,
    load_sample_courses,
)
from elearn.demo_city import OFFICES, populate_city
from elearn.models import Certificate, Enrolment, JpCredit, User
from elearn.models.types import LOCAL_TIME, utcnow
from elearn.testing import login

PEOPLE = 40


@pytest.mark.slow
def test_a_demo_city_fills_every_report(app):
    with app.app_context():
        session = db.session()
        accounts = {role: (name, password) for role, name, password in load_demo_data(session)}
        load_sample_courses(app, session, trainer=DEMO_TRAINER_NIP)
        assign_demo_mandatory_course(session)
        summary = populate_city(app, session, people=PEOPLE, seed=7)
        assert summary.people == PEOPLE and summary.completions > 0
        simulated = session.scalars(sa.select(User).where(User.email.is_(None))).all()
        assert len(simulated) == PEOPLE
        assert all(validate_nip(person.nip) == person.nip for person in simulated)
        completed = session.scalar(
            sa.select(sa.func.count(Enrolment.id)).where(Enrolment.completed_at.is_not(None))
        )
        assert session.scalar(sa.select(sa.func.count(Certificate.id))) == completed
        this_year = utcnow().astimezone(LOCAL_TIME).year
        assert set(session.scalars(sa.select(JpCredit.year))) == {this_year}
        months = {
            e.completed_at.month for e in session.scalars(sa.select(Enrolment)) if e.completed_at
        }
        assert len(months) > 1  # spread over the year, not all today

    trainer = app.test_client()
    login(trainer, *accounts["trainer"])
    quiz = "/author/courses/pengembangan-kompetensi-asn/reports/quiz/kuis-pemahaman"
    analysis = trainer.get(quiz).get_data(as_text=True)
    learners = int(re.search(r"setiap peserta \((\d+) orang\)", analysis).group(1))
    assert learners >= 5  # enough for the item analysis to speak
    admin = app.test_client()
    login(admin, *accounts["admin"])
    jp_report = admin.get("/admin/reports/jp").get_data(as_text=True)
    assert all(name in jp_report for _code, name in OFFICES[:3])
    hendra = app.test_client()
    login(hendra, *accounts["supervisor"])
    team = hendra.get("/team").get_data(as_text=True)
    assert team.count("<tr>") - 1 == 7  # Sari and six simulated colleagues
    nobody = app.test_client()  # a simulated ASN has no password to sign in with
    assert login(nobody, simulated[0].nip, "").status_code == 200
