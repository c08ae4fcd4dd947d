"""Importing ASN accounts from CSV or XLSX: a per-row report first, then the valid rows
in one transaction; nothing half-written; the same file again changes nothing; only
admins may do it."""

import io

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.accounts.bulk_import import apply_rows, check_rows, read_rows
from elearn.models import Agency, User
from elearn.testing import post_form

SUPERVISOR = "197508172000121003"
CSV = f"""nip;nama;email;instansi;jabatan;nip_atasan
{SUPERVISOR};Budi Santoso;budi@contoh.go.id;DINKES;Kepala Seksi;
199003152015032001;Sari Wulandari;sari@contoh.go.id;dinkes;Pengelola Data;{SUPERVISOR}
19900315201503200X;Nomor Salah;salah@contoh.go.id;DINKES;;
199003152015032001;Sari Lagi;sari2@contoh.go.id;DINKES;;
198104222006042002;Wati;wati@contoh.go.id;TIDAK-ADA;;
198512012010011004;Rina;bukan-surel;DINKES;;199901012020011001
"""


@pytest.fixture
def agencies(app):
    with app.app_context():
        parent = Agency(code="PEMKOT", name="Pemerintah Kota Sawahlunto")
        db.session().add_all([parent, Agency(code="DINKES", name="Dinas Kesehatan", parent=parent)])
        db.session().commit()


def test_each_bad_row_is_named_with_its_line_and_problem(app, agencies):
    with app.test_request_context():
        rows = check_rows(db.session(), read_rows("asn.csv", CSV.encode()))
    by_line = {row.line: row for row in rows}
    assert [by_line[n].action for n in (2, 3)] == ["create", "create"]
    assert "NIP" in by_line[4].problems[0]
    assert by_line[5].problems == ["NIP ini juga ada di baris 3."]
    assert by_line[6].problems == ["Tidak ada instansi dengan kode TIDAK-ADA."]
    assert "bukan-surel bukan alamat surel." in by_line[7].problems
    assert "NIP atasan 199901012020011001 tidak dikenal." in by_line[7].problems


def test_the_valid_rows_are_written_and_the_same_file_again_changes_nothing(app, agencies):
    with app.test_request_context():
        session = db.session()
        summary = apply_rows(session, check_rows(session, read_rows("asn.csv", CSV.encode())))
        assert (summary.created, summary.updated, summary.refused) == (2, 0, 4)
        sari = session.scalar(sa.select(User).where(User.nip == "199003152015032001"))
        budi = session.scalar(sa.select(User).where(User.nip == SUPERVISOR))
        assert sari.supervisor_id == budi.id and sari.agency.code == "DINKES"
        assert sari.roles == {"learner"} and sari.email == "sari@contoh.go.id"
        again = apply_rows(session, check_rows(session, read_rows("asn.csv", CSV.encode())))
        assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
        changed = CSV.replace("Pengelola Data", "Statistisi")
        third = apply_rows(session, check_rows(session, read_rows("asn.csv", changed.encode())))
        assert (third.created, third.updated, third.unchanged) == (0, 1, 1)


def test_a_failure_while_writing_leaves_nothing_half_written(app, agencies, monkeypatch):
    with app.test_request_context():
        session = db.session()
        rows = check_rows(session, read_rows("asn.csv", CSV.encode()))
        monkeypatch.setattr(
            session, "flush", lambda: (_ for _ in ()).throw(RuntimeError("disk full"))
        )
        with pytest.raises(RuntimeError):
            apply_rows(session, rows)
        monkeypatch.undo()
        assert session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_an_xlsx_file_reads_like_the_csv(app, agencies):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for line in CSV.strip().splitlines():
        sheet.append(line.split(";"))  # NIP columns formatted as text, as they must be
    sheet.append([198104222006042002, "Angka", "", "DINKES", "", ""])  # typed as a number
    data = io.BytesIO()
    workbook.save(data)
    with app.test_request_context():
        rows = check_rows(db.session(), read_rows("asn.xlsx", data.getvalue()))
    assert [r.action for r in rows] == ["create", "create"] + ["error"] * 5
    assert rows[1].values["supervisor"] == SUPERVISOR
    assert "hanya menyimpan 15 digit" in rows[-1].problems[0]


def test_a_file_without_the_required_columns_is_refused(client, login_as, agencies):
    login_as("admin")
    response = post_form(
        client,
        "/admin/users/import",
        {"file": (io.BytesIO(b"nama,email\nSari,sari@contoh.go.id\n"), "asn.csv")},
    )
    assert response.status_code == 400
    assert "kolom" in response.get_data(as_text=True) and "nip" in response.get_data(as_text=True)


