"""Build benchmark data at one of three sizes, on SQLite or PostgreSQL.

    small   100 learners x 20 courses    (1 course each: about 1,100 progress rows)
    medium  1,000 learners x 20 courses  (5 courses each: about 55,000 progress rows)
    large   10,000 learners x 100 courses (10 courses each: about 1.1 million progress
            rows, as many events, 100,000 graded attempts)

Courses are compiled by the platform's own importer (10 lessons and a 10-question quiz
each); learners, enrolments, progress, events and attempts are bulk-inserted. One more
learner, ``BENCH_NIP`` (the first user), is enrolled in one course at every size; the
load script measures pages as that learner. Every size also has the same pool of 6,600
open attempts, spread over its learners, for answer saves and submits.

Usage: python bench/seed.py --size small [--database-url URL]  (default: ELEARN_DATABASE_URL)
"""

from __future__ import annotations

import argparse
import random
import secrets
import sys
import time

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from elearn import create_app, db, migrations
from elearn.accounts.passwords import hash_password
from elearn.content.store import import_course
from elearn.models import (
    Agency,
    Attempt,
    CourseVersion,
    Enrolment,
    Event,
    ItemProgress,
    MandatoryCourse,
    User,
    UserRole,
)
from elearn.models.types import utcnow
from elearn.progress.attempts import build_layout

# learners, courses, enrolments per learner. Every size holds at least a catalogue
# page of courses (20): with fewer, the catalogue at the small size was a shorter page,
# and the flatness of its ratio compared one card with twenty, not a bigger city.
SIZES = {"small": (100, 20, 1), "medium": (1_000, 20, 5), "large": (10_000, 100, 10)}
OFFICES = {"small": 5, "medium": 40, "large": 200}  # agencies under the city, each with
# a mandatory course of its own beside one for everyone, and every 20th ASN a supervisor
BENCH_NIP = "199003152015032001"
BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 (a throwaway benchmark database)
OPEN_ATTEMPTS = 6_600  # open attempts (of many learners), for answer saves and submits
LESSON = """# {title}

Anggaran Pendapatan dan Belanja Daerah (APBD) adalah rencana keuangan tahunan pemerintah
daerah yang ditetapkan dengan peraturan daerah. Pelajaran ini membahas {title_lower}.

| Tahap | Dokumen | Batas waktu |
|---|---|---|
| Perencanaan | RKPD | Mei |
| Penganggaran | KUA-PPAS | Juli |
| Penetapan | Perda APBD | 31 Desember |

Belanja daerah terdiri atas belanja operasi, belanja modal, belanja tidak terduga dan
belanja transfer. Realisasi dibandingkan dengan pagu untuk menghitung serapan anggaran.

> [!catatan]
> Simpan bukti pertanggungjawaban (SPJ) setiap transaksi.
"""
QUIZ = """---
jenis: kuis
judul: Kuis Akhir
---
""" + "\n".join(
    f"## Soal {n}\nManakah dokumen penetapan APBD?\n- (x) Perda APBD\n- ( ) RKPD\n- ( ) KUA\n"
    if n % 2
    else f"## Soal {n} {{tipe=angka}}\nSerapan 750 dari pagu 1.000 adalah berapa persen?\n= 75\n"
    for n in range(1, 11)
)


def course_files(number: int) -> dict[str, bytes]:
    files = {
        "kursus.md": f"---\nid: bench-{number:03d}\njudul: Kursus Uji Beban {number}\njp: 2\n"
        "ringkasan: Pengelolaan keuangan daerah untuk uji beban.\n---\nPengantar.\n"
    }
    for lesson in range(1, 11):
        title = f"Pelajaran {lesson}: Siklus APBD"
        files[f"{lesson:02d}-pelajaran-{lesson}.md"] = LESSON.format(
            title=title, title_lower=title.lower()
        )
    files["11-kuis.md"] = QUIZ
    return {name: text.encode() for name, text in files.items()}


