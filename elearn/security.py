"""Response headers that every page carries: a strict Content-Security-Policy (no
``unsafe-inline``: the few inline scripts carry a per-request nonce), no sniffing, no
framing, no referrer leaks."""

from __future__ import annotations

import secrets
import time

from flask import Flask, Response, abort, current_app, g, request, session
from flask_wtf.csrf import generate_csrf

from elearn.kept import keep


def csp_nonce() -> str:
    """The nonce of this response, for a ``<script nonce=...>`` in a template."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def _set_headers(response: Response) -> Response:
    nonce = g.get("csp_nonce")
    script_src = "'self'" + (f" 'nonce-{nonce}'" if nonce else "")
    response.headers.setdefault(  # a response may set a stricter one (course files do)
        "Content-Security-Policy",
        "default-src 'self'; "
        f"script-src {script_src}; "
        "style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if not _cacheable(request.endpoint):
        # pages, exports, certificates, source zips: nothing of a person's stays in a
        # shared computer's cache after they sign out
        response.headers["Cache-Control"] = "no-store"
    return response


CACHEABLE = {"learn.asset"}  # course files by their SHA-256: the same bytes for everyone


def _cacheable(endpoint: str | None) -> bool:
    """The platform's and plugins' static files, and course assets, may be cached."""
    return bool(endpoint) and (
        endpoint == "static" or endpoint.endswith(".static") or endpoint in CACHEABLE
    )


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\0" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _refuse_nul_characters() -> None:
    """No one types a NUL character, and PostgreSQL cannot store one in text: a request
    carrying one (in a query, a form, a file name or JSON) is refused as malformed before
    any view reads it, instead of failing at the database."""
    fields = [*request.args.items(multi=True)]
    if request.method in {"POST", "PUT", "PATCH"}:
        fields += request.form.items(multi=True)
        fields += [(name, file.filename or "") for name, file in request.files.items(multi=True)]
        if request.is_json:
            fields.append(("", request.get_json(silent=True)))
    if any(_holds_nul(name) or _holds_nul(value) for name, value in fields):
        abort(400)


SIGNED_TOKEN_REUSED_FOR = 60  # seconds
KEPT_SIGNED_TOKENS = 4096


def _reuse_signed_csrf_token() -> None:
    """A session's CSRF token as signed for its last page, if that was in the last
    minute. Flask-WTF signs the session's token afresh for every page (a timed HMAC:
    a twentieth of a lesson page). The signature carries its time: with a
    ``WTF_CSRF_TIME_LIMIT`` (the platform sets none) a reused token expires at most a
    minute sooner. Set where Flask-WTF keeps a request's signed token, so forms and
    ``csrf_token()`` use it."""
    if request.method != "GET" or _cacheable(request.endpoint):
        return
    raw = session.get("csrf_token")
    if raw is None:
        return
    kept: dict = current_app.extensions.setdefault("elearn.signed_csrf", {})
    now = time.monotonic()
    signed = kept.get(raw)
    if signed is not None and now - signed[1] < SIGNED_TOKEN_REUSED_FOR:
        g.csrf_token = signed[0]
        return
    keep(kept, raw, (generate_csrf(), now), KEPT_SIGNED_TOKENS)


def init_app(app: Flask) -> None:
    app.before_request(_refuse_nul_characters)
    app.before_request(_reuse_signed_csrf_token)
    app.after_request(_set_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    if app.config["ENV"] == "production":
        app.after_request(_hsts)


def _hsts(response: Response) -> Response:
    response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response
