"""The SIASN-ready export: completed training in BKN's training-history shape (dates as
dd-mm-yyyy), courses finished here and verified training done elsewhere, with the
certificate PDFs in a ZIP."""

import csv
import io
import re
import zipfile
from datetime import date

import sqlalchemy as sa

from elearn import db
from elearn.models import ExternalLearning, User
from elearn.models.types import LOCAL_TIME, utcnow
from elearn.testing import NIPS, csrf_token, learner_nip, login, post_form
from tests.courses import WITH_PDF
from tests.forms import prepared_archive

YEAR = utcnow().astimezone(LOCAL_TIME).year
COURSE = {
    "kursus.md": "---\nid: spj\njudul: Penyusunan SPJ\njp: 2\nkompetensi: teknis\n"
    "penyelesaian: dilihat\n---\nSPJ.\n",
    "01-pengantar.md": "---\njudul: Pengantar\n---\nIsi.\n",
}
PDF = b"%PDF-1.4\n% luar\n%%EOF\n"


def finish_course(client):
    post_form(client, "/courses/spj/enrol", {}, page="/courses/spj")
    post_form(client, "/courses/spj/items/pengantar/done", {}, page="/courses/spj/items/pengantar")


def add_external(app, nip, verified=True):
    with app.app_context():
        session = db.session()
        user = session.scalar(sa.select(User).where(User.nip == nip))
        session.add(
            ExternalLearning(
                user_id=user.id,
                title="Seminar Keamanan Siber",
                organiser="BSSN",
                start_date=date(YEAR, 1, 9),
                end_date=date(YEAR, 1, 10),
                jp=6,
                competency="teknis",
                certificate_number="12/BSSN/I/2026",
                certificate_pdf=PDF,
                status="verified" if verified else "pending",
                review_note="",
            )
        )
        session.commit()


def test_the_export_has_bkn_columns_both_kinds_and_the_pdfs(app, client, make_user, publish):
    publish(COURSE)
    make_user("learner")
    login(client, NIPS["learner"])
    finish_course(client)
    add_external(app, NIPS["learner"])
    add_external(app, NIPS["learner"], verified=False)  # not yet: left out
    client.post(
        "/logout", data={"csrf_token": post_form.__globals__["csrf_token"](client, "/dashboard")}
    )
    make_user("admin")
    login(client, NIPS["admin"])
    page = client.get("/admin/reports/siasn").get_data(as_text=True)
    assert "2 catatan pelatihan." in page and "10-01-" in page
    exported = client.get("/admin/reports/siasn?format=csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(exported.lstrip("\ufeff"))))
    assert rows[0][:5] == ["NIP", "Nama", "Nama Diklat", "Jenis Diklat", "Jumlah Jam (JP)"]
    by_title = {row[2]: row for row in rows[1:]}
    assert set(by_title) == {"Penyusunan SPJ", "Seminar Keamanan Siber"}
    seminar = by_title["Seminar Keamanan Siber"]
    assert seminar[0] == NIPS["learner"]
    assert seminar[3:10] == [
        "Pelatihan Teknis",
        "6.0",
        f"09-01-{YEAR}",
        f"10-01-{YEAR}",
        str(YEAR),
        "12/BSSN/I/2026",
        "BSSN",
    ]
    with app.app_context():
        certificate = db.session().scalar(WITH_PDF)
    course_row = by_title["Penyusunan SPJ"]
    assert course_row[8] == certificate.number and course_row[4] == "2.0"
    archive = zipfile.ZipFile(io.BytesIO(prepared_archive(client, "zip", YEAR)))
    assert archive.read(seminar[10]) == PDF
    assert archive.read(course_row[10]) == certificate.pdf
    assert f"riwayat-diklat-{YEAR}.xlsx" in archive.namelist()


def add_people(app, numbers):
    """ASN with a verified training done elsewhere each."""
    from elearn.accounts import create_user

    for n in numbers:
        with app.app_context():
            create_user(
                db.session(),
                full_name=f"ASN {n}",
                nip=learner_nip(n),
                password="kata-sandi-uji-123",
            )
            db.session().commit()
        add_external(app, learner_nip(n))


def test_the_export_sends_the_same_queries_for_more_people(app, client, login_as, count_queries):
    login_as("admin")
    add_people(app, range(3))
    few = count_queries(client, "/admin/reports/siasn")
    add_people(app, range(3, 40))
    assert count_queries(client, "/admin/reports/siasn") == few


def test_only_admins_export(client, login_as):
    login_as("trainer")
    assert client.get("/admin/reports/siasn?format=xlsx").status_code == 403
    data = {"format": "zip", "csrf_token": csrf_token(client, "/dashboard")}
    assert client.post("/admin/reports/siasn/archive", data=data).status_code == 403


def test_a_prepared_archive_is_only_for_who_asked_and_is_announced(
    app, client, login_as, make_user
):
    login_as("admin")
    add_people(app, range(2))
    assert prepared_archive(client, "zip", YEAR).startswith(b"PK")
    page = client.get("/downloads").get_data(as_text=True)
    assert f"siasn-{YEAR}.zip" in page and "siap" in page
    link = re.search(r'href="(/downloads/\d+)"', page).group(1)
    other = make_user("admin", nip=learner_nip(90), email="admin2@contoh.go.id")
    second = app.test_client()
    login(second, other.nip)
    assert second.get(link).status_code == 404
    assert f"siasn-{YEAR}.zip" not in second.get("/downloads").get_data(as_text=True)
