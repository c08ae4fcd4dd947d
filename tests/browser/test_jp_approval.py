"""A course's JP are approved, not declared: Pak Budi publishes a course claiming 40 JP;
Sari completes it and sees its JP wait; Bu Wati approves 4; Sari's JP rise by 4 and her
certificate says 4. Axe on the approval queue and the dashboard."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.steps import axe_violations, menu_link, sign_in, sign_out

pytestmark = pytest.mark.browser


def jp_this_year(page) -> float:
    text = page.locator("#jp-heading + .big-number").inner_text()
    return float(text.split()[0].replace(",", "."))


def test_claimed_jp_wait_for_approval_and_count_as_approved(page, live_server, tmp_path):
    sign_in(page, live_server, "trainer")
    menu_link(page, "Kursus ampuan").click()
    page.get_by_label("Id kursus").fill("klaim-besar")
    page.get_by_label("Judul").fill("Etika Pelayanan Daring")
    page.get_by_role("button", name="Buat draf").click()
    page.goto(f"{live_server.url}/author/courses/klaim-besar/files/kursus.md")
    editor = page.get_by_label("Isi (Markdown)")
    editor.fill(
        editor.input_value()
        .replace("jp: 2", "jp: 40")
        .replace("Tuliskan ringkasan satu paragraf untuk katalog.", "Etika melayani warga daring.")
        .replace(
            "Tuliskan di sini tujuan kursus dan siapa pesertanya.",
            "Untuk ASN yang menjawab warga lewat kanal daring.",
        )
    )
    page.get_by_role("button", name="Simpan draf").click()
    page.goto(f"{live_server.url}/author/courses/klaim-besar/files/01-pengantar.md")
    page.get_by_label("Isi (Markdown)").fill("# Pengantar\n\nMenjawab pesan warga dengan santun.\n")
    page.get_by_role("button", name="Simpan draf").click()
    page.goto(f"{live_server.url}/author/courses/klaim-besar/files/02-kuis.md")
    editor = page.get_by_label("Isi (Markdown)")
    editor.fill(
        editor.input_value()
        .replace(
            "Tuliskan pertanyaan di sini, lalu tandai jawaban yang benar dengan (x).",
            "Pesan warga masuk di luar jam kerja. Apa yang Anda lakukan?",
        )
        .replace("Pilihan lain yang masuk akal", "Membiarkannya sampai hari kerja berikutnya")
    )
    page.get_by_role("button", name="Simpan draf").click()
    page.goto(f"{live_server.url}/author/courses/klaim-besar")
    page.get_by_role("button", name="Terbitkan draf").click()
    expect(page.get_by_text("Versi 1 telah diterbitkan")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    before = jp_this_year(page)
    page.goto(f"{live_server.url}/courses/klaim-besar")
    page.get_by_role("button", name="Daftar").click()
    page.locator("a[rel=next]").click()
    page.get_by_role("button", name="Mulai kuis").click()
    page.get_by_label("Jawaban yang benar").check()
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Lulus", exact=True)).to_be_visible()
    menu_link(page, "Dasbor").click()
    expect(page.get_by_text("Etika Pelayanan Daring").last).to_be_visible()
    expect(page.get_by_text("JP menunggu persetujuan")).to_be_visible()
    assert jp_this_year(page) == before
    assert axe_violations(page) == []
    sign_out(page)

    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/admin/jp-approvals")
    card = page.get_by_role("region", name=re.compile("Etika Pelayanan Daring"))
    expect(card).to_contain_text("40 JP")
    assert axe_violations(page) == []
    card.get_by_label("JP yang disetujui").fill("4")
    card.get_by_role("button", name="Setujui").click()
    expect(page.get_by_text("1 penyelesaian dikreditkan")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    assert jp_this_year(page) == before + 4
    done = page.get_by_role("listitem").filter(has_text="Etika Pelayanan Daring").first
    expect(done).to_contain_text("4 JP")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Sertifikat: Etika Pelayanan Daring")).click()
    pdf = tmp_path / "sertifikat.pdf"
    download.value.save_as(pdf)
    text = " ".join(sheet.extract_text() for sheet in PdfReader(pdf).pages)
    assert re.search(r"\b4 JP\b", text), text
