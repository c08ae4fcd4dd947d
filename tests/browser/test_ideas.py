"""Ruang Ide and course discussions in a browser, phone and desktop, axe-clean: an ASN
posts an idea after seeing a similar one, colleagues of another agency support and
comment, the innovation team decides on a trial in an idea meeting, its author runs it as
a change project that her supervisor mentors and credits with JP, and it reaches the
catalogue of innovations; a learner asks in a course, the trainer answers and accepts, and a
reported answer is hidden by the trainer."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from elearn import db
from elearn.ideas.board import post_idea
from elearn.models import Agency, EventSession, TrainingEvent, User
from tests.browser.steps import axe_violations, menu_link, sign_in, sign_out
from tests.ideas import photo

pytestmark = pytest.mark.browser

TITLE = "Antrean puskesmas daring untuk warga lansia"
PHOTO = photo(1200, 900, 1)


def seed_similar_idea(app) -> None:
    """An idea already on the board, like the one Sari is about to post."""
    with app.test_request_context():
        session = db.session()
        author = session.scalar(sa.select(User).where(User.email == "wati@demo.elearn.id"))
        agency = session.scalar(sa.select(Agency).where(Agency.code == "DINKES"))
        post_idea(
            session,
            author,
            agency_id=agency.id,
            service="Pendaftaran rawat jalan",
            title="Nomor antrean puskesmas lewat WhatsApp",
            problem="Warga lansia menunggu lama di puskesmas untuk nomor antrean pagi hari.",
            proposal="Nomor antrean diambil lewat WhatsApp resmi puskesmas.",
        )
        session.commit()


def seed_idea_meeting(app) -> int:
    """The health office's next idea meeting, published by BKPSDM."""
    with app.app_context():
        session = db.session()
        admin = session.scalar(sa.select(User).where(User.email == "wati@demo.elearn.id"))
        start = datetime.combine(date.today() + timedelta(days=7), time(2, 0), UTC)
        meeting = TrainingEvent(
            kind="forum_inovasi", title="Forum Inovasi Dinas Kesehatan", competency="teknis",
            jp_claimed=2, capacity=40, registration_closes_at=start, cancel_until=start,
            state="published", created_by_id=admin.id, starts_at=start,
            organisers=[session.scalar(sa.select(Agency).where(Agency.code == "DINKES"))],
            sessions=[EventSession(starts_at=start, ends_at=start + timedelta(hours=2),
                                   place="Ruang Rapat Dinas Kesehatan")],
        )  # fmt: skip
        session.add(meeting)
        session.commit()
        return meeting.id


def decide(page, stage: str) -> None:
    page.get_by_label("Pindahkan ke").select_option(label=stage)
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.get_by_text(f"Ide kini berada pada tahap {stage}.")).to_be_visible()


def run_change_project(page, server, idea_page) -> str:
    """Sari turns her idea in trial into a change project, Hendra (her supervisor)
    approves its milestone, and she finishes it asking 6 JP; the project's URL."""
    sign_in(page, server, "learner")
    page.wait_for_url("**/dashboard")
    page.goto(idea_page)
    page.get_by_role("link", name="Jadikan proyek perubahan").click()
    due = (date.today() + timedelta(days=14)).isoformat()
    page.get_by_label("Tahapan").fill(f"{due} | Uji coba antrean daring di Puskesmas Talawi")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Mulai proyek").click()
    expect(page.get_by_text("Proyek dimulai.")).to_be_visible()
    page.get_by_label("Bukti").fill("Daftar antrean dua minggu: https://contoh.go.id/antrean")
    page.get_by_label("Foto dan dokumen").set_input_files(
        {"name": "loket.jpg", "mimeType": "image/jpeg", "buffer": PHOTO}
    )
    page.get_by_role("button", name="Kirim ke mentor saya").click()
    expect(page.get_by_role("img", name="Foto: loket.jpg")).to_be_visible()
    project = page.url
    sign_out(page)

    sign_in(page, server, "supervisor")
    page.wait_for_url("**/dashboard")
    page.goto(project)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Setujui").click()
    expect(page.get_by_text("disetujui", exact=False).first).to_be_visible()
    sign_out(page)

    sign_in(page, server, "learner")
    page.wait_for_url("**/dashboard")
    page.goto(project)
    page.get_by_label("Laporan akhir").fill(
        "Antrean daring berjalan di Puskesmas Talawi: waktu tunggu lansia turun dari 110 "
        "menjadi 35 menit; SOP antrean ditetapkan kepala puskesmas."
    )
    page.get_by_label("JP yang diajukan").fill("6")
    page.get_by_label("Kompetensi").select_option("manajerial/M.05")
    page.get_by_role("button", name="Selesaikan proyek").click()
    expect(page.get_by_text("Selesai: atasan Anda menyetujui JP-nya")).to_be_visible()
    sign_out(page)
    return project


