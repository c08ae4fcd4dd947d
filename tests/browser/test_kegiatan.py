"""A university partner holds a two-session workshop with a post-test: she creates and
publishes it, an ASN registers and her supervisor approves, the ASN checks in with the
rotating code on her phone for both sessions (an expired code is refused), fills the
evaluation and passes the post-test, BKPSDM approves the JP, and the ASN's JP rise and
her certificate verifies. axe-core on every page of the journey."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from elearn import db
from elearn.kegiatan.checkin import STEP, code_at
from elearn.models import Certificate, EventSession
from elearn.models.types import utcnow
from tests.browser.steps import axe_violations, menu_link, sign_in, sign_out

pytestmark = pytest.mark.browser

TITLE = "Lokakarya Inovasi Pelayanan Publik"
POST_TEST = """---
jenis: kuis
judul: Pasca-tes inovasi pelayanan
nilai_lulus: 100
---
## Siklus perbaikan
Siklus perbaikan berkelanjutan yang dipakai untuk menguji ide secara kecil adalah ...

- [x] PDCA
- [ ] SWOT
- [ ] RACI
"""


def create_workshop(page, server) -> str:
    """As the partner: the event, two sessions, published; the manage page's URL."""
    sign_in(page, server, "partner")
    page.wait_for_url("**/dashboard")
    menu_link(page, "Kegiatan").click()
    page.get_by_role("link", name="Buat kegiatan").click()
    assert axe_violations(page) == []
    page.get_by_label("Jenis").select_option("lokakarya")
    page.get_by_label("Judul").fill(TITLE)
    page.get_by_label("Deskripsi").fill("Merancang **inovasi pelayanan** bersama Unand.")
    page.get_by_label("Institusi penyelenggara").fill("Universitas Andalas")
    page.get_by_label("Narasumber").fill("Dr. Rina Marlina | Universitas Andalas | Dosen")
    page.get_by_label("Kompetensi").select_option("manajerial/M.05")
    page.get_by_label("JP yang diajukan").fill("8")
    page.get_by_label("Kursi").fill("30")
    page.get_by_label("Pendaftaran perlu persetujuan atasan langsung").check()
    page.get_by_label("Kelulusan memerlukan pengisian formulir evaluasi").check()
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    page.get_by_label("Pendaftaran ditutup setelah tanggal").fill(tomorrow)
    page.get_by_label("Pembatalan dapat dilakukan hingga").fill(tomorrow)
    page.get_by_label("Kehadiran minimal untuk lulus, dalam persen dari jumlah sesi").fill("100")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Kegiatan disimpan sebagai draf")).to_be_visible()
    for day, start, end in ((2, "09:00", "12:00"), (3, "13:00", "16:00")):
        if not page.get_by_label("Tanggal").is_visible():
            page.get_by_text("Tambahkan sesi").click()
        page.get_by_label("Tanggal").fill((date.today() + timedelta(days=day)).isoformat())
        page.get_by_label("Mulai").fill(start)
        page.get_by_label("Selesai").fill(end)
        page.get_by_label("Tempat").fill("Aula Balai Kota Sawahlunto")
        page.get_by_role("button", name="Simpan sesi").click()
        expect(page.get_by_text("Sesi ditambahkan.")).to_be_visible()
    expect(page.get_by_text("09.00–12.00 WIB")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Tes kegiatan").click()
    page.get_by_label("Tes, sebagai berkas kuis").fill(POST_TEST)
    page.get_by_label("Kelulusan kegiatan memerlukan lulus pasca-tes").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Periksa dan simpan").click()
    expect(page.get_by_text("Tes disimpan.")).to_be_visible()
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.get_by_text("Diterbitkan: ASN kini dapat mendaftar.")).to_be_visible()
    manage = page.url
    sign_out(page)
    return manage


