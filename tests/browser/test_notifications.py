"""A graded essay rings the learner's bell: the learner answers an essay, the course's
trainer finds it counted in the menu and grades it, and the learner follows the bell to
the result (and is told of the certificate the grade earned); axe-core on the
notification centre."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from elearn import db
from elearn.content.store import add_trainer, import_course
from elearn.demo import DEMO_TRAINER_NIP
from elearn.models import User
from elearn.progress.jp import approve_claim
from tests.browser.steps import axe_violations, open_menu, open_quiz, sign_in, sign_out

pytestmark = pytest.mark.browser

COURSE = {
    "kursus.md": "---\nid: laporan-kinerja\njudul: Laporan Kinerja\njp: 1\n---\nPengantar.\n",
    "01-kuis.md": "---\njenis: kuis\njudul: Refleksi Kinerja\n---\n"
    "## Capaian {tipe=esai poin=2}\nSebutkan satu capaian kinerja unit Anda tahun ini.\n",
}


def publish_taught(server, files: dict[str, str]) -> None:
    """Publish a course with its JP approved, taught by the demo trainer."""
    app = server.app
    with app.test_request_context():
        session = db.session()
        result = import_course(app, session, {k: v.encode() for k, v in files.items()})
        approve_claim(session, None, result.version)
        trainer = session.scalar(sa.select(User).where(User.nip == DEMO_TRAINER_NIP))
        add_trainer(session, result.version.course, trainer)
        session.commit()


@pytest.fixture
def essay_course(live_server):
    publish_taught(live_server, COURSE)


def test_a_graded_essay_rings_the_bell_and_leads_to_the_result(page, live_server, essay_course):
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    open_quiz(page, live_server, "laporan-kinerja", "kuis")
    page.get_by_label("Jawaban Anda").fill(
        "Waktu layanan izin usaha turun dari 5 hari menjadi 2 hari."
    )
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("menunggu penilaian", exact=False).first).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "trainer")
    page.wait_for_url("**/dashboard")
    expect(page.locator(".menu-button .count")).to_have_text("1")  # a phone's folded menu
    open_menu(page)
    grading = page.locator(".main-nav a", has_text="Penilaian")
    expect(grading.locator(".count")).to_have_text("1")
    grading.click()
    page.get_by_role("link", name="Nilai Sari Wulandari").click()
    page.get_by_label("Poin (0 sampai 2)").fill("2")
    page.get_by_role("button", name="Simpan nilai").click()
    expect(grading).to_be_attached()
    expect(grading.locator(".count")).to_have_count(0)
    sign_out(page)

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    bell = page.get_by_role("link", name=re.compile(r"^Notifikasi"))
    expect(bell.locator(".count")).to_have_text("2")  # the grade completed the course
    bell.click()
    expect(page.get_by_text("Sertifikat Anda untuk Laporan Kinerja sudah terbit.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("sudah dinilai: 100")).click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    expect(page.get_by_text("Nilai 2 dari 2 poin.")).to_be_visible()
    expect(bell.locator(".count")).to_have_text("1")  # the certificate's notice is left


ONE_TRY = {
    "kursus.md": "---\nid: satu-kali\njudul: Dasar SPJ\njp: 1\n---\nPengantar.\n",
    "01-kuis.md": "---\njenis: kuis\njudul: Kuis SPJ\npercobaan: 1\n---\n"
    "## Kepanjangan {tipe=isian}\nApa kepanjangan SPJ?\n\n= Surat Pertanggungjawaban\n",
}


@pytest.fixture
def one_try_course(live_server):
    publish_taught(live_server, ONE_TRY)


def test_a_trainer_grants_an_extra_attempt_to_a_learner_who_used_them_all(
    page, live_server, one_try_course
):
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    open_quiz(page, live_server, "satu-kali", "kuis")
    page.get_by_label("Jawaban Anda").fill("Surat Perjalanan")
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Nilai 0 dari 1 poin.")).to_be_visible()
    page.goto(f"{live_server.url}/courses/satu-kali/items/kuis")
    expect(page.get_by_text("Budi Santoso", exact=False)).to_be_visible()  # whom to ask
    expect(page.get_by_role("button", name="Mulai kuis")).to_have_count(0)
    sign_out(page)

    sign_in(page, live_server, "trainer")
    page.wait_for_url("**/dashboard")
    page.goto(f"{live_server.url}/author/courses/satu-kali/reports")
    page.get_by_role("link", name="Sari Wulandari").first.click()
    page.get_by_label("Alasan").fill("Jaringan terputus saat mengirim jawaban.")
    page.get_by_role("button", name="Berikan kesempatan").click()
    expect(page.get_by_text("Jaringan terputus saat mengirim jawaban.")).to_be_visible()
    assert axe_violations(page) == []
    sign_out(page)

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    bell = page.get_by_role("link", name=re.compile(r"^Notifikasi"))
    expect(bell.locator(".count")).to_have_text("1")
    page.goto(f"{live_server.url}/courses/satu-kali/items/kuis")
    page.get_by_role("button", name="Mulai kuis").click()
    page.get_by_label("Jawaban Anda").fill("Surat Pertanggungjawaban")
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Nilai 1 dari 1 poin.")).to_be_visible()
    expect(page.get_by_role("link", name="Unduh sertifikat Anda")).to_be_visible()
