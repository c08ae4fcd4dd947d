"""The steps the browser tests take on a page: signing in and out, the main menu,
opening a quiz, and axe-core's accessibility check (from tests/browser/node_modules)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    """Run axe-core's WCAG 2.1 A and AA rules on the page as it stands."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run npm ci --prefix tests/browser")
    # A link just clicked has started its navigation; until the new page has loaded its
    # document may have no root element yet, and axe fails on it. axe is loaded and run
    # in one evaluation (by DevTools, not blocked by CSP), so both see the same document.
    page.wait_for_load_state("load")
    result = page.evaluate(
        AXE.read_text() + "\n;axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(result => result.violations)"
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result]


def sign_in(page, server, role: str) -> None:
    identifier, password = server.accounts[role]
    page.goto(server.url + "/login")
    page.get_by_label("NIP atau surel").fill(identifier)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def open_menu(page) -> None:
    """On a phone the main menu folds under its button: open it (a desktop shows it).
    Asked once the stylesheet has loaded: unstyled, the button shows on a desktop too."""
    page.wait_for_load_state("load")
    button = page.locator("label.menu-button")
    if button.is_visible() and not page.locator("#menu-toggle").is_checked():
        button.click()


def menu_link(page, name: str):
    """A link of the main menu, opened first on a phone."""
    open_menu(page)
    return page.locator(".main-nav").get_by_role("link", name=name, exact=True)


def sign_out(page) -> None:
    open_menu(page)
    page.get_by_role("button", name="Keluar").click()


def open_quiz(page, server, course: str, quiz: str, enrol: bool = True) -> None:
    if enrol:
        page.goto(f"{server.url}/courses/{course}")
        page.get_by_role("button", name="Daftar").click()
    page.goto(f"{server.url}/courses/{course}/items/{quiz}")
    page.get_by_role("button", name="Mulai kuis").click()
    # Reading the page at once (as .all() does) must wait for the attempt page to have
    # loaded: under load it was read half-parsed, a statement went unrated and the
    # submit asked to confirm instead of grading (1 run in 6 of the suite, loaded).
    page.wait_for_url(re.compile(r"/attempts/\d+$"), wait_until="load")