def seed(url: str, size: str) -> None:
    learners, courses, per_learner = SIZES[size]
    app = create_app({"DATABASE_URL": url, "ENV": "testing", "PLUGINS_STRICT": False})
    migrations.upgrade(app)
    rng = random.Random(2026)
    started = time.perf_counter()
    with app.test_request_context():
        session = db.session()
        if session.scalar(sa.select(sa.func.count(User.id))):
            sys.exit("the database is not empty: seed an empty one")
        for number in range(1, courses + 1):
            result = import_course(app, session, course_files(number))
            assert result.status == "created", [d.format() for d in result.report.errors]
        versions = list(
            session.scalars(
                sa.select(CourseVersion)
                .order_by(CourseVersion.id)
                .options(selectinload(CourseVersion.items))
            )
        )
        print(f"{courses} courses compiled in {time.perf_counter() - started:.1f} s")
        offices = _city(session, OFFICES[size], versions)
        password = hash_password(BENCH_PASSWORD)
        users = [
            {
                "nip": BENCH_NIP if n == 0 else None,
                "email": f"peserta{n}@bench.elearn.id",
                "full_name": f"Peserta Uji {n}",
                "password_hash": password,
                "session_token": secrets.token_urlsafe(32),
                "agency_id": offices[0] if n == 0 else rng.choice(offices),
            }
            for n in range(learners + 1)
        ]
        session.execute(sa.insert(User), users)
        user_ids = list(session.scalars(sa.select(User.id).order_by(User.id)))
        session.execute(  # teams: every 20th ASN leads the next 19 (not the bench learner)
            sa.update(User)
            .where(User.id > user_ids[0])
            .values(supervisor_id=user_ids[0] + 1 + (User.id - user_ids[0] - 1) // 20 * 20)
        )
        session.execute(
            sa.update(User).where(User.supervisor_id == User.id).values(supervisor_id=None)
        )
        session.execute(sa.insert(UserRole), [{"user_id": i, "role": "learner"} for i in user_ids])
        quizzes = {v.id: next(i for i in v.items if i.kind == "quiz") for v in versions}
        quiz_layouts = {vid: build_layout(item, 1) for vid, item in quizzes.items()}
        now = utcnow()
        enrolments, progress, events, attempts = [], [], [], []
        for user_id in user_ids:
            # the measured learner has the same data at every size (one course), so
            # flatness compares platforms of different sizes, not different learners
            chosen = rng.sample(versions, per_learner) if user_id != user_ids[0] else versions[:1]
            for version in chosen:
                enrolments.append(
                    {
                        "user_id": user_id,
                        "course_id": version.course_id,
                        "version_id": version.id,
                        "last_item_key": "pelajaran-5",
                        "enrolled_at": now,
                        "last_activity_at": now,
                    }
                )
        session.execute(sa.insert(Enrolment), enrolments)
        rows = session.execute(
            sa.select(Enrolment.id, Enrolment.user_id, Enrolment.course_id, Enrolment.version_id)
        ).all()
        by_version = {v.id: v for v in versions}
        for enrolment_id, user_id, course_id, version_id in rows:
            version = by_version[version_id]
            lessons = [i for i in version.items if i.kind == "lesson"]
            done = rng.randint(len(lessons) // 2, len(lessons))
            for item in lessons[:done]:
                progress.append(
                    {
                        "enrolment_id": enrolment_id,
                        "item_key": item.key,
                        "version_id": version_id,
                        "first_viewed_at": now,
                        "completed_at": now,
                    }
                )
                events.append(
                    {
                        "actor_id": user_id,
                        "verb": "experienced",
                        "object_type": "lesson",
                        "object_id": f"bench/{item.key}",
                        "timestamp": now,
                    }
                )
            quiz = quizzes[version_id]
            attempts.append(_attempt(user_id, course_id, quiz, quiz_layouts[version_id], 1, now))
            if len(progress) > 50_000:
                _flush(session, progress, events)
        _flush(session, progress, events)
        for n in range(OPEN_ATTEMPTS):  # the same pool of open attempts at every size
            _enrolment_id, user_id, course_id, version_id = rows[n % len(rows)]
            number = 2 + n // len(rows)
            quiz = quizzes[version_id]
            attempts.append(
                _attempt(user_id, course_id, quiz, quiz_layouts[version_id], number, now, True)
            )
        for chunk in range(0, len(attempts), 20_000):
            session.execute(sa.insert(Attempt), attempts[chunk : chunk + 20_000])
        session.commit()
        session.execute(sa.text("ANALYZE"))  # fresh planner statistics on both databases
        session.commit()
        counts = {
            model.__tablename__: session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (User, Enrolment, ItemProgress, Event, Attempt)
        }
    db.get_db(app).engine.dispose()
    print(f"seeded {size} in {time.perf_counter() - started:.0f} s: {counts}")


def _city(session, offices: int, versions: list) -> list[int]:
    """A city government with ``offices`` agencies under it, a mandatory course for
    every ASN and one more for each office; the ids of the offices."""
    city = Agency(code="PEMKOT", name="Pemerintah Kota Uji Beban")
    session.add(city)
    session.flush()
    session.execute(
        sa.insert(Agency),
        [
            {"code": f"OPD-{n:03d}", "name": f"Perangkat Daerah {n}", "parent_id": city.id}
            for n in range(offices)
        ],
    )
    ids = list(session.scalars(sa.select(Agency.id).where(Agency.parent_id == city.id)))
    due = utcnow().date().replace(month=12, day=31)
    session.execute(
        sa.insert(MandatoryCourse),
        [{"course_id": versions[0].course_id, "agency_id": city.id, "due_date": due}]
        + [
            {"course_id": versions[n % len(versions)].course_id, "agency_id": i, "due_date": due}
            for n, i in enumerate(ids)
        ],
    )
    return ids


def _attempt(user_id, course_id, quiz, layout, number, now, is_open=False) -> dict:
    return {
        "user_id": user_id,
        "course_id": course_id,
        "item_key": quiz.key,
        "item_id": quiz.id,
        "number": number,
        "seed": 1,
        "state": "open" if is_open else "graded",
        "started_at": now,
        "submitted_at": None if is_open else now,
        "deadline": None,
        "layout": layout,
        "responses": {},
        "revision": 0,
        "score": None if is_open else 7.0,
        "max_score": 10.0,
        "percent": None if is_open else 70.0,
        "passed": None if is_open else True,
        "pending": False,
        "results": None if is_open else {},
    }


def _flush(session, progress: list, events: list) -> None:
    session.execute(sa.insert(ItemProgress), progress)
    session.execute(sa.insert(Event), events)
    progress.clear()
    events.clear()


def main() -> None:
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--database-url", default=os.environ.get("ELEARN_DATABASE_URL"))
    args = parser.parse_args()
    if not args.database_url:
        sys.exit("give --database-url or set ELEARN_DATABASE_URL")
    seed(args.database_url, args.size)


if __name__ == "__main__":
    main()