def test_an_idea_goes_from_the_board_into_practice(page, live_server):
    seed_similar_idea(live_server.app)
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    menu_link(page, "Ruang Ide").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Kirim ide").first.click()
    page.get_by_label("Ide dalam satu kalimat").fill(TITLE)
    page.get_by_label("Perangkat daerah yang layanannya diperbaiki").select_option(
        label="Dinas Kesehatan"
    )
    page.get_by_label("Layanan publik terkait").fill("Pendaftaran rawat jalan")
    page.get_by_label("Masalahnya: siapa yang dirugikan, dan buktinya").fill(
        "Warga lansia menunggu hampir dua jam di puskesmas untuk mendapat nomor antrean."
    )
    page.get_by_label("Usulan Anda").fill(
        "Antrean daring lewat laman puskesmas, dengan loket khusus lansia tanpa ponsel."
    )
    page.get_by_role("button", name="Periksa ide serupa").click()
    expect(page.get_by_text("Ide serupa sudah ada di papan")).to_be_visible()
    expect(page.get_by_role("link", name="Nomor antrean puskesmas lewat WhatsApp")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Kirim ide").click()
    expect(page.get_by_text("Ide Anda sudah ada di papan.")).to_be_visible()
    idea_page = page.url
    page.get_by_text("Tambah gambar").click()
    page.get_by_label("Foto atau gambar").set_input_files(
        {"name": "antrean.jpg", "mimeType": "image/jpeg", "buffer": PHOTO}
    )
    page.get_by_label("Keterangan gambar").fill("Antrean lansia di loket pukul 07.00")
    page.get_by_role("button", name="Tambahkan gambar").click()
    expect(page.get_by_role("img", name="Antrean lansia di loket pukul 07.00")).to_be_visible()
    assert axe_violations(page) == []
    sign_out(page)

    comments = (
        ("trainer", "Kami di BKPSDM bisa membantu SOP-nya."),
        ("admin", "Setuju, @Sari Wulandari, mulai dari Puskesmas Talawi."),
    )
    for role, words in comments:
        sign_in(page, live_server, role)
        page.wait_for_url("**/dashboard")
        page.goto(idea_page)
        page.get_by_role("button", name="Dukung ide ini").click()
        expect(page.get_by_text("Anda mendukung ide ini.")).to_be_visible()
        page.get_by_label("Komentar Anda").fill(words)
        page.get_by_role("button", name="Kirim", exact=True).last.click()
        expect(page.get_by_text(words)).to_be_visible()
        assert axe_violations(page) == []
        sign_out(page)

    sign_in(page, live_server, "admin")
    page.wait_for_url("**/dashboard")
    page.goto(live_server.url + "/ideas/teams")
    page.get_by_label("Perangkat daerah", exact=True).select_option(label="Dinas Kesehatan")
    page.get_by_label("NIP anggota").fill("197806102003031004")
    page.get_by_role("button", name="Tambahkan ke tim inovasi").click()
    expect(page.get_by_text("Hendra Gunawan bergabung dengan tim inovasi")).to_be_visible()
    assert axe_violations(page) == []
    sign_out(page)

    meeting = seed_idea_meeting(live_server.app)
    sign_in(page, live_server, "supervisor")
    page.wait_for_url("**/dashboard")
    page.goto(idea_page)
    decide(page, "dibahas")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/ideas/meetings/{meeting}")
    page.get_by_label("Masukkan ide dari papan ke agenda").select_option(label=f"{TITLE} (dibahas)")
    page.get_by_role("button", name="Tambahkan ke agenda").click()
    page.get_by_label("Keputusan").select_option(label="uji coba")
    page.get_by_role("button", name="Catat keputusan").click()
    expect(
        page.get_by_text(f"Diputuskan: {TITLE} kini berada pada tahap uji coba.")
    ).to_be_visible()
    page.get_by_role("textbox", name="Notulen").fill("Hadir 9 orang. Uji coba antrean daring.")
    page.get_by_role("button", name="Simpan notulen").click()
    assert axe_violations(page) == []
    sign_out(page)

    project = run_change_project(page, live_server, idea_page)

    sign_in(page, live_server, "supervisor")
    page.wait_for_url("**/dashboard")
    page.goto(idea_page)
    page.get_by_label("Sebelum (angka)").fill("Waktu tunggu 110 menit")
    page.get_by_label("Sesudah (angka)").fill("Waktu tunggu 35 menit")
    decide(page, "diterapkan")
    menu_link(page, "Tim saya 1 menunggu").click()
    page.get_by_role("button", name="Setujui 6 JP").click()
    expect(page.get_by_text("Disetujui: 6 JP diakui untuk Sari Wulandari.")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    expect(page.locator(".big-number").first).to_contain_text("6")
    page.goto(project)
    expect(page.get_by_text("Laporan akhir")).to_be_visible()
    page.goto(live_server.url + "/ideas/innovations")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Waktu tunggu 35 menit")).to_be_visible()
    assert axe_violations(page) == []


def test_a_course_question_is_answered_and_a_leaking_answer_hidden(page, live_server):
    course = live_server.url + "/courses/pengelolaan-keuangan-daerah"
    for role in ("learner", "supervisor"):
        sign_in(page, live_server, role)
        page.wait_for_url("**/dashboard")
        page.goto(course)
        page.get_by_role("button", name="Daftar").click()
        sign_out(page)

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    page.goto(course)
    page.get_by_role("link", name="Diskusi: bertanya kepada pengajar dan sesama peserta").click()
    page.get_by_label("Pertanyaan Anda dalam satu kalimat").fill("Apa beda KUA dan PPAS?")
    page.get_by_label("Rincian").fill("Saya bingung urutan penyusunannya.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Tanyakan").click()
    expect(page.get_by_text("Pertanyaan Anda terkirim.")).to_be_visible()
    question = page.url
    sign_out(page)

    sign_in(page, live_server, "supervisor")
    page.wait_for_url("**/dashboard")
    page.goto(question)
    page.get_by_label("Jawaban Anda").fill("Jawaban kuisnya: B, lalu D, lalu A.")
    page.get_by_role("button", name="Kirim jawaban").click()
    sign_out(page)

    sign_in(page, live_server, "trainer")
    page.wait_for_url("**/dashboard")
    page.goto(question)
    page.get_by_label("Jawaban Anda").fill(
        "KUA disepakati lebih dulu, lalu PPAS; keduanya dengan DPRD."
    )
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_role("button", name="Terima jawaban ini").last.click()
    expect(page.get_by_text("Diterima pengajar")).to_be_visible()
    assert axe_violations(page) == []
    sign_out(page)

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    page.goto(question)
    leaking = page.locator("article", has_text="Jawaban kuisnya")
    leaking.get_by_text("Laporkan", exact=True).first.click()
    leaking.get_by_label("Apa masalahnya?").fill("Membocorkan kunci kuis")
    leaking.get_by_role("button", name="Laporkan").click()
    expect(page.get_by_text("Terima kasih: moderator akan memeriksanya.")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "trainer")
    page.wait_for_url("**/dashboard")
    menu_link(page, "Moderasi").click()
    expect(page.get_by_text("Membocorkan kunci kuis")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Alasan menyembunyikan").fill("Berisi kunci jawaban kuis")
    page.get_by_role("button", name="Sembunyikan").click()
    expect(page.get_by_text("Disembunyikan.")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    page.goto(question)
    expect(page.get_by_text("Disembunyikan moderator: Berisi kunci jawaban kuis")).to_be_visible()
    expect(page.get_by_text("Jawaban kuisnya")).to_have_count(0)
