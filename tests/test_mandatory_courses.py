"""Mandatory courses: an admin assigns a course to an agency (with those under it), a
position, or both, with a due date; the people it applies to see it first on their
dashboard; the report shows who is late and exports the same rows."""

import csv
import io
from datetime import date, timedelta

import sqlalchemy as sa

from elearn import db
from elearn.accounts import create_user
from elearn.mandatory import state_of
from elearn.models import Agency, Enrolment, MandatoryCourse, User
from elearn.models.types import utcnow
from elearn.testing import NIPS, learner_nip, login, post_form
from tests.forms import assign, course_id, dashboard_of, switch_to

TODAY = date.today()


def test_a_course_assigned_to_an_agency_reaches_the_agencies_under_it(app, client, city):
    login(client, NIPS["admin"])
    due = TODAY + timedelta(days=30)
    response = assign(client, app, agency_id=city["DINKES"], due_date=due.isoformat())
    assert response.status_code == 302
    assert "Kursus Uji kini menjadi kursus wajib." in client.get("/admin/mandatory").get_data(
        as_text=True
    )
    sari = dashboard_of(client, 0)
    assert sari.index("Kursus wajib") < sari.index("JP tahun")  # first on the dashboard
    assert "Kursus Uji" in sari and "belum dimulai" in sari
    assert "Kursus wajib" in dashboard_of(client, 1)  # the clinic is under the office
    assert "Kursus wajib" not in dashboard_of(client, 2)  # finance is not


def test_a_position_is_matched_in_every_agency_whatever_its_spacing_or_case(app, client, city):
    login(client, NIPS["admin"])
    assign(
        client, app, position="Bendahara Pengeluaran", due_date=(TODAY + timedelta(1)).isoformat()
    )
    assert "Kursus wajib" not in dashboard_of(client, 0)
    assert "Kursus wajib" in dashboard_of(client, 1)
    assert "Kursus wajib" in dashboard_of(client, 2)


def test_an_assignment_needs_an_agency_or_a_position(app, client, city):
    login(client, NIPS["admin"])
    page = assign(client, app, due_date=TODAY.isoformat()).get_data(as_text=True)
    assert "Pilih perangkat daerah, jabatan, atau keduanya." in page
    with app.app_context():
        assert db.session().scalar(sa.select(MandatoryCourse)) is None


def test_the_report_shows_who_is_late_and_exports_the_same_rows(app, client, city):
    login(client, NIPS["admin"])
    assign(client, app, agency_id=city["PEMKOT"], due_date=(TODAY - timedelta(10)).isoformat())
    with app.app_context():  # Sari finished on time, Andi after the due date, Wulan not at all
        session = db.session()
        version_id = session.scalar(sa.text("SELECT id FROM course_versions"))
        for n, finished in [(0, TODAY - timedelta(20)), (1, TODAY - timedelta(2))]:
            user = session.scalar(sa.select(User).where(User.nip == learner_nip(n)))
            session.add(
                Enrolment(
                    user_id=user.id,
                    course_id=course_id(app),
                    version_id=version_id,
                    completed_at=utcnow().replace(
                        year=finished.year, month=finished.month, day=finished.day, hour=3
                    ),
                )
            )
        session.commit()
    page = client.get("/admin/reports/mandatory").get_data(as_text=True)
    people = page[page.index('id="people-heading"') :]
    assert "Andi" in people and "Wulan" in people and "Sari" not in people
    assert "selesai terlambat" in people and "lewat tenggat" in people
    summary = page[page.index('id="courses-heading"') : page.index('id="people-heading"')]
    assert "<td>3</td><td>1</td><td>1</td><td>1</td><td>0</td>" in summary
    everyone = client.get("/admin/reports/mandatory?status=semua").get_data(as_text=True)
    assert "selesai tepat waktu" in everyone
    exported = client.get("/admin/reports/mandatory?format=csv")
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:2] == ["NIP", "Nama"]
    assert sorted(r[1] for r in rows[1:]) == ["Andi", "Wulan"]
    assert {r[-1] for r in rows[1:]} == {"selesai terlambat", "lewat tenggat"}
    health = client.get(f"/admin/reports/mandatory?instansi={city['DINKES']}").get_data(
        as_text=True
    )
    assert "Andi" in health and "Wulan" not in health


def test_removing_an_assignment_takes_it_off_the_dashboards(app, client, city):
    login(client, NIPS["admin"])
    assign(client, app, agency_id=city["PEMKOT"], due_date=TODAY.isoformat())
    assert (
        post_form(client, "/admin/mandatory/1/remove", {}, page="/admin/mandatory").status_code
        == 302
    )
    assert "Kursus wajib" not in dashboard_of(client, 0)


def test_only_admins_assign_or_read_the_report(client, city, login_as):
    login_as("trainer")
    assert client.get("/admin/mandatory").status_code == 403
    assert client.get("/admin/reports/mandatory").status_code == 403


def test_the_report_sends_the_same_queries_for_more_people(app, client, city, count_queries):
    login(client, NIPS["admin"])
    assign(client, app, agency_id=city["PEMKOT"], due_date=TODAY.isoformat())
    assign(client, app, position="Pengelola Data", due_date=TODAY.isoformat())
    url = "/admin/reports/mandatory?status=semua"
    client.get(url)  # the first view reads the courses' contents, once per process
    few = count_queries(client, url)
    dashboard_few = count_queries(client, "/dashboard")
    with app.app_context():
        session = db.session()
        clinic = session.get(Agency, city["PKM"])
        for n in range(10, 60):
            create_user(
                session, full_name=f"ASN {n}", nip=learner_nip(n), password="x" * 12, agency=clinic
            )
        session.commit()
    assert count_queries(client, url) == few
    assert count_queries(client, "/dashboard") == dashboard_few


def test_states_follow_the_due_date():
    due = date(2026, 6, 30)
    assert state_of(due, date(2026, 6, 30), date(2026, 7, 5)) == "done"
    assert state_of(due, date(2026, 7, 1), date(2026, 7, 5)) == "late"
    assert state_of(due, None, date(2026, 7, 1)) == "overdue"
    assert state_of(due, None, date(2026, 6, 30)) == "open"


def test_a_supervisor_sees_which_team_members_are_overdue(app, client, city, make_user):
    make_user("learner", name="Kepala", nip=NIPS["trainer"], email="kepala@contoh.go.id")
    with app.app_context():
        session = db.session()
        boss = session.scalar(sa.select(User).where(User.nip == NIPS["trainer"]))
        for n in (0, 1):
            session.scalar(
                sa.select(User).where(User.nip == learner_nip(n))
            ).supervisor_id = boss.id
        session.commit()
    login(client, NIPS["admin"])
    assign(client, app, agency_id=city["PKM"], due_date=(TODAY - timedelta(1)).isoformat())
    switch_to(client, NIPS["trainer"])
    page = client.get("/team").get_data(as_text=True)
    rows = {name: page[page.index(name) :].split("</tr>")[0] for name in ("Sari", "Andi")}
    assert '<span class="flag">1</span>' in rows["Andi"]  # the clinic's course is overdue
    assert '<span class="flag">' not in rows["Sari"]
