"""The JP compliance report: JP per ASN and per agency, by competency, against the
yearly target; exports with the same rows; bounded queries; admins only."""

import csv
import io
import re

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.accounts import create_user
from elearn.models import Agency, JpCredit
from elearn.models.types import LOCAL_TIME, utcnow
from tests.forms import city_agencies

YEAR = utcnow().astimezone(LOCAL_TIME).year


@pytest.fixture
def city(app):
    """Two agencies under the city, three ASN with JP this year and one last year."""
    with app.app_context():
        session = db.session()
        city, health, clinic, finance = city_agencies(session)
        people = {}
        for nip, name, agency in [
            ("199003152015032001", "Sari", health),
            ("199103152015031002", "Andi", clinic),
            ("199203152015032003", "Wulan", finance),
        ]:
            people[name] = create_user(
                session, full_name=name, nip=nip, password="kata-sandi-uji-123", agency=agency
            )
        session.flush()
        credits = [
            ("Sari", YEAR, 12, "teknis"),
            ("Sari", YEAR, 10, "manajerial"),
            ("Andi", YEAR, 6, "sosial_kultural"),
            ("Wulan", YEAR - 1, 30, "teknis"),
        ]
        for name, year, jp, competency in credits:
            session.add(
                JpCredit(
                    user_id=people[name].id, year=year, jp=jp, competency=competency, title="K"
                )
            )
        session.commit()


def add_learners(app, count: int, start: int = 0):
    with app.app_context():
        session = db.session()
        agency = session.scalar(sa.select(Agency).where(Agency.code == "PKM"))
        for n in range(start, start + count):
            user = create_user(
                session,
                full_name=f"ASN {n}",
                nip=f"198801{n // 900 + 1:02d}2012011{n % 900 + 1:03d}",
                password="kata-sandi-uji-123",
                agency=agency,
            )
            session.flush()
            session.add(
                JpCredit(user_id=user.id, year=YEAR, jp=n % 25, competency="teknis", title="K")
            )
        session.commit()


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_report_shows_who_is_under_the_target(client, login_as, city):
    login_as("admin")
    page = text(client.get("/admin/reports/jp"))
    assert "3 dari 4 ASN belum mencapai target tahunan 20 JP." in page  # the admin too
    assert "Sari" in page and "22</strong>" in page  # 12 technical + 10 managerial
    under = text(client.get("/admin/reports/jp?kurang=1"))
    assert "Andi" in under and "Wulan" in under and "Sari" not in under


def test_an_agency_includes_the_agencies_under_it(client, login_as, city, app):
    login_as("admin")
    with app.app_context():
        health = db.session().scalar(sa.select(Agency.id).where(Agency.code == "DINKES"))
    page = text(client.get(f"/admin/reports/jp?instansi={health}"))
    assert "Sari" in page and "Andi" in page and "Wulan" not in page
    assert "1 dari 2 ASN" in page


def test_last_years_jp_is_last_years(client, login_as, city):
    login_as("admin")
    page = text(client.get(f"/admin/reports/jp?tahun={YEAR - 1}&kurang=1"))
    assert "Wulan" not in page and "Sari" in page


def test_the_exports_have_the_rows_and_numbers_of_the_page(client, login_as, city):
    login_as("admin")
    exported = client.get("/admin/reports/jp?kurang=1&format=csv")
    assert exported.headers["Content-Disposition"] == f'attachment; filename="jp-{YEAR}.csv"'
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:2] == ["NIP", "Nama"]
    by_nip = {r[0]: (r[1], r[-2], r[-1]) for r in rows[1:]}
    assert by_nip["199203152015032003"] == ("Wulan", "0.0", "di bawah target")
    assert by_nip["199103152015031002"] == ("Andi", "6.0", "di bawah target")
    assert "199003152015032001" not in by_nip and len(by_nip) == 3
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(client.get("/admin/reports/jp?format=xlsx").data))
    values = [list(r) for r in workbook.active.iter_rows(values_only=True)]
    assert values[-1][:2] == ["199003152015032001", "Sari"] and values[-1][-2] == 22
    assert isinstance(values[1][0], str)  # a NIP stays text in the spreadsheet


def test_the_report_sends_the_same_queries_for_more_people(
    app, client, login_as, city, count_queries
):
    login_as("admin")
    add_learners(app, 20)
    few = count_queries(client, "/admin/reports/jp")
    add_learners(app, 400, start=20)
    assert count_queries(client, "/admin/reports/jp") == few


def test_only_admins_see_the_report(client, login_as):
    login_as("trainer")
    assert client.get("/admin/reports/jp").status_code == 403
    assert client.get("/admin/reports/jp?format=csv").status_code == 403


def test_completions_by_course_and_agency(app, client, login_as, city):
    with app.app_context():
        from elearn.models import Course

        session = db.session()
        spj, lead = Course(key="spj"), Course(key="kepemimpinan")
        session.add_all([spj, lead])
        session.flush()
        for credit in session.scalars(sa.select(JpCredit).where(JpCredit.year == YEAR)):
            course = lead if credit.competency == "manajerial" else spj
            credit.course_id, credit.title = course.id, course.key
        session.commit()
    login_as("admin")
    page = text(client.get("/admin/reports/completions"))
    assert "3 kursus diselesaikan." in page
    exported = client.get("/admin/reports/completions?format=csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(exported.lstrip("\ufeff"))))
    assert rows[1:] == [
        ["kepemimpinan", "Dinas Kesehatan", "1", "10.0"],
        ["spj", "Dinas Kesehatan", "1", "12.0"],
        ["spj", "Puskesmas Kota", "1", "6.0"],
    ]


def test_a_page_of_the_report_holds_its_hundred_people_fewest_jp_first(app, client, login_as, city):
    """The page is cut in SQL, in the order of JP (then name); the counts and the
    agencies' sums are of everyone in the scope."""
    login_as("admin")  # an ASN too (with a NIP, no JP): 424 in all with the city's three
    add_learners(app, 420)  # "ASN n" with n % 25 JP, at the clinic
    pages = [text(client.get(f"/admin/reports/jp?halaman={n}")) for n in (1, 2, 5)]
    rows = [re.findall(r"<tr><td>\d{18}</td><td>([^<]+)</td>", page) for page in pages]
    assert [len(r) for r in rows] == [100, 100, 24]
    assert [n for n in rows[0] if n.startswith("ASN")][:3] == ["ASN 0", "ASN 100", "ASN 125"]
    assert not set(rows[0]) & set(rows[1])
    # under the target of 20: the 340 with n % 25 < 20, Andi (6), Wulan (none this
    # year) and the admin; not Sari (22)
    assert "343 dari 424 ASN" in pages[0]
    under = [text(client.get(f"/admin/reports/jp?kurang=1&halaman={n}")) for n in (1, 4)]
    assert "ASN (343)" in under[0]
    assert len(re.findall(r"<tr><td>\d{18}</td>", under[1])) == 43
    clinic = re.search(r"Puskesmas Kota</t[dh]>(.*?)</tr>", pages[0], re.S).group(1)
    assert ">421<" in clinic  # its people: the 420 and Andi, summed over every page
