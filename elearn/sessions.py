"""Flask's signed-cookie sessions, each cookie verified once per process.

Every request carries the same session cookie until the session changes, and Flask
verified it afresh each time: base64, two HMACs (the key derivation and the signature)
and the JSON, about a twentieth of a signed-in hello-world. A cookie that verified is
kept with its contents and signing time, and still expires as Flask's would
(``PERMANENT_SESSION_LIFETIME`` from its signing). Each request gets a copy of the
contents, which it may change.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature

from elearn.kept import keep

KEPT_COOKIES = 4096


class VerifiedOnceSessions(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._verified: dict[str, tuple[dict, float]] = {}

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie or not app.secret_key:
            return super().open_session(app, request)
        max_age = app.permanent_session_lifetime.total_seconds()
        kept = self._verified.get(cookie)
        if kept is None:
            try:
                data, signed = self.get_signing_serializer(app).loads(
                    cookie, max_age=int(max_age), return_timestamp=True
                )
            except BadSignature:
                return self.session_class()
            kept = keep(self._verified, cookie, (data, signed.timestamp()), KEPT_COOKIES)
        elif time.time() - kept[1] > max_age:
            return self.session_class()
        return self.session_class(_copied(kept[0]))


def _copied(value: Any) -> Any:
    """A copy of the session's lists and dicts (its other values cannot change)."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value
