"""Every page a demo role can reach fits a 360 px phone: signed in as each role, the
walk follows the links of each page (same site, GET, not files) and on every page finds
nothing wider than the screen; tables scroll inside their own box. The folded menu
opens without script."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.steps import open_quiz, sign_in

pytestmark = pytest.mark.browser

NARROW = {"width": 360, "height": 740}
PAGES_PER_ROLE = 45
SKIP = re.compile(
    r"/logout|/download|/source\.zip|/assets/|\.(pdf|csv|xlsx|zip|svg|css|js)$|format=|/static/"
)
WIDER = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    if (box.width === 0) return false;
    return box.right > width + 1 && !el.parentElement.closest('.table-scroll, pre');  // scrolls
  }).slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
    + ' ' + Math.round(el.getBoundingClientRect().right));
}"""


def _shape(path: str) -> str:
    """Two pages per kind at most: /courses/x/items/y and /courses/z/items/w are one kind
    (keys, file names and ids replaced), but the first two courses are both walked."""
    return re.sub(r"/[^/?]*[-.\d][^/?]*", "/_", path.split("?")[0])


def _take_a_quiz(page, server) -> None:
    """The learner's own pages beyond the catalogue: a course enrolled in, its lessons,
    an attempt at a quiz with a budget table and its result."""
    open_quiz(page, server, "pengelolaan-keuangan-daerah", "kuis-struktur-apbd")
    page.get_by_role("button", name="Kirim").click()
    page.get_by_role("button", name="Tetap kirim").click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))


@pytest.mark.parametrize("role", ["learner", "supervisor", "trainer", "admin"])
def test_every_page_a_role_reaches_fits_a_phone(browser, live_server, role):
    context = browser.new_context(viewport=NARROW, locale="id-ID")
    page = context.new_page()
    try:
        sign_in(page, live_server, role)
        page.wait_for_url("**/dashboard")
        label = page.locator("label.menu-button")
        expect(label).to_be_visible()
        expect(page.locator(".main-nav")).to_be_hidden()
        label.click()  # the folded menu opens with no script of ours
        expect(page.locator(".main-nav")).to_be_visible()
        origin = live_server.url
        queue, seen, shapes, wide = ["/dashboard"], set(), {}, {}
        if role == "learner":
            _take_a_quiz(page, live_server)
            queue.append(urlsplit(page.url).path)
        while queue and len(seen) < PAGES_PER_ROLE:
            path = queue.pop(0)
            if path in seen or shapes.get(_shape(path), 0) >= 2:
                continue
            seen.add(path)
            shapes[_shape(path)] = shapes.get(_shape(path), 0) + 1
            response = page.goto(origin + path)
            if (
                response is None
                or response.status != 200
                or "html" not in (response.headers.get("content-type") or "")
            ):
                continue
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                wide[path] = (overflow, page.evaluate(WIDER))
            for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
                target = urljoin(origin + path, href)
                parts = urlsplit(target)
                local = parts.path + (f"?{parts.query}" if parts.query else "")
                if target.startswith(origin) and not SKIP.search(local) and local not in seen:
                    queue.append(local)
        assert len(seen) >= 5, seen
        assert wide == {}, wide
    finally:
        context.close()
