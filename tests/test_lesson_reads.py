"""The lesson page, the learner's most frequent request: the same few statements
whatever the course's length, no write when the lesson one is on is opened again, and a
new version of the course served at once."""

from datetime import timedelta

import sqlalchemy as sa

from elearn import db
from elearn.models import Enrolment, Event
from elearn.models.types import utcnow
from tests.test_learning import course_files, post

WRITES = ("INSERT", "UPDATE", "DELETE")


def statements(app, client, url) -> list[str]:
    """The SQL one GET of ``url`` sends (it must succeed)."""
    engine, sent = db.get_db(app).engine, []

    def record(_conn, _cursor, statement, *_args):
        sent.append(statement.lstrip().split(None, 1)[0].upper())

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200, url
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return sent


def views(app) -> int:
    with app.app_context():
        return db.session().scalar(sa.select(sa.func.count()).where(Event.verb == "experienced"))


def test_opening_again_the_lesson_one_is_on_writes_nothing(app, client, login_as, publish):
    publish(course_files(completion="ditandai"))
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    url = "/courses/apbd/items/pengantar"
    assert set(statements(app, client, url)) & set(WRITES)  # first opened: remembered
    seen = views(app)
    again = statements(app, client, url)
    assert not set(again) & set(WRITES) and views(app) == seen
    assert again.count("SELECT") == 3  # the user; the version and enrolment; done steps

    with app.app_context():  # back after a break: the visit is recorded again
        db.session().execute(
            sa.update(Enrolment).values(last_activity_at=utcnow() - timedelta(minutes=6))
        )
        db.session().commit()
    client.get(url)
    assert views(app) == seen + 1
    client.get("/courses/apbd/items/siklus")  # another lesson is always recorded
    assert views(app) == seen + 2


def test_a_longer_course_costs_the_lesson_page_no_more_statements(app, client, login_as, publish):
    more = {f"{n:02d}-bab-{n}.md": f"# Bab {n}\n\nIsi bab {n}.\n" for n in range(3, 40)}
    publish(course_files())
    publish(course_files(key="panjang", title="Kursus Panjang", extra=more))
    login_as("learner")
    for key in ("apbd", "panjang"):
        post(client, f"/courses/{key}/enrol", f"/courses/{key}")
        client.get(f"/courses/{key}/items/pengantar")
    short = statements(app, client, "/courses/apbd/items/pengantar")
    long = statements(app, client, "/courses/panjang/items/pengantar")
    assert long == short


def test_a_new_version_is_served_at_once(app, client, login_as, publish):
    publish(course_files())
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    url = "/courses/apbd/items/siklus"
    assert "Perencanaan, penganggaran" in client.get(url).get_data(as_text=True)
    changed = {"02-siklus.md": "# Siklus Anggaran\n\nDari KUA-PPAS sampai Perda APBD.\n"}
    publish(course_files(extra=changed))
    page = client.get(url).get_data(as_text=True)
    assert "Dari KUA-PPAS sampai Perda APBD." in page and "Perencanaan" not in page
