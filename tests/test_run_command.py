"""The README's promise: `elearn run` on an empty instance serves a page where the
demo learner can sign in."""

import http.cookiejar
import re
import urllib.parse
import urllib.request

import pytest


@pytest.mark.slow
def test_elearn_run_serves_a_page_where_the_demo_learner_signs_in(running_platform):
    url, output, _process = running_platform
    assert f"open {url}/" in output
    nip, password = re.search(r"learner\s+(\d{18})\s+password: (\S+)", output).groups()
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    with browser.open(url + "/login") as response:
        page = response.read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode(
        {"identifier": nip, "password": password, "csrf_token": token}
    ).encode()
    with browser.open(url + "/login", data=form) as response:
        dashboard = response.read().decode()
    assert "Selamat datang, Sari Wulandari" in dashboard
