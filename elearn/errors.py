"""Error pages: every refusal is a page in the user's language, never a stack trace."""

from __future__ import annotations

from flask import Flask, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood.")),
    403: (_l("Access denied"), _l("Your account does not have permission to open this page.")),
    404: (_l("Page not found"), _l("The page you are looking for does not exist or has moved.")),
    405: (_l("Method not allowed"), _l("This page cannot be used that way.")),
    413: (
        _l("The file is too large"),
        _l("The upload is larger than this platform accepts. Send a smaller file."),
    ),
    429: (
        _l("Too many attempts"),
        _l("There were too many attempts in a short time. Wait a few minutes and try again."),
    ),
    500: (_l("Something went wrong"), _l("The error has been recorded. Please try again later.")),
}


def _render(status: int, detail: str | None = None, back: str | None = None):
    title, message = MESSAGES.get(status, MESSAGES[500])
    return render_template(
        "errors/error.html", status=status, title=title, message=detail or message, back=back
    ), status


def _http_error(error: HTTPException):
    status = error.code or 500
    retry = getattr(error, "retry_after", None)  # a 429 says when to try again
    headers = {"Retry-After": str(retry)} if retry else {}
    if wants_json():  # a page's script shows the message; it cannot read a page
        title, message = MESSAGES.get(status, MESSAGES[500])
        return jsonify(error=status, message=str(message)), status, headers
    return (*_render(status), headers)


SIGNED_OUT = _l("You are signed out. Sign in again; your answers are kept.")
PAGE_OUT_OF_DATE = _l(
    "This page was opened in an earlier session. Go back to it: the answers it kept are "
    "put back; check them and send them again."
)
# Pages whose form survives a session that ended: the learner signs in and comes back.
RESUMABLE = {"learn.attempt"}


def wants_json() -> bool:
    """Whether the request came from a page's script, which reads JSON answers."""
    return "application/json" in request.headers.get("Accept", "")


def signed_out_json():
    """The answer a script gets once the session has ended: sign in, then go on."""
    return jsonify(error="signed-out", message=str(SIGNED_OUT), login=url_for("auth.login")), 401


def _csrf_error(_error: CSRFError):
    """A form or a script whose session ended, or changed, is told so; a quiz page sends
    its learner to sign in and back, where the answers the page kept are put back."""
    if wants_json():
        if not current_user.is_authenticated:
            return signed_out_json()
        return jsonify(error="csrf", message=str(PAGE_OUT_OF_DATE)), 400
    if request.method == "POST" and request.endpoint in RESUMABLE:
        if not current_user.is_authenticated:
            flash(str(SIGNED_OUT), "info")
            return redirect(url_for("auth.login", next=request.path))
        return _render(400, str(PAGE_OUT_OF_DATE), back=request.path)
    return _render(
        400,
        str(
            _l(
                "The form has expired or was not sent from this site. Reload the page "
                "and try again."
            )
        ),
    )


def _untrusted_host(_error: SecurityError):
    """A request naming a host the platform does not answer to: no page (its links
    could not be built for that host), only the refusal."""
    return "Bad request: unknown host.", 400, {"Content-Type": "text/plain; charset=utf-8"}


def _server_error(_error: Exception):
    return _render(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(SecurityError, _untrusted_host)
    app.register_error_handler(CSRFError, _csrf_error)
    for status in (400, 403, 404, 405, 413, 429):
        app.register_error_handler(status, _http_error)
    app.register_error_handler(500, _server_error)
