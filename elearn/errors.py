"""Error pages: every refusal is a page in the user's language, never a stack trace."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

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


def _render(status: int, detail: str | None = None):
    title, message = MESSAGES.get(status, MESSAGES[500])
    return render_template(
        "errors/error.html", status=status, title=title, message=detail or message
    ), status


def _http_error(error: HTTPException):
    return _render(error.code or 500)


def _csrf_error(_error: CSRFError):
    return _render(
        400,
        str(
            _l(
                "The form has expired or was not sent from this site. Reload the page "
                "and try again."
            )
        ),
    )


def _server_error(_error: Exception):
    return _render(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    for status in (400, 403, 404, 405, 413, 429):
        app.register_error_handler(status, _http_error)
    app.register_error_handler(500, _server_error)