def check_in(page, server, manage: str, number: int) -> None:
    """The organiser opens check-in of session ``number``; the ASN types the code."""
    sign_in(page, server, "partner")
    page.wait_for_url("**/dashboard")
    page.goto(manage)
    page.get_by_role("link", name="Kode presensi").nth(number - 1).click()
    page.get_by_role("button", name="Buka presensi").click()
    expect(page.locator(".checkin-qr svg")).to_be_visible()
    assert axe_violations(page) == []
    shown = page.locator(".big-number").inner_text()
    code = "".join(ch for ch in shown if ch.isdigit())
    session_id = int(page.url.split("/sessions/")[1].split("/")[0])
    sign_out(page)

    sign_in(page, server, "learner")
    page.wait_for_url("**/dashboard")
    page.goto(f"{server.url}/kegiatan/checkin?s={session_id}")
    if number == 1:  # a photo of an earlier code, sent home, no longer works
        with server.app.app_context():
            secret = db.session().get(EventSession, session_id).checkin_secret
        page.get_by_label("Kode presensi").fill(code_at(secret, utcnow() - 2 * STEP * SECOND))
        page.get_by_role("button", name="Presensi").click()
        expect(page.get_by_text("Kode itu salah atau sudah kedaluwarsa")).to_be_visible()
        assert axe_violations(page) == []
    page.get_by_label("Kode presensi").fill(code)
    page.get_by_role("button", name="Presensi").click()
    expect(page.get_by_text("Presensi Anda tercatat. Selamat datang!")).to_be_visible()
    sign_out(page)


SECOND = timedelta(seconds=1)


def test_a_partner_holds_a_workshop_and_an_asn_earns_its_jp(page, live_server):
    manage = create_workshop(page, live_server)
    event_page = manage.removesuffix("/manage")

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    menu_link(page, "Kegiatan").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator(".prose strong")).to_have_text("inovasi pelayanan")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_text("menunggu persetujuan atasan").first).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "supervisor")
    page.wait_for_url("**/dashboard")
    menu_link(page, "Tim saya 1 menunggu").click()
    expect(page.get_by_text("Pendaftaran kegiatan yang menunggu persetujuan Anda")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Setujui").last.click()
    expect(page.get_by_text("Disetujui: Sari Wulandari terdaftar")).to_be_visible()
    sign_out(page)

    check_in(page, live_server, manage, 1)
    check_in(page, live_server, manage, 2)

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    page.goto(event_page)
    expect(page.locator(".badge-active", has_text="hadir")).to_have_count(2)
    page.get_by_role("link", name="Isi evaluasi").click()
    assert axe_violations(page) == []
    for statement in page.locator("fieldset").all():
        statement.get_by_label("Setuju", exact=True).check()
    page.get_by_label("Komentar dan saran").fill("Contoh dari puskesmas sangat membantu.")
    page.get_by_role("button", name="Kirim evaluasi saya").click()
    expect(page.get_by_text("evaluasi Anda terkirim tanpa nama Anda")).to_be_visible()
    page.get_by_role("link", name="Pasca-tes").click()
    page.get_by_role("button", name="Mulai").click()
    page.get_by_label("PDCA").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Anda lulus pasca-tes dengan nilai 100.")).to_be_visible()
    expect(page.get_by_text("Anda telah menyelesaikan kegiatan ini.")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "admin")
    page.wait_for_url("**/dashboard")
    page.goto(manage)
    assert axe_violations(page) == []
    page.get_by_label("JP yang disetujui").fill("8")
    page.get_by_role("button", name="Setujui JP").click()
    expect(page.get_by_text("1 peserta dikreditkan")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    expect(page.locator(".big-number").first).to_contain_text("8")
    expect(page.get_by_text(f"Sertifikat: {TITLE} (PDF)")).to_be_visible()
    with live_server.app.app_context():
        code = db.session().scalar(sa.select(Certificate.code))
    page.goto(f"{live_server.url}/verify/{code}")
    expect(page.get_by_text("Sertifikat ini asli.")).to_be_visible()
    expect(page.get_by_text(TITLE)).to_be_visible()
