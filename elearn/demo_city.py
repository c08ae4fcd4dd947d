"""A demo city worth looking at: a few hundred simulated ASN across the city's offices,
who enrolled, read, took quizzes, passed or stalled over the months of this year, so
that reports, charts, item analysis and the team page show something real on first start
(``elearn demo``).

Everything is done through the platform's own functions (enrolment, lessons viewed or
marked done, attempts, completion, JP and certificates), on a simulated clock
(``SIMULATED_NOW``), so the data are as consistent as real use leaves them. Only the
answers are simulated: each quiz result is drawn from the learner's ability and the
question's difficulty, with the options a learner who got it wrong would pick. The
simulated ASN cannot sign in (no password); an admin can print them activation codes.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from elearn.accounts.bulk_import import NO_PASSWORD
from elearn.accounts.nip import NipError, validate_nip
from elearn.content import question_type_lookup
from elearn.demo import DEMO_SUPERVISOR
from elearn.models import Agency, Course, CourseVersion, User
from elearn.models.catalog import latest_versions_query
from elearn.models.types import LOCAL_TIME, SIMULATED_NOW, utcnow
from elearn.progress import enrol, mark_done, view_item
from elearn.progress.attempts import AttemptRefused, attempts_allowed, credit_pass, start_attempt
from elearn.progress.courses import done_keys
from elearn.progress.events import record_event
from elearn.progress.grading import mark

OFFICES = [  # code, name: the city's offices beside the demo's own
    ("SETDA", "Sekretariat Daerah"),
    ("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan"),
    ("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah"),
    ("DINSOS", "Dinas Sosial"),
]
FIRST_NAMES = [
    "Andi", "Budi", "Citra", "Dewi", "Eka", "Fajar", "Gita", "Hadi", "Indah", "Joko",
    "Kartika", "Lestari", "Made", "Nur", "Oki", "Putri", "Rahmat", "Siti", "Taufik", "Utami",
    "Vina", "Wahyu", "Yuni", "Zainal", "Ayu", "Bayu", "Desi", "Fitri", "Hendro", "Irma",
]  # fmt: skip
LAST_NAMES = [
    "Saputra", "Lestari", "Hidayat", "Wulandari", "Pratama", "Rahmawati", "Nasution",
    "Siregar", "Harahap", "Putri", "Setiawan", "Kurniawan", "Syahputra", "Anggraini",
    "Chaniago", "Piliang", "Tanjung", "Koto", "Sikumbang", "Caniago",
]  # fmt: skip
POSITIONS = [
    "Analis Kebijakan", "Pengelola Keuangan", "Pranata Komputer", "Arsiparis",
    "Pengadministrasi Umum", "Analis SDM Aparatur", "Perencana", "Penyuluh",
    "Bendahara Pengeluaran", "Verifikator Keuangan",
]  # fmt: skip
HEAD_POSITION = "Kepala Bidang"
TEAM_OF_HENDRA = 6  # the demo supervisor's own team, besides Sari


@dataclass
class CitySummary:
    people: int = 0
    enrolments: int = 0
    completions: int = 0
    attempts: int = 0


def _nip(rng: random.Random, serial: int, today: date) -> str:
    """A NIP that follows the rules: birth date, appointment month some 20 to 30 years
    later (not after today), sex, and a serial number."""
    while True:
        born = date(rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28))
        year = min(born.year + rng.randint(20, 30), today.year - 1)
        nip = f"{born:%Y%m%d}{year}{rng.randint(1, 12):02d}{rng.choice('12')}{serial % 1000:03d}"
        try:
            return validate_nip(nip)
        except NipError:
            continue


def _offices(session: Session) -> list[Agency]:
    city = session.scalar(sa.select(Agency).where(Agency.parent_id.is_(None)))
    known = {a.code: a for a in session.scalars(sa.select(Agency))}
    for code, name in OFFICES:
        if code not in known:
            known[code] = Agency(code=code, name=name, parent=city)
            session.add(known[code])
    session.flush()
    return [a for a in known.values() if a.parent_id is not None]


def _people(session: Session, rng: random.Random, count: int, today: date) -> list[User]:
    """``count`` ASN across the offices; the first of each office heads it and is the
    others' direct supervisor, and a few join the demo supervisor's team."""
    offices = _offices(session)
    taken = set(session.scalars(sa.select(User.nip).where(User.nip.is_not(None))))
    hendra = session.scalar(sa.select(User).where(User.nip == DEMO_SUPERVISOR[1]))
    heads: dict[int, User] = {}
    people = []
    for n in range(count):
        office = offices[n % len(offices)]
        nip = _nip(rng, n + 1, today)
        while nip in taken:
            nip = _nip(rng, n + 1 + rng.randint(1, 999), today)
        taken.add(nip)
        head = heads.get(office.id)
        person = User(  # no password: they are simulated (an admin may print them a code)
            full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            nip=nip,
            password_hash=NO_PASSWORD,
            agency=office,
            position=HEAD_POSITION if head is None else rng.choice(POSITIONS),
        )
        person.set_roles(["learner"])
        session.add(person)
        session.flush()
        if head is None:
            heads[office.id] = person
        else:
            person.supervisor_id = head.id
        people.append(person)
    if hendra is not None:
        for person in [p for p in people if p.supervisor_id][:TEAM_OF_HENDRA]:
            person.supervisor_id = hendra.id
    session.flush()
    return people


def _difficulty(key: str) -> float:
    """A question's difficulty in [0.1, 0.8], the same in every run."""
    return 0.1 + 0.7 * (zlib.crc32(key.encode()) % 1000) / 1000


