"""Pak Budi edits a lesson in the browser: he sees an error at the right line as he
types, fixes it, publishes, and Sari reads the change with her progress intact; axe-core
on every trainer page he passes through, and on the course report."""

import pytest
from playwright.sync_api import expect

from tests.browser.steps import axe_violations, menu_link, sign_in, sign_out

pytestmark = pytest.mark.browser

COURSE = "pelayanan-publik-prima"
LESSON = "01-standar-pelayanan.md"


def test_a_trainer_fixes_an_error_at_its_line_publishes_and_the_learner_sees_it(page, live_server):
    sign_in(page, live_server, "learner")
    page.goto(f"{live_server.url}/courses/{COURSE}")
    page.get_by_role("button", name="Daftar").click()
    page.goto(f"{live_server.url}/courses/{COURSE}/items/standar-pelayanan")
    sign_out(page)

    sign_in(page, live_server, "trainer")
    menu_link(page, "Kursus ampuan").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Pelayanan Publik Prima", exact=True).click()
    assert axe_violations(page) == []
    page.get_by_role("link", name=LESSON).click()
    editor = page.get_by_label("Isi (Markdown)")
    text = editor.input_value()
    lines = text.split("\n")
    broken = lines[:5] + ["Lihat bagan ![alur](alur-tidak-ada.png) berikut.", ""] + lines[5:]
    editor.fill("\n".join(broken))
    marked = page.locator("#baris-6.gutter-error")
    # the live check marks the line as he types (typed before author.js arrived, too);
    # the server compiles the whole course: on a loaded machine that is not instant
    expect(marked).to_be_visible(timeout=15_000)
    expect(page.locator("#problems")).to_contain_text("Baris 6")
    assert axe_violations(page) == []
    fixed = (
        lines[:5] + ["Setiap unit layanan **wajib** memajang standar pelayanannya.", ""] + lines[5:]
    )
    editor.fill("\n".join(fixed))
    expect(page.locator("#problems")).to_contain_text(
        "Tidak ada masalah di berkas ini.", timeout=15_000
    )
    expect(page.locator("#preview strong", has_text="wajib")).to_be_visible()
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_text("Tersimpan di draf")).to_be_visible()
    page.get_by_role("link", name="Draf", exact=True).click()
    page.get_by_role("button", name="Terbitkan draf").click()
    expect(page.get_by_text("Versi 2 telah diterbitkan")).to_be_visible()
    page.get_by_role("link", name="Versi", exact=True).click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Apa yang berubah").first.click()
    expect(page.get_by_text("memajang standar pelayanannya")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Laporan", exact=True).click()
    expect(page.locator(".stats")).to_contain_text("1")
    assert axe_violations(page) == []
    sign_out(page)

    sign_in(page, live_server, "learner")
    page.goto(f"{live_server.url}/courses/{COURSE}/items/standar-pelayanan")
    expect(page.get_by_text("memajang standar pelayanannya")).to_be_visible()
    page.goto(f"{live_server.url}/courses/{COURSE}")
    expect(page.locator(".syllabus li.done").first).to_contain_text("Standar Pelayanan")


def test_the_trainer_previews_a_draft_quiz_and_reads_its_item_analysis(page, live_server):
    sign_in(page, live_server, "trainer")
    page.goto(f"{live_server.url}/author/courses/{COURSE}/preview")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Kuis Akhir", exact=False).first.click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Kirim percobaan").click()  # tried unanswered
    expect(page.get_by_role("heading", name="Hasil percobaan")).to_be_visible()
    expect(page.get_by_text("Jawaban yang benar:").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Coba lagi").click()
    expect(page.get_by_role("button", name="Kirim percobaan")).to_be_visible()
    page.goto(f"{live_server.url}/author/courses/{COURSE}/trainers")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/author/courses/{COURSE}/reports/quiz/kuis-akhir")
    assert axe_violations(page) == []
