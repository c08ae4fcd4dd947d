"""Sari's journey through a sample course, on a phone and a desktop, with axe-core on
every learner page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser
COURSE = "Mengenal Pengembangan Kompetensi ASN"


def test_learner_finds_a_course_enrols_and_reads_its_lessons(page, live_server):
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    page.get_by_role("link", name="Katalog", exact=True).click()
    assert page.locator("h1").inner_text() == "Katalog kursus"
    assert axe_violations(page) == []
    page.get_by_label("Kompetensi").select_option("manajerial")
    page.get_by_role("button", name="Tampilkan").click()
    page.get_by_role("link", name=COURSE).click()
    assert page.get_by_role("heading", name="Silabus").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Daftar").click()
    assert page.locator("h1").inner_text() == "Hak dan Kewajiban Mengembangkan Kompetensi"
    assert page.get_by_text("Anda telah terdaftar.").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Jenis Kompetensi dan Nilai Dasar ASN →").click()
    assert page.get_by_role("cell", name="Berorientasi Pelayanan").is_visible()
    page.get_by_role("link", name="Dasbor").click()
    progress = page.get_by_role("progressbar", name=f"Kemajuan {COURSE}")
    assert progress.get_attribute("value") == "50"
    assert axe_violations(page) == []
    page.get_by_role("link", name="Lanjutkan: Jalur Belajar dan Model 70:20:10").click()
    assert page.locator("h1").inner_text() == "Jalur Belajar dan Model 70:20:10"


def test_learner_takes_the_quiz_and_reads_the_result(page, live_server):
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    page.goto(live_server.url + "/courses/pengembangan-kompetensi-asn")
    page.get_by_role("button", name="Daftar").click()
    page.goto(live_server.url + "/courses/pengembangan-kompetensi-asn/items/kuis-pemahaman")
    page.get_by_role("button", name="Mulai kuis").click()
    assert page.get_by_role("heading", name="Kewajiban jam pelajaran").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("20 JP").check()
    page.get_by_label("Jawaban Anda").fill("45")
    page.get_by_role("button", name="Simpan jawaban").click()
    expect(page.get_by_text("Jawaban Anda tersimpan.")).to_be_visible()
    page.reload()
    assert page.get_by_label("Jawaban Anda").input_value() == "45"
    assert page.get_by_label("20 JP").is_checked()
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Nilai 3 dari 7 poin.")).to_be_visible()
    assert page.get_by_text("Belum lulus").is_visible()
    assert axe_violations(page) == []