@pytest.mark.slow
def test_five_thousand_rows_preview_and_import_through_the_pages(app, client, login_as, agencies):
    login_as("admin")
    lines = ["nip,nama,email,instansi,jabatan,nip_atasan"]
    lines += [
        f"1990{n // 999 + 1:02d}012015031{n % 999 + 1:03d},ASN {n},asn{n}@contoh.go.id,DINKES,Staf,"
        for n in range(4990)
    ]
    lines += [f"12345,Salah {n},,DINKES,," for n in range(10)]
    data = "\n".join(lines).encode()
    preview = post_form(client, "/admin/users/import", {"file": (io.BytesIO(data), "asn.csv")})
    html = preview.get_data(as_text=True)
    assert "4990 akun baru" in html and "10 baris bermasalah" in html
    token = html.split('action="/admin/users/import/')[1].split('"')[0]
    done = post_form(client, f"/admin/users/import/{token}", {}, page="/admin/users")
    assert done.status_code == 302
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(User.id))) == 4991  # and the admin
    assert (
        post_form(client, f"/admin/users/import/{token}", {}, page="/admin/users").status_code
        == 404
    )
    again = post_form(client, "/admin/users/import", {"file": (io.BytesIO(data), "asn.csv")})
    assert "4990 akun tidak berubah" in again.get_data(as_text=True)


def test_an_import_whose_audit_entry_fails_writes_no_account(
    app, client, login_as, agencies, monkeypatch
):
    """The accounts and the audit entry that records their import are one transaction."""
    from elearn.admin import import_routes

    def failing_audit(*args, **kwargs):
        raise RuntimeError("the audit log is unavailable")

    login_as("admin")
    preview = post_form(
        client, "/admin/users/import", {"file": (io.BytesIO(CSV.encode()), "asn.csv")}
    )
    token = preview.get_data(as_text=True).split('action="/admin/users/import/')[1].split('"')[0]
    monkeypatch.setattr(import_routes, "audit", failing_audit)
    with pytest.raises(RuntimeError):
        post_form(client, f"/admin/users/import/{token}", {}, page="/admin/users")
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(User.id))) == 1  # the admin only


def test_only_admins_import_accounts(client, login_as):
    login_as("trainer")
    assert client.get("/admin/users/import").status_code == 403


def test_an_upload_never_confirmed_is_removed_after_a_day(app, client, login_as, agencies):
    import os
    import time
    from pathlib import Path

    login_as("admin")
    folder = Path(app.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    abandoned = folder / "1-lama.csv"
    abandoned.write_bytes(CSV.encode())
    os.utime(abandoned, (time.time() - 2 * 86400,) * 2)
    post_form(client, "/admin/users/import", {"file": (io.BytesIO(CSV.encode()), "asn.csv")})
    assert not abandoned.exists()
    assert len(list(folder.iterdir())) == 1  # the new upload, waiting for its confirmation


def _bomb() -> bytes:
    """A 1.5 KB workbook whose sheet declares A1:ZZ50000 and holds a cell in row 50000
    (review-security.md F11: 11 s of server time, and memory without end for more)."""
    import zipfile

    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        '.org/spreadsheetml/2006/main"><dimension ref="A1:ZZ50000"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>nip</t></is></c></row>'
        '<row r="50000"><c r="ZZ50000" t="inlineStr"><is><t>x</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats'
        '.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd'
        '.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
        'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats'
        '.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxml'
        'formats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"'
        "/></Relationships>",
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats'
        '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument'
        '/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="r1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas'
        '.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target='
        '"worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_sheet_declaring_far_more_than_it_holds_is_read_only_as_far_as_allowed(app):
    from elearn.accounts.bulk_import import ImportFileError
    from elearn.testing.work import python_steps

    bomb = _bomb()
    assert len(bomb) < 3000
    with pytest.raises(ImportFileError, match="kolom|columns"):
        read_rows("bomb.xlsx", bomb)
    assert python_steps(read_rows, "bomb.xlsx", bomb) < 5_000_000  # not 50,000 x 702 cells


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nip;nama;instansi\n" + "1" * 200_000 + ";A;B\n", "CSV"),  # over csv's 128 KB
        ("nip;nama;instansi\n" + "1;A;B\n" * 20_001, "baris"),
        ("nip;nama;instansi\n" + "1;A;" + "B" * 600 + "\n", "karakter"),
        ("nip;nama;instansi\n" + ";" * 50 + "\n", "kolom"),
        (b"nip;nama;instansi\n\x81\x8d\x8f", "CSV"),
    ],
)
def test_a_file_over_the_bounds_is_refused_with_a_message_not_an_error(
    client, login_as, text, message
):
    """F12: a CSV field over 128 KB was an uncaught _csv.Error (a 500)."""
    login_as("admin")
    response = post_form(
        client,
        "/admin/users/import",
        {"file": (io.BytesIO(text.encode() if isinstance(text, str) else text), "asn.csv")},
        "/admin/users/import",
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_a_nip_a_spreadsheet_made_a_number_gets_a_helpful_message(app, agencies):
    text = "nip;nama;instansi\n1,99003E+17;Sari;DINKES\n1.99003E+17;Budi;DINKES\n"
    with app.test_request_context():
        rows = check_rows(db.session(), read_rows("asn.csv", text.encode()))
    for row in rows:
        assert any("format kolom NIP sebagai teks" in p for p in row.problems), row.problems
