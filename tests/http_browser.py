"""A minimal HTTP user agent for tests against a real server: cookies, CSRF tokens
read from pages, and statuses returned (not raised) so refusals can be asserted."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class HttpBrowser:
    def __init__(self, base_url: str, jar: http.cookiejar.CookieJar | None = None) -> None:
        """``jar``: cookies shared with another browser (the same person's tab open on
        another app process, cookies being per host, not per port)."""
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar() if jar is None else jar
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        """(status, body text, Location header) of one request."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), response.headers.get("Location")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers.get("Location")

    def token(self, path: str) -> str:
        page = self.request(path)[1]
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)

    def press(self, path: str, page: str, data: dict | None = None):
        """Post a form of ``page`` (with its CSRF token) to ``path``."""
        return self.request(path, {**(data or {}), "csrf_token": self.token(page)})

    def sign_in(self, identifier: str, password: str) -> None:
        status, _, location = self.press(
            "/login", "/login", {"identifier": identifier, "password": password}
        )
        assert status == 302 and location.endswith("/dashboard"), status

    def start_quiz(self, course: str, item: str) -> str:
        """Enrol, start the quiz; the attempt's path."""
        self.press(f"/courses/{course}/enrol", f"/courses/{course}")
        page = f"/courses/{course}/items/{item}"
        location = self.press(f"{page}/start", page)[2]
        return urllib.parse.urlsplit(location).path

    def autosave(self, attempt: str, token: str, data: dict):
        status, body, _ = self.request(f"{attempt}/answers", data, {"X-CSRFToken": token})
        return status, (json.loads(body) if body.startswith("{") else body)

    def stream_saves(self, attempt: str, field: str, acknowledged: list[int], stop=None) -> None:
        """Save ``field`` over and over (each save's value is its revision), recording
        each revision the server acknowledged, until ``stop`` is set or the server is
        gone (perhaps in the middle of a response)."""
        token, revision, key = self.token(attempt), 0, field[2:-1]
        while stop is None or not stop.is_set():
            try:
                status, body = self.autosave(
                    attempt, token, {"revision": revision, "shown": key, field: str(revision + 1)}
                )
            except (OSError, ValueError, http.client.HTTPException):
                return  # killed between requests, or in the middle of a response
            if status == 200:
                revision = body["revision"]
                acknowledged.append(revision)
