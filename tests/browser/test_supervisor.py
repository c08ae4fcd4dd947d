"""A direct supervisor approves a coaching log and the ASN's JP rises; an admin assigns a
mandatory course and it comes first on the learner's dashboard; axe-core on the pages
of both journeys."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.steps import axe_violations, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_a_supervisor_approves_a_coaching_log_and_the_asns_jp_rises(page, live_server):
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    expect(page.locator(".big-number").first).to_contain_text("0")
    page.get_by_role("link", name="Catat coaching, mentoring, atau penugasan").click()
    assert axe_violations(page) == []
    page.get_by_label("Jenis").select_option("coaching")
    page.get_by_label("Topik").fill("Coaching penyusunan Renja Dinas Kesehatan")
    page.get_by_label("Coach, mentor, atau pemberi tugas").fill("Hendra Gunawan")
    page.get_by_label("Apa yang Anda lakukan dan pelajari").fill(
        "Menyusun indikator kinerja Renja bersama atasan dalam tiga pertemuan."
    )
    page.get_by_label("Hari pertama").fill(date.today().isoformat())
    page.get_by_label("Hari terakhir").fill(date.today().isoformat())
    page.get_by_label("JP yang diajukan").fill("3")
    page.get_by_label("Kompetensi").select_option("manajerial/M.04")
    page.get_by_role("button", name="Kirim ke atasan saya").click()
    expect(page.get_by_text("menunggu persetujuan atasan")).to_be_visible()
    assert axe_violations(page) == []
    sign_out(page)

    sign_in(page, live_server, "supervisor")
    page.wait_for_url("**/dashboard")
    page.get_by_role("link", name="JP tim saya").click()
    expect(page.get_by_text("Coaching penyusunan Renja Dinas Kesehatan")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Setujui 3 JP").click()
    expect(page.get_by_text("Disetujui: 3 JP diakui untuk Sari Wulandari.")).to_be_visible()
    expect(page.locator("tbody tr").first).to_contain_text("3")
    assert axe_violations(page) == []
    sign_out(page)

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    expect(page.locator(".big-number").first).to_contain_text("3")


def test_an_admin_assigns_a_mandatory_course_that_leads_the_dashboard(page, live_server):
    sign_in(page, live_server, "admin")
    page.goto(live_server.url + "/admin/mandatory")
    assert axe_violations(page) == []
    page.get_by_label("Kursus", exact=True).select_option(label="Pelayanan Publik Prima")
    page.get_by_label("Perangkat daerah", exact=True).select_option(label="— Dinas Kesehatan")
    page.get_by_label("Tenggat").fill(date(date.today().year, 12, 31).isoformat())
    page.get_by_role("button", name="Tetapkan").click()
    expect(page.get_by_text("kini menjadi kursus wajib")).to_be_visible()
    page.get_by_role("link", name="Siapa yang terlambat").click()
    assert axe_violations(page) == []
    page.goto(live_server.url + "/admin/workplace-limits")
    assert axe_violations(page) == []
    page.goto(live_server.url + "/admin/users/new")
    assert axe_violations(page) == []
    sign_out(page)

    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    mandatory = page.get_by_role("region", name="Kursus wajib")
    expect(mandatory).to_contain_text("Pelayanan Publik Prima")
    expect(mandatory).to_contain_text("Pengembangan Kompetensi")  # the demo's, city-wide
    assert axe_violations(page) == []
