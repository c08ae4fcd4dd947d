"""The query plans of the report and learner pages at a size: every SELECT each page
sends, with the plan the database chose for it (SQLite's EXPLAIN QUERY PLAN,
PostgreSQL's EXPLAIN), so a scan where an index should serve shows.

Seeds a fresh database at the size (bench/seed.py), adds an admin who also teaches the
first course, requests each page once in process (warm: the second request), and
writes the plans to ``bench/plans-<database>-<size>.txt``.

Usage: python bench/explain.py [--size large] [--database sqlite|postgres]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import load  # noqa: E402
import seed  # noqa: E402

PAGES = {
    "JP report": "/admin/reports/jp",
    "JP report, under the target, page 2": "/admin/reports/jp?kurang=1&halaman=2",
    "completions": "/admin/reports/completions",
    "SIASN export": "/admin/reports/siasn",
    "mandatory courses report": "/admin/reports/mandatory",
    "course report (trainer)": "/author/courses/bench-001/reports",
    "quiz item analysis (trainer)": "/author/courses/bench-001/reports/quiz/kuis",
    "dashboard": "/dashboard",
    "lesson": "/courses/bench-001/items/pelajaran-3",
}


def admin_cookie(sessions: load.Sessions) -> str:
    """An admin who teaches bench-001 and is enrolled in it (as the learner of the lesson
    page); the cookie of their session."""
    import secrets

    from elearn import db
    from elearn.models import Course, CourseTrainer, CourseVersion, Enrolment, User, UserRole

    with sessions.app.app_context():
        session = db.session()
        token = secrets.token_urlsafe(32)
        admin = User(
            nip="198104222006042002",
            full_name="Admin Uji Beban",
            password_hash="-",  # noqa: S106 (never signs in: the cookie is minted)
            session_token=token,
        )
        session.add(admin)
        session.flush()
        session.add_all([UserRole(user_id=admin.id, role=r) for r in ("admin", "trainer")])
        course = session.scalar(sa.select(Course.id).where(Course.key == "bench-001"))
        session.add(CourseTrainer(course_id=course, user_id=admin.id))
        version = session.scalar(
            sa.select(CourseVersion.id).where(CourseVersion.course_id == course)
        )
        session.add(Enrolment(user_id=admin.id, course_id=course, version_id=version))
        session.commit()
    return sessions.cookie(token)[0].split("=", 1)[1]


def plans(url: str, cookie: str) -> str:
    from elearn import create_app, db

    app = create_app({**load.IN_PROCESS, "DATABASE_URL": url})
    engine = db.get_db(app).engine
    postgres = engine.dialect.name == "postgresql"
    out = []
    for name, path in PAGES.items():
        client = app.test_client()
        client.set_cookie("session", cookie)
        client.get(path)  # warm
        sent = []

        def record(_conn, _cursor, statement, parameters, _context, _many, sent=sent):
            if statement.lstrip().upper().startswith(("SELECT", "WITH")):
                sent.append((statement, parameters))

        sa.event.listen(engine, "before_cursor_execute", record)
        status = client.get(path).status_code
        sa.event.remove(engine, "before_cursor_execute", record)
        out.append(f"== {name}: GET {path} -> {status}, {len(sent)} SELECT(s)")
        with engine.connect() as connection:
            for statement, parameters in sent:
                prefix = "EXPLAIN " if postgres else "EXPLAIN QUERY PLAN "
                cursor = connection.connection.cursor()
                cursor.execute(prefix + statement, parameters)
                plan = [" | ".join(str(c) for c in row) for row in cursor.fetchall()]
                cursor.close()
                out.append("-- " + " ".join(statement.split())[:300])
                out += ["   " + line for line in plan]
            connection.rollback()
    db.get_db(app).engine.dispose()
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=seed.SIZES, default="large")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = load.fresh_database(args.database, Path(tmp))
        seed.seed(url, args.size)
        sessions = load.Sessions(url)
        cookie = admin_cookie(sessions)
        text = plans(url, cookie)
        from elearn import db

        db.get_db(sessions.app).engine.dispose()
    target = ROOT / "bench" / f"plans-{args.database}-{args.size}.txt"
    target.write_text(text)
    print(text)
    print(f"written to {target}")


if __name__ == "__main__":
    main()
