"""Response headers that every page carries: a strict Content-Security-Policy (no
``unsafe-inline``: the few inline scripts carry a per-request nonce), no sniffing, no
framing, no referrer leaks."""

from __future__ import annotations

import secrets

from flask import Flask, Response, abort, g, request


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


def init_app(app: Flask) -> None:
    app.before_request(_refuse_nul_characters)
    app.after_request(_set_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    if app.config["ENV"] == "production":
        app.after_request(_hsts)


def _hsts(response: Response) -> Response:
    response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response
