"""Sari's journey through a sample course, on a phone and a desktop, with axe-core on
every learner page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import axe_violations, menu_link, sign_in

pytestmark = pytest.mark.browser
COURSE = "Mengenal Pengembangan Kompetensi ASN"


def test_learner_finds_a_course_enrols_and_reads_its_lessons(page, live_server):
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    menu_link(page, "Katalog").click()
    expect(page.locator("h1")).to_have_text("Katalog kursus")
    assert axe_violations(page) == []
    page.get_by_label("Kompetensi").select_option("manajerial")
    page.get_by_role("button", name="Tampilkan").click()
    page.get_by_role("link", name=COURSE).click()
    expect(page.get_by_role("heading", name="Silabus")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Daftar").click()
    expect(page.locator("h1")).to_have_text("Hak dan Kewajiban Mengembangkan Kompetensi")
    expect(page.get_by_text("Anda telah terdaftar.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Jenis Kompetensi dan Nilai Dasar ASN →").click()
    expect(page.get_by_role("cell", name="Berorientasi Pelayanan")).to_be_visible()
    menu_link(page, "Dasbor").click()
    progress = page.get_by_role("progressbar", name=f"Kemajuan {COURSE}")
    assert progress.get_attribute("value") == "50"
    assert axe_violations(page) == []
    page.get_by_role("link", name="Lanjutkan: Jalur Belajar dan Model 70:20:10").click()
    expect(page.locator("h1")).to_have_text("Jalur Belajar dan Model 70:20:10")


def test_learner_takes_the_quiz_and_reads_the_result(page, live_server):
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    page.goto(live_server.url + "/courses/pengembangan-kompetensi-asn")
    page.get_by_role("button", name="Daftar").click()
    page.goto(live_server.url + "/courses/pengembangan-kompetensi-asn/items/kuis-pemahaman")
    page.get_by_role("button", name="Mulai kuis").click()
    expect(page.get_by_role("heading", name="Kewajiban jam pelajaran")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("20 JP").check()
    page.get_by_label("Jawaban Anda").fill("45")
    page.get_by_role("button", name="Simpan jawaban").click()
    expect(page.get_by_text("Jawaban Anda tersimpan.")).to_be_visible()
    page.reload()
    assert page.get_by_label("Jawaban Anda").input_value() == "45"
    assert page.get_by_label("20 JP").is_checked()
    page.get_by_role("button", name="Kirim").click()
    confirm_unanswered(page, 4)
    expect(page.get_by_text("Nilai 3 dari 7 poin.")).to_be_visible()
    expect(page.get_by_text("Belum lulus")).to_be_visible()
    assert axe_violations(page) == []


def confirm_unanswered(page, count: int) -> None:
    """Submit asks first: the unanswered questions are listed, and "Tetap kirim" sends."""
    expect(page.get_by_role("heading", name=f"{count} soal belum dijawab")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Tetap kirim").click()


def answer_sample_quiz_to_pass(page):
    page.get_by_label("20 JP").check()
    page.get_by_label("Jawaban Anda").fill("45")
    for competency in ("teknis", "manajerial", "sosial kultural"):
        page.get_by_label(competency, exact=True).check()
    page.get_by_label("Benar", exact=True).check()


def test_the_whole_journey_to_a_verified_certificate(page, live_server, tmp_path):
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    menu_link(page, "Katalog").click()
    page.get_by_label("Cari").fill("berakhlak")
    page.get_by_role("button", name="Tampilkan").click()
    page.get_by_role("link", name=COURSE).click()
    page.get_by_role("button", name="Daftar").click()
    for _ in range(3):  # read every lesson, on to the quiz
        page.locator("a[rel=next]").click()
    page.get_by_role("button", name="Mulai kuis").click()
    answer_sample_quiz_to_pass(page)
    # "Tersimpan" shows only when no answer waits to be saved, those given before the
    # script loaded included (it sends them when it starts)
    expect(page.get_by_role("status")).to_have_text(re.compile(r"Tersimpan pukul \d\d:\d\d"))
    page.reload()  # as if the connection dropped: nothing answered is lost
    assert page.get_by_label("20 JP").is_checked()
    assert page.get_by_label("Jawaban Anda").input_value() == "45"
    assert page.get_by_label("sosial kultural", exact=True).is_checked()
    assert page.get_by_label("Benar", exact=True).is_checked()
    page.get_by_role("button", name="Kirim").click()
    confirm_unanswered(page, 2)
    expect(page.get_by_text("Lulus", exact=True)).to_be_visible()
    expect(page.get_by_text("Jawaban yang benar:").first).to_be_visible()
    assert axe_violations(page) == []
    menu_link(page, "Dasbor").click()
    expect(page.get_by_role("heading", name="Sertifikat")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(f"Sertifikat: {COURSE}")).click()
    pdf = tmp_path / "sertifikat.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    page.goto(live_server.url + "/courses/pengembangan-kompetensi-asn")
    page.get_by_role("link", name="Halaman verifikasi").click()
    expect(page.get_by_text("Sertifikat ini asli.")).to_be_visible()
    expect(page.get_by_text("Sari Wulandari")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("PDF sertifikat").set_input_files(pdf)
    page.get_by_role("button", name="Bandingkan berkas").click()
    expect(page.get_by_text("Berkas cocok")).to_be_visible()


def focus_next(page, condition: str, limit: int = 80) -> None:
    """Press Tab until ``condition`` (JS over ``el``, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {condition}; }})()"):
            return
    raise AssertionError(f"Tab never reached {condition}")


