"""A learner completes one quiz of each first-party plugin's sample course in the
browser (its own inputs, the quiz script saving them, the result page), with axe-core
on the plugins' pages."""

import pytest
from playwright.sync_api import expect

from tests.browser.steps import axe_violations, open_quiz, sign_in

pytestmark = pytest.mark.browser


def test_a_financial_quiz_with_rupiah_amounts_and_a_budget_table(page, live_server):
    sign_in(page, live_server, "learner")
    open_quiz(page, live_server, "pengelolaan-keuangan-daerah", "kuis-struktur-apbd")
    assert axe_violations(page) == []
    page.locator('input[name="q[defisit-anggaran]"]').fill("Rp 60 miliar")
    page.get_by_label("Belanja modal: peralatan dan mesin").check()
    page.locator('input[name="q[nilai-perolehan-aset]"]').fill("800.000.000")
    page.get_by_label("Surplus/(defisit) – Jumlah (Rp)").fill("(50.000.000.000)")
    page.get_by_label("Pembiayaan neto – Jumlah (Rp)").fill("70.000.000.000")
    with page.expect_response(lambda response: response.url.endswith("/answers")):
        page.get_by_label("SiLPA tahun berjalan – Jumlah (Rp)").fill("20 miliar")
        page.keyboard.press("Tab")
    expect(page.get_by_role("status")).to_contain_text("Tersimpan")
    page.reload()  # the script saved every answer
    assert page.get_by_label("SiLPA tahun berjalan – Jumlah (Rp)").input_value() == "20 miliar"
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Nilai 8 dari 8 poin.")).to_be_visible()
    expect(
        page.get_by_text("4 dari 4 sel benar.").or_(page.get_by_text("3 dari 3 sel benar."))
    ).to_be_visible()
    assert axe_violations(page) == []


def test_an_it_quiz_with_a_phishing_message(page, live_server):
    sign_in(page, live_server, "learner")
    open_quiz(page, live_server, "literasi-digital-keamanan-data", "kuis-keamanan-akun")
    assert axe_violations(page) == []
    page.get_by_label("Dari: Tim IT Pemkot <helpdesk@sawahlunto-kota.co>").check()
    page.get_by_label("Subjek: SEGERA!!! Akun SRIKANDI Anda diblokir dalam 2 jam").check()
    page.get_by_label("Masukkan NIP, kata sandi, dan kode OTP", exact=False).check()
    page.get_by_label("kopi-hujan-sawah-lentera").check()
    page.get_by_label("Salah").check()
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Nilai 5 dari 5 poin.")).to_be_visible()
    expect(page.get_by_text("Bagian mencurigakan yang ditemukan: 3 dari 3")).to_be_visible()
    assert axe_violations(page) == []


def test_a_scenario_one_scene_at_a_time_and_a_self_assessment(page, live_server):
    sign_in(page, live_server, "learner")
    open_quiz(page, live_server, "pelayanan-publik-prima", "kuis-akhir")
    expect(page.get_by_text("Sudah tiga kali saya ke sini")).to_be_visible()
    assert page.get_by_text("blangko sempat habis").count() == 0  # a later scene
    assert axe_violations(page) == []
    page.get_by_label("Dengarkan sampai selesai, lalu minta maaf", exact=False).check()
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_label("Periksa status di sistem", exact=False).check()
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_label("Ambilkan KTP-nya", exact=False).check()
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_text("Skenario selesai.", exact=False)).to_be_visible()
    page.get_by_label("Akuntabel").check()
    page.get_by_label("Refleksi Anda").fill(" ".join(["Saya belajar mendengarkan warga."] * 16))
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Jalur Anda mendapat 6 dari 6 poin.")).to_be_visible()
    expect(page.get_by_text("Sebagian jawaban menunggu penilaian widyaiswara.")).to_be_visible()
    assert axe_violations(page) == []

    open_quiz(page, live_server, "pelayanan-publik-prima", "kuis-gaya-melayani", enrol=False)
    for group in page.get_by_role("group").all():
        radios = group.get_by_role("radio")
        if radios.count() == 5:
            radios.nth(3).check()
    for option in ["Persyaratan", "Jangka waktu penyelesaian", "Biaya/tarif"]:
        page.get_by_label(option, exact=True).check()
    page.get_by_label("Penanganan pengaduan, saran, dan masukan").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Lulus", exact=True)).to_be_visible()
    expect(page.get_by_text("Area terkuat Anda adalah", exact=False)).to_be_visible()
    assert axe_violations(page) == []