def _simulated_result(rng, types, question, ability: float) -> dict:
    knows = rng.random() < ability * (1.1 - _difficulty(question.key))
    question_type = types.get(question.type_id)
    options = question_type.options(question.answer_key, question.public) if question_type else None
    result: dict = {"fraction": 1.0 if knows else 0.0, "feedback": [], "details": {}}
    if options:
        right = [o.id for o in options if o.correct]
        wrong = [o.id for o in options if not o.correct]
        if knows or not wrong:
            result["chosen"] = right
        else:  # the first distractor draws most of the wrong answers
            result["chosen"] = [wrong[0] if rng.random() < 0.6 else rng.choice(wrong)]
    elif not knows and rng.random() < 0.4:
        result["fraction"] = 0.5  # partly right
    return result


def _take_quiz(session, rng, person, enrolment, item, ability: float, tick) -> bool:
    """Attempts until a pass, the attempts run out or the learner gives up."""
    types = question_type_lookup(current_app)
    questions = {q.id: q for q in item.questions}
    for _try in range(3):
        try:
            attempt = start_attempt(session, person, enrolment, item)
        except AttemptRefused:
            return False
        tick(minutes=rng.randint(8, 40))
        results = {
            entry["key"]: _simulated_result(rng, types, questions[entry["id"]], ability)
            for entry in attempt.layout
        }
        attempt.results = results
        attempt.score = round(
            sum(results[e["key"]]["fraction"] * e["points"] for e in attempt.layout), 4
        )
        attempt.state, attempt.pending, attempt.submitted_at = "graded", False, utcnow()
        mark(attempt)
        record_event(
            session,
            actor=person,
            verb="passed" if attempt.passed else "failed",
            object_type="quiz",
            object_id=f"{enrolment.course.key}/{item.key}",
            result={"score": attempt.score, "max": attempt.max_score, "passed": attempt.passed},
        )
        if attempt.passed:
            credit_pass(session, person, attempt)
            return True
        ability = min(ability + 0.15, 0.95)  # a retake after reading the feedback
        if rng.random() < 0.3 or not attempts_allowed(
            session, person.id, item.version.course_id, item
        ):
            return False
        tick(days=rng.randint(0, 3))
    return False


def _learn(session, rng, person, version: CourseVersion, start: datetime, summary) -> None:
    """One person's course, step by step from ``start``, on the simulated clock."""
    now = [start]

    def tick(**delta) -> None:
        now[0] = min(now[0] + timedelta(**delta), datetime.now(UTC) - timedelta(hours=1))
        SIMULATED_NOW.set(now[0])

    SIMULATED_NOW.set(start)
    enrolment = enrol(session, person, version.course)
    summary.enrolments += 1
    ability = rng.uniform(0.35, 0.95)
    keeps_going = rng.uniform(0.8, 1.0)  # the chance of taking each next step
    marked = version.settings["lesson_completion"] == "marked"
    for item in version.items:
        if rng.random() > keeps_going:
            break  # stalled here: the reports' in-progress and stuck learners
        tick(minutes=rng.randint(5, 60), days=rng.choice([0, 0, 0, 1, 2, 7]))
        if item.kind == "quiz":
            summary.attempts += 1
            if not _take_quiz(session, rng, person, enrolment, item, ability, tick):
                break
            continue
        view_item(session, person, enrolment, item, done_keys(session, enrolment))
        if marked:
            mark_done(session, person, enrolment, item)
    if enrolment.completed_at is not None:
        summary.completions += 1


def populate_city(app: Flask, session: Session, people: int = 300, seed: int = 2026) -> CitySummary:
    """Add ``people`` simulated ASN and their year of learning (the caller has loaded the
    demo data and sample courses). The same seed gives the same city."""
    rng = random.Random(seed)
    summary = CitySummary()
    today = utcnow().astimezone(LOCAL_TIME).date()
    year_start = datetime(today.year, 1, 8, 8, tzinfo=LOCAL_TIME).astimezone(UTC)
    span = max((utcnow() - year_start).days - 7, 1)
    with app.test_request_context():
        persons = _people(session, rng, people, today)
        session.commit()
        versions = list(session.scalars(latest_versions_query().join(Course)))
        mandatory = next(
            (v for v in versions if v.course.key == "pengembangan-kompetensi-asn"), None
        )
        token = SIMULATED_NOW.set(None)
        try:
            for person in persons:
                chosen = rng.sample(versions, k=min(len(versions), rng.randint(0, 3)))
                if mandatory is not None and mandatory not in chosen and rng.random() < 0.7:
                    chosen.append(mandatory)
                for version in chosen:
                    start = year_start + timedelta(
                        days=rng.randrange(span), hours=rng.randint(0, 8)
                    )
                    _learn(session, rng, person, version, start, summary)
                session.commit()
                summary.people += 1
        finally:
            SIMULATED_NOW.reset(token)
    return summary
