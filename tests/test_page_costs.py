"""What a learner's pages cost: the lesson (the most frequent request) sends the same few
statements whatever the course's length, writes nothing when the lesson one is on is
opened again, and serves a new version at once; the dashboard costs the same in a city
of many offices, people and mandatory courses as in one office."""

from datetime import date, timedelta

import sqlalchemy as sa

from elearn import db
from elearn.models import Agency, Course, Enrolment, Event, MandatoryCourse, User
from elearn.models.types import utcnow
from elearn.testing import learner_nip
from tests.courses import course_files, post, sql_sent, statements

WRITES = ("INSERT", "UPDATE", "DELETE")


def loaded(client, url) -> int:
    """How many rows one GET of ``url`` loads as objects."""
    count = []

    def record(_target, _context):
        count.append(1)

    sa.event.listen(sa.orm.Mapper, "load", record)
    try:
        assert client.get(url).status_code == 200, url
    finally:
        sa.event.remove(sa.orm.Mapper, "load", record)
    return len(count)


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
    commits = []
    engine, record = db.get_db(app).engine, commits.append
    sa.event.listen(engine, "commit", record)
    try:
        again = statements(app, client, url)
    finally:
        sa.event.remove(engine, "commit", record)
    assert not set(again) & set(WRITES) and views(app) == seen
    assert again.count("SELECT") == 2  # the user; the version, enrolment and done steps
    assert commits == []  # nor commits what it read

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


def test_the_catalogue_lists_a_page_and_counts_the_matches_in_one_statement(
    app, client, login_as, publish
):
    publish(course_files())
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    client.get("/courses")  # the process reads the listed versions once
    few = statements(app, client, "/courses")
    for n in range(22):
        publish(course_files(key=f"seri-{n:02d}", title=f"APBD Seri {n:02d}"))
    client.get("/courses")
    many = statements(app, client, "/courses")
    assert many == few
    # the user, the page with its count, and the learner's enrolments, due dates and JP
    # shown for the page's courses (elearn.learn.course_facts)
    assert len([sent for sent in many if sent != "BEGIN"]) == 3, many
    assert loaded(client, "/courses") == 0  # the versions are the process's own
    second = client.get("/courses?halaman=2").get_data(as_text=True)
    assert "APBD Seri 20" in second and "Dasar APBD" in second and "Seri 19" not in second


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


def make_mandatory(app, learner, agency: int, key: str) -> int:
    """Put ``learner`` in ``agency`` and make the course ``key`` mandatory there, due on
    1 June 2027; the course's id."""
    with app.app_context():
        session = db.session()
        session.execute(sa.update(User).where(User.id == learner.id).values(agency_id=agency))
        course = session.scalar(sa.select(Course.id).where(Course.key == key))
        session.add(MandatoryCourse(course_id=course, agency_id=agency, due_date=date(2027, 6, 1)))
        session.commit()
        return course


def test_the_dashboard_costs_the_same_in_a_bigger_city(app, client, login_as, publish, agency):
    publish(course_files())
    publish(course_files(key="layanan", title="Pelayanan Prima"))
    learner = login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    course = make_mandatory(app, learner, agency, "layanan")
    assert "Pelayanan Prima" in client.get("/dashboard").get_data(as_text=True)
    small = statements(app, client, "/dashboard"), loaded(client, "/dashboard")
    # the user, the enrolments with progress, the JP credits, certificates, events and
    # mandatory courses asked together (elearn.lookups.Together), and the newest version
    # of the mandatory course not enrolled in
    assert len([sent for sent in small[0] if sent != "BEGIN"]) == 4, small

    with app.app_context():  # a city: more agencies, people and assignments
        session = db.session()
        offices = [Agency(code=f"OPD{n}", name=f"Perangkat Daerah {n}") for n in range(40)]
        session.add_all(offices)
        session.flush()
        for n, office in enumerate(offices):
            session.add(
                MandatoryCourse(course_id=course, agency_id=office.id, due_date=date(2027, 1, 1))
            )
            session.add(
                User(
                    nip=learner_nip(n),
                    full_name=f"ASN {n}",
                    agency_id=office.id,
                    password_hash="-",
                    supervisor_id=None if n else learner.id,  # a team to lead, beside
                )
            )
        session.commit()
    assert (statements(app, client, "/dashboard"), loaded(client, "/dashboard")) == small
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Pelayanan Prima" in page and "1 Juni 2027" in page  # not another office's date


