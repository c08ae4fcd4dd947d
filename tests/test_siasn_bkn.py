"""SIASN in the shape SIASN takes: BKN's riwayat kursus fields exactly, the reference ids
BKPSDM sets, each person's SIASN id, and a report of what cannot be sent yet."""

import io
import json
import zipfile
from datetime import date

import openpyxl
import pytest
import sqlalchemy as sa

from elearn import db
from elearn.accounts.bulk_import import apply_rows, check_rows, read_rows
from elearn.models import Agency, User
from elearn.models.types import LOCAL_TIME, utcnow
from elearn.progress.external import record_external, review
from elearn.reports.siasn_bkn import FIELDS
from elearn.testing import NIPS, learner_nip, login, post_form
from tests.forms import prepared_archive

COURSE = "---\nid: {key}\njudul: {title}\njp: {jp}\n---\nIsi.\n"
SIASN_ID = "A8ACA7397A2F3912E040640A040269BB"


def complete(app, nip, key):
    client = app.test_client()
    login(client, nip)
    post_form(client, f"/courses/{key}/enrol", {}, f"/courses/{key}")
    client.get(f"/courses/{key}/items/satu")


@pytest.fixture
def year(app, publish, make_user):
    """Sari (with a SIASN id) completed an approved course and verified training done
    elsewhere; another ASN (none) completed the same course; Sari also completed a course
    whose JP wait for approval."""
    lesson = {"01-satu.md": "# Satu\nSatu.\n"}
    publish({"kursus.md": COURSE.format(key="apbd", title="Dasar APBD", jp=4), **lesson})
    publish(
        {"kursus.md": COURSE.format(key="baru", title="Kursus Baru", jp=6), **lesson},
        approve=False,
    )
    sari = make_user("learner")
    other = make_user("learner", nip=learner_nip(1), email="lain@contoh.go.id")
    admin = make_user("admin")
    with app.app_context():
        session = db.session()
        session.get(User, sari.id).siasn_id = SIASN_ID
        record = record_external(
            session, session.get(User, sari.id), title="Bimtek SPBE", organiser="Kominfo",
            start_date=date(utcnow().year, 3, 2), end_date=date(utcnow().year, 3, 4), jp=8,
            competency="teknis", certificate_number="KOM/2026/77", certificate_pdf=b"%PDF-1.4 x",
        )  # fmt: skip
        review(session, session.get(User, admin.id), record, True)
        session.commit()
    for nip, key in ((sari.nip, "apbd"), (other.nip, "apbd"), (sari.nip, "baru")):
        complete(app, nip, key)
    return utcnow().astimezone(LOCAL_TIME).year


@pytest.fixture
def admin_client(app, year):
    client = app.test_client()
    login(client, NIPS["admin"])
    references = {
        "instansiId": "A5EB03E23BFBF6A0E040640A040252AD",
        "lokasiId": "LOK-SWL",
        "jenisKursusSertipikat": "S",
        "jenisDiklatId:certificate:teknis": "4",
        "jenisDiklatId:external:teknis": "5",
    }
    saved = post_form(client, "/admin/siasn-references", references, "/admin/siasn-references")
    assert saved.status_code == 302
    return client


def test_the_export_has_exactly_the_services_fields(app, year, admin_client):
    lines = admin_client.get(f"/admin/reports/siasn?tahun={year}&format=bkn-jsonl").data
    records = [json.loads(line) for line in lines.decode().splitlines()]
    assert [list(r) for r in records] == [list(FIELDS)] * 2  # Sari's two: the others wait
    course = next(r for r in records if r["namaKursus"] == "Dasar APBD")
    assert course["pnsOrangId"] == SIASN_ID and course["instansiId"].startswith("A5EB")
    assert (course["jenisDiklatId"], course["jumlahJam"], course["tahunKursus"]) == ("4", 4, year)
    assert course["jenisKursusSertipikat"] == "S" and course["lokasiId"] == "LOK-SWL"
    assert course["nomorSertipikat"].endswith(f"/SERT/BKPSDM/{year}")
    external = next(r for r in records if r["namaKursus"] == "Bimtek SPBE")
    assert (external["tanggalKursus"], external["tanggalSelesaiKursus"]) == (
        f"02-03-{year}",
        f"04-03-{year}",
    )
    assert external["jenisDiklatId"] == "5" and external["institusiPenyelenggara"] == "Kominfo"
    sheet = openpyxl.load_workbook(
        io.BytesIO(admin_client.get(f"/admin/reports/siasn?tahun={year}&format=bkn-xlsx").data)
    ).active
    assert [cell.value for cell in sheet[1]] == list(FIELDS)
    assert sheet.max_row == 3


def test_what_cannot_be_sent_yet_is_reported_with_why(app, year, admin_client):
    page = admin_client.get(f"/admin/reports/siasn?tahun={year}").get_data(as_text=True)
    assert "2 siap dikirim" in page
    assert "akun ini belum punya id SIASN" in page  # the other ASN
    assert "Kursus Baru: JP-nya menunggu persetujuan" in page


def test_the_bundle_carries_the_records_and_their_certificates(app, year, admin_client):
    bundle = prepared_archive(admin_client, "bkn-zip", year)
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        names = set(archive.namelist())
        lines = archive.read(f"riwayat-kursus-{year}.jsonl").decode().splitlines()
        for record in map(json.loads, lines):
            assert record["berkasSertipikat"] in names
            assert archive.read(record["berkasSertipikat"]).startswith(b"%PDF")
    assert f"riwayat-kursus-{year}.xlsx" in names


def test_the_siasn_id_comes_with_the_account_import(app):
    with app.app_context():
        db.session().add(Agency(code="DINKES", name="Dinas Kesehatan"))
        db.session().commit()
    text = f"nip;nama;instansi;id siasn\n{NIPS['learner']};Sari;DINKES;{SIASN_ID}\n"
    with app.test_request_context():
        session = db.session()
        apply_rows(session, check_rows(session, read_rows("asn.csv", text.encode())))
        assert session.scalar(sa.select(User.siasn_id)) == SIASN_ID