def label_of(page) -> str:
    return page.evaluate("document.activeElement.closest('label')?.textContent.trim() || ''")


def test_the_quiz_can_be_taken_with_the_keyboard_alone(page, live_server):
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    page.goto(live_server.url + "/courses/pengembangan-kompetensi-asn")
    focus_next(page, "el.textContent.trim() === 'Daftar'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/items/**")
    page.goto(live_server.url + "/courses/pengembangan-kompetensi-asn/items/kuis-pemahaman")
    focus_next(page, "el.textContent.trim() === 'Mulai kuis'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/attempts/*")
    focus_next(page, "el.type === 'radio'")
    for _ in range(4):  # arrow keys move through the options and choose one
        if label_of(page) == "20 JP":
            break
        page.keyboard.press("ArrowDown")
    assert label_of(page) == "20 JP"
    page.keyboard.press("Space")  # Tab only focuses the first option; Space chooses it
    assert page.get_by_label("20 JP").is_checked()
    focus_next(page, "el.type === 'text'")
    page.keyboard.type("45")
    for competency in ("teknis", "manajerial", "sosial kultural"):
        focus_next(
            page,
            f"el.type === 'checkbox' && el.closest('label')?.textContent.trim() === '{competency}'",
        )
        page.keyboard.press("Space")
    focus_next(page, "el.type === 'radio' && el.closest('label')?.textContent.trim() === 'Benar'")
    page.keyboard.press("Space")
    focus_next(page, "el.textContent.trim() === 'Kirim'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/confirm")
    focus_next(page, "el.textContent.trim() === 'Tetap kirim'")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Lulus", exact=True)).to_be_visible()


TIMED_QUIZ = """---
jenis: kuis
judul: Kuis Berwaktu
batas_waktu: 2
---
## Singkatan
Apa kepanjangan SPJ?
= Surat Pertanggungjawaban
"""


def test_the_countdown_warns_and_submits_when_the_time_is_up(page, live_server, publish):
    publish(
        {
            "kursus.md": "---\nid: berwaktu\njudul: Kursus Berwaktu\njp: 1\n---\nPengantar.\n",
            "01-kuis.md": TIMED_QUIZ,
        }
    )
    page.clock.install()
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    page.goto(live_server.url + "/courses/berwaktu")
    page.get_by_role("button", name="Daftar").click()
    page.get_by_role("button", name="Mulai kuis").click()
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"Sisa waktu: [12]:\d\d"))
    page.get_by_label("Jawaban Anda").fill("Surat Pertanggungjawaban")
    expect(page.get_by_text(re.compile(r"Tersimpan pukul"))).to_be_visible()
    page.clock.fast_forward("01:05")
    expect(
        page.get_by_text("Sisa 1 menit. Jawaban Anda dikirim saat waktu habis.")
    ).to_be_attached()
    page.clock.fast_forward("01:00")
    expect(page.get_by_text("Nilai 1 dari 1 poin.")).to_be_visible()
