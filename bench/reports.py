"""A trainer's course report over many learners (10,000 by default), on SQLite or
PostgreSQL: one course (the seed's, compiled by the importer) with every learner
enrolled, their progress, and a graded first attempt each whose answers follow the
learner's ability (so the item analysis has something to find). Then, in process, as
the course's trainer: the report page, its learners' CSV export and the quiz's item
analysis, each requested ``--runs`` times, with p50 and the slowest time, as ratios to a
signed-in hello-world route of the same app in the same run, and queries and bytes per
page. Asserts nothing.

Usage: python bench/reports.py [--learners 10000] [--database sqlite|postgres] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import seed  # noqa: E402
from load import SECRET, fresh_database  # noqa: E402

TRAINER_NIP = "197508172000121003"


def build(url: str, learners: int) -> None:
    from elearn import create_app, db, migrations
    from elearn.content.store import import_course
    from elearn.models import (
        Attempt,
        CourseTrainer,
        CourseVersion,
        Enrolment,
        ItemProgress,
        User,
        UserRole,
    )
    from elearn.models.types import utcnow
    from elearn.progress.attempts import build_layout

    app = create_app({"DATABASE_URL": url, "ENV": "testing", "PLUGINS_STRICT": False})
    migrations.upgrade(app)
    rng = random.Random(2026)
    started = time.perf_counter()
    with app.test_request_context():
        session = db.session()
        assert import_course(app, session, seed.course_files(1)).status == "created"
        version = session.scalar(sa.select(CourseVersion))
        quiz = next(i for i in version.items if i.kind == "quiz")
        lessons = [i for i in version.items if i.kind == "lesson"]
        session.execute(
            sa.insert(User),
            [
                {
                    "nip": TRAINER_NIP if n == 0 else None,
                    "email": f"peserta{n}@bench.elearn.id",
                    "full_name": f"Peserta Uji {n}",
                    "password_hash": "!",
                    "session_token": secrets.token_urlsafe(32),
                }
                for n in range(learners + 1)
            ],
        )
        ids = list(session.scalars(sa.select(User.id).order_by(User.id)))
        trainer, people = ids[0], ids[1:]
        session.execute(
            sa.insert(UserRole),
            [{"user_id": i, "role": "trainer" if i == trainer else "learner"} for i in ids],
        )
        session.add(CourseTrainer(course_id=version.course_id, user_id=trainer))
        now = utcnow()
        session.execute(
            sa.insert(Enrolment),
            [
                {
                    "user_id": i,
                    "course_id": version.course_id,
                    "version_id": version.id,
                    "enrolled_at": now,
                    "last_activity_at": now,
                }
                for i in people
            ],
        )
        enrolments = session.execute(sa.select(Enrolment.id, Enrolment.user_id)).all()
        layout = build_layout(quiz, 1)
        progress, attempts = [], []
        for enrolment_id, user_id in enrolments:
            ability = rng.random()
            for item in lessons[: rng.randint(0, len(lessons))]:
                progress.append(
                    {
                        "enrolment_id": enrolment_id,
                        "item_key": item.key,
                        "version_id": version.id,
                        "first_viewed_at": now,
                        "completed_at": now,
                    }
                )
            results = {e["key"]: {"fraction": float(rng.random() < ability)} for e in layout}
            score = sum(
                r["fraction"] * e["points"] for e, r in zip(layout, results.values(), strict=True)
            )
            total = sum(e["points"] for e in layout)
            responses = {
                e["key"]: ("a" if results[e["key"]]["fraction"] else rng.choice("bc"))
                for e in layout
            }
            attempts.append(
                {
                    "user_id": user_id,
                    "course_id": version.course_id,
                    "item_key": quiz.key,
                    "item_id": quiz.id,
                    "number": 1,
                    "seed": 1,
                    "state": "graded",
                    "started_at": now,
                    "submitted_at": now,
                    "layout": layout,
                    "responses": responses,
                    "revision": 1,
                    "results": results,
                    "score": score,
                    "max_score": total,
                    "percent": 100 * score / total,
                    "passed": 100 * score / total >= 70,
                    "pending": False,
                }
            )
        for chunk in range(0, len(progress), 20_000):
            session.execute(sa.insert(ItemProgress), progress[chunk : chunk + 20_000])
        for chunk in range(0, len(attempts), 5_000):
            session.execute(sa.insert(Attempt), attempts[chunk : chunk + 5_000])
        session.commit()
        session.execute(sa.text("ANALYZE"))
        session.commit()
    db.get_db(app).engine.dispose()
    print(f"seeded {learners} learners in {time.perf_counter() - started:.0f} s")


def measure(url: str, runs: int) -> None:
    from flask_login import current_user

    from elearn import create_app, db
    from elearn.auth.permissions import signed_in
    from elearn.models import User

    app = create_app(
        {"ENV": "production", "SECRET_KEY": SECRET, "DATABASE_URL": url}
        | {"BASE_URL": "http://localhost", "TRUSTED_HOSTS": ["localhost"]}
    )

    @app.route("/bench/hello-user")
    @signed_in
    def hello_user():
        return "hello " + current_user.full_name

    with app.app_context():
        token = db.session().scalar(sa.select(User.session_token).where(User.nip == TRAINER_NIP))
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = token, True
    engine = db.get_db(app).engine
    pages = {
        "signed-in hello": "/bench/hello-user",
        "course report": "/author/courses/bench-001/reports",
        "learners CSV": "/author/courses/bench-001/reports?format=csv",
        "item analysis": "/author/courses/bench-001/reports/quiz/kuis",
    }
    timings = {}
    print(f"{'page':16} {'p50 ms':>9} {'max ms':>9} {'x hello':>9} {'queries':>8} {'KB':>8}")
    for name, path in pages.items():
        statements = []

        def record(*_args, statements=statements):
            statements.append(1)

        sa.event.listen(engine, "before_cursor_execute", record)
        response = client.get(path)
        sa.event.remove(engine, "before_cursor_execute", record)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        queries, size = len(statements), len(response.data)
        times = []
        for _ in range(runs if "hello" not in name else runs * 20):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        timings[name] = statistics.median(times)
        ratio = timings[name] / timings["signed-in hello"]
        print(
            f"{name:16} {timings[name]:9.1f} {max(times):9.1f} {ratio:9.0f} "
            f"{queries:8d} {size / 1024:8.1f}"
        )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = fresh_database(args.database, Path(tmp))
        build(url, args.learners)
        measure(url, args.runs)


if __name__ == "__main__":
    main()