def test_the_dashboard_reads_the_newest_versions_once_for_courses_and_duties(
    app, client, login_as, publish, agency
):
    publish(course_files())
    learner = login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")  # the mandatory course, enrolled
    make_mandatory(app, learner, agency, "apbd")
    sent = sql_sent(app, client, "/dashboard")
    assert "1 Juni 2027" in client.get("/dashboard").get_data(as_text=True)  # the duty shown
    newest = [s for s in sent if "FROM course_versions WHERE course_versions.course_id" in s]
    assert len(newest) == 1, newest  # with the enrolments, not again for the duties
    assert "FROM enrolments" in newest[0]


def test_the_dashboard_asks_for_jp_waiting_only_when_a_completed_course_lacks_them(
    app, client, login_as, publish
):
    publish(course_files())
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")  # in progress: nothing can wait
    assert not [s for s in sql_sent(app, client, "/dashboard") if "jp_approvals" in s]


def test_a_pages_statements_do_not_depend_on_the_clock_under_test(
    app, client, login_as, monkeypatch
):
    """Plugin switches are read every PLUGIN_SWITCH_SECONDS in production; under test
    only when a test says so, or a count of a page's statements would depend on how long
    the test took (it did: on a loaded machine, one more statement now and then)."""
    import time

    from elearn import plugins

    login_as("learner")
    first = statements(app, client, "/dashboard")
    later = time.monotonic() + 60
    monkeypatch.setattr(plugins.time, "monotonic", lambda: later)
    assert statements(app, client, "/dashboard") == first


def test_due_dates_are_read_as_values_not_as_assignment_objects(
    app, client, login_as, publish, agency
):
    publish(course_files())
    learner = login_as("learner")
    make_mandatory(app, learner, agency, "apbd")
    assignments_loaded = []

    def record(_target, _context):
        assignments_loaded.append(1)

    sa.event.listen(MandatoryCourse, "load", record)
    try:
        catalogue = client.get("/courses").get_data(as_text=True)
        dashboard = client.get("/dashboard").get_data(as_text=True)
    finally:
        sa.event.remove(MandatoryCourse, "load", record)
    assert "wajib, tenggat 1 Juni 2027" in catalogue and "1 Juni 2027" in dashboard
    assert assignments_loaded == []


def test_the_dashboard_loads_nothing_through_the_orm(app, client, login_as, publish):
    publish(course_files())
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    client.get("/courses/apbd/items/pengantar")
    client.get("/courses/apbd/items/siklus")  # complete: JP credited, a certificate
    kinds = []

    def record(target, _context):
        kinds.append(type(target).__name__)

    sa.event.listen(sa.orm.Mapper, "load", record)
    try:
        page = client.get("/dashboard").get_data(as_text=True)
    finally:
        sa.event.remove(sa.orm.Mapper, "load", record)
    assert "Sertifikat: Dasar APBD (PDF)" in page and "Dasar APBD</a> · 2 JP" in page
    assert kinds == []  # its enrolments are read through the driver (elearn.lookups)


def test_the_dashboard_shows_the_agency_read_with_the_user(app, client, login_as, agency):
    learner = login_as("learner")
    with app.app_context():
        session = db.session()
        session.execute(sa.update(User).where(User.id == learner.id).values(agency_id=agency))
        session.commit()
    sent = sql_sent(app, client, "/dashboard")
    assert not [s for s in sent if s.startswith("SELECT agencies.")]  # no agency loaded apart
    assert loaded(client, "/dashboard") == 0
    assert "<dd>Dinas Kesehatan</dd>" in client.get("/dashboard").get_data(as_text=True)
    with app.app_context():
        session = db.session()
        session.execute(sa.update(User).where(User.id == learner.id).values(agency_id=None))
        session.commit()
    assert "<dd>(belum diisi)</dd>" in client.get("/dashboard").get_data(as_text=True)
