"""Core journeys in a real browser, on a phone and a desktop, with an accessibility
check (axe-core, WCAG 2.1 AA) on every page this part of the platform adds."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import axe_violations, menu_link, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_demo_learner_signs_in_and_sees_the_dashboard_in_indonesian(page, live_server):
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_have_text("Masuk")
    assert axe_violations(page) == []
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    expect(page.locator("h1")).to_have_text("Selamat datang, Sari Wulandari")
    expect(page.get_by_text("Dinas Kesehatan")).to_be_visible()
    expect(menu_link(page, "Dasbor")).to_be_visible()
    assert axe_violations(page) == []


def test_a_wrong_password_is_explained_on_the_page(page, live_server):
    page.goto(live_server.url + "/login")
    page.get_by_label("NIP atau surel").fill("199003152015032001")
    page.get_by_label("Kata sandi").fill("bukan-sandinya")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("NIP/surel atau kata sandi salah")).to_be_visible()
    assert axe_violations(page) == []


def test_learner_changes_password_then_signs_out(page, live_server):
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    menu_link(page, "Akun").click()
    assert axe_violations(page) == []
    page.get_by_label("Kata sandi saat ini").fill(live_server.accounts["learner"][1])
    page.get_by_label("Kata sandi baru", exact=True).fill("sandi-baru-sari-2026")
    page.get_by_label("Ulangi kata sandi baru").fill("sandi-baru-sari-2026")
    page.get_by_role("button", name="Ubah kata sandi").click()
    expect(page.get_by_text("Kata sandi Anda telah diubah.")).to_be_visible()
    sign_out(page)
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()


def test_the_interface_switches_to_english(page, live_server):
    page.goto(live_server.url + "/login")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Sign in")
    assert page.locator("html").get_attribute("lang") == "en"


def test_password_reset_request_page_is_accessible(page, live_server):
    page.goto(live_server.url + "/login")
    page.get_by_role("link", name="Lupa kata sandi?").click()
    expect(page.locator("h1")).to_have_text("Atur ulang kata sandi")
    assert axe_violations(page) == []


def test_admin_pages_are_accessible_and_show_plugins(page, live_server):
    sign_in(page, live_server, "admin")
    page.wait_for_url("**/dashboard")
    menu_link(page, "Administrasi").click()
    assert axe_violations(page) == []
    for link, heading in (
        ("Perangkat Daerah", "Perangkat Daerah"),
        ("Pengguna", "Pengguna"),
        ("Plugin", "Plugin"),
    ):
        page.get_by_role("navigation", name="Administrasi").get_by_role(
            "link", name=link, exact=True
        ).click()
        expect(page.locator("h1")).to_have_text(heading)
        assert axe_violations(page) == [], link
    expect(page.get_by_role("cell", name="elearn.builtin (bawaan)")).to_be_visible()


def test_a_learner_gets_the_access_denied_page_for_admin_pages(page, live_server):
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    response = page.goto(live_server.url + "/admin/")
    assert response.status == 403
    page.problems.remove(  # the browser logs the refused navigation itself
        "Failed to load resource: the server responded with a status of 403 (FORBIDDEN)"
    )
    expect(page.locator("h1")).to_have_text(re.compile(r"^Akses ditolak"))
    assert axe_violations(page) == []
