"""Ibu Wati imports ASN accounts from a CSV file with some bad rows, reads the report,
and imports the good ones, with axe-core on both pages."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.steps import axe_violations, sign_in, sign_out

pytestmark = pytest.mark.browser

CSV = """nip;nama;email;instansi;jabatan;nip_atasan
197811102005011004;Hendra Gunawan;hendra@contoh.go.id;DINKES;Kepala Puskesmas;
199207252019032007;Rika Amelia;rika@contoh.go.id;PKM-SLT;Perawat;197811102005011004
12345;Nomor Pendek;pendek@contoh.go.id;DINKES;;
199305122020121002;Instansi Salah;salah@contoh.go.id;DINAS-X;;
"""


def test_an_admin_imports_accounts_and_reads_the_report(page, live_server):
    sign_in(page, live_server, "admin")
    page.goto(live_server.url + "/admin/users/import")
    assert axe_violations(page) == []
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(
        {"name": "asn-dinkes.csv", "mimeType": "text/csv", "buffer": CSV.encode()}
    )
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_text("2 akun baru")).to_be_visible()
    expect(page.get_by_text("2 baris bermasalah", exact=False)).to_be_visible()
    expect(page.get_by_role("cell", name="Tidak ada instansi dengan kode DINAS-X.")).to_be_visible()
    expect(page.get_by_text("NIP terdiri atas 18 angka", exact=False)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Impor baris yang valid").click()
    expect(page.get_by_text("Impor selesai. Akun dibuat: 2", exact=False)).to_be_visible()
    page.get_by_role("link", name="Log audit").click()
    expect(
        page.get_by_role("cell", name="2 dibuat, 0 diperbarui, 0 tetap, 2 ditolak")
    ).to_be_visible()
    assert axe_violations(page) == []
    page.goto(live_server.url + "/admin/users")
    page.get_by_label("Cari berdasarkan nama, NIP, atau surel").fill("Rika")
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("cell", name="Rika Amelia")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Rika Amelia").click()
    assert page.get_by_label("NIP atasan langsung").input_value() == "197811102005011004"
    assert axe_violations(page) == []


def test_an_admin_reads_the_jp_report_and_exports_it(page, live_server):
    sign_in(page, live_server, "admin")
    page.goto(live_server.url + "/admin/reports/jp")
    expect(page.get_by_role("heading", name="Per instansi")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("combobox", name="Perangkat daerah").select_option(label="— Dinas Kesehatan")
    page.get_by_label("Hanya yang belum mencapai target").check()
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_role("cell", name="Sari Wulandari")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Penyelesaian", exact=True).click()
    expect(page.get_by_role("heading", name="Penyelesaian kursus", exact=False)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Ekspor SIASN").click()
    expect(
        page.get_by_role("heading", name="Riwayat diklat untuk SIASN", exact=False)
    ).to_be_visible()
    assert axe_violations(page) == []


def test_training_done_elsewhere_is_verified_and_its_jp_counted(page, live_server):
    sign_in(page, live_server, "learner")
    page.goto(live_server.url + "/learning/external")
    assert axe_violations(page) == []
    page.get_by_label("Nama pelatihan").fill("Bimtek Penyusunan SPJ")
    page.get_by_label("Penyelenggara").fill("BPSDM Provinsi Sumatera Barat")
    page.get_by_label("Hari pertama").fill(date.today().isoformat())  # counts this year
    page.get_by_label("Hari terakhir").fill(date.today().isoformat())
    page.get_by_label("JP", exact=True).fill("8")
    page.get_by_label("Sertifikat (PDF)").set_input_files(
        {"name": "sertifikat.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    )
    page.get_by_role("button", name="Kirim untuk diverifikasi").click()
    expect(page.get_by_text("menunggu verifikasi")).to_be_visible()
    sign_out(page)
    sign_in(page, live_server, "admin")
    page.goto(live_server.url + "/admin/external")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_text("Terverifikasi: 8 JP dicatat untuk Sari Wulandari.")).to_be_visible()
    sign_out(page)
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    expect(page.locator(".big-number").first).to_contain_text("8")
