"""Nothing answered is lost: not an answer given before the quiz's script has loaded (a
slow phone), and not one given after the session ended mid-quiz."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import sign_in

pytestmark = pytest.mark.browser
QUIZ = "/courses/pengembangan-kompetensi-asn/items/kuis-pemahaman"
SAVED = re.compile(r"Tersimpan pukul \d\d:\d\d")


def start_quiz(page, live_server) -> None:
    sign_in(page, live_server, "learner")
    page.wait_for_url("**/dashboard")
    page.goto(live_server.url + "/courses/pengembangan-kompetensi-asn")
    page.get_by_role("button", name="Daftar").click()
    page.goto(live_server.url + QUIZ)
    page.get_by_role("button", name="Mulai kuis").click()


def test_an_answer_given_before_the_script_loads_is_saved(page, live_server):
    held = []
    page.route("**/static/js/quiz.js", lambda route: held.append(route))  # late, as on 2G
    start_quiz(page, live_server)
    page.get_by_label("20 JP").check()
    page.get_by_label("Jawaban Anda").fill("45")
    assert held, "the quiz page asked for its script"
    expect(page.get_by_role("status")).to_have_text("")  # nothing could save it yet
    held[0].continue_()  # the script arrives and sends what was answered
    expect(page.get_by_role("status")).to_have_text(SAVED)
    page.unroute("**/static/js/quiz.js")
    page.reload()
    assert page.get_by_label("20 JP").is_checked()
    assert page.get_by_label("Jawaban Anda").input_value() == "45"


def forget_refused_requests(page) -> None:
    """The browser logs the 401 and 400 answers of a session that ended: expected here."""
    page.problems[:] = [p for p in page.problems if "Failed to load resource" not in p]


def test_a_session_that_ends_mid_quiz_loses_no_answer(page, live_server):
    start_quiz(page, live_server)
    page.get_by_label("20 JP").check()
    expect(page.get_by_role("status")).to_have_text(SAVED)
    page.context.clear_cookies()  # signed out elsewhere, or the browser lost the session
    page.get_by_label("Jawaban Anda").fill("45")
    expect(page.get_by_role("status")).to_contain_text("Anda sudah keluar")
    expect(page.get_by_role("link", name="Masuk lagi (membuka tab baru)")).to_be_visible()
    other = page.context.new_page()  # the learner signs in again in another tab
    sign_in(other, live_server, "learner")
    other.wait_for_url("**/dashboard")
    other.close()
    expect(page.get_by_role("status")).to_have_text(SAVED, timeout=15_000)
    page.context.clear_cookies()  # and once more, this time pressing Submit while typing
    page.get_by_label("Rumpang 1").fill("BerAKHLAK")
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_role("status")).to_contain_text("Anda sudah keluar")
    with page.expect_popup() as popup:  # the page's own link opens the sign-in page
        page.get_by_role("link", name="Masuk lagi (membuka tab baru)").click()
    other = popup.value
    other.get_by_label("NIP atau surel").fill(live_server.accounts["learner"][0])
    other.get_by_label("Kata sandi").fill(live_server.accounts["learner"][1])
    other.get_by_role("button", name="Masuk").click()
    other.wait_for_url("**/attempts/*")  # it leads back to the quiz
    other.close()
    # the first tab saves what it kept and goes on with the submit it was asked for
    expect(page.get_by_role("heading", name="3 soal belum dijawab")).to_be_visible(timeout=15_000)
    page.get_by_role("link", name="Kembali ke kuis").click()
    assert page.get_by_label("20 JP").is_checked()
    assert page.get_by_label("Jawaban Anda").input_value() == "45"
    assert page.get_by_label("Rumpang 1").input_value() == "BerAKHLAK"
    forget_refused_requests(page)
