"""Limits on how often one address may use a route (password-reset requests).

Flask-Limiter checked every request the app served, before its view, for the sake of
the one route that has a limit: about a twentieth of a signed-in hello-world's time.
The ``limits`` library it is built on is used here directly, only by the routes that
ask. Counts live in Redis when it is configured (shared by every app process), in the
process otherwise.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, current_app, request
from limits import parse, storage, strategies
from werkzeug.exceptions import TooManyRequests

NAMESPACE = "elearn:limit"


def init_app(app: Flask) -> None:
    counts = storage.storage_from_string(app.config["REDIS_URL"] or "memory://")
    app.extensions["elearn.ratelimit"] = strategies.FixedWindowRateLimiter(counts)


def per_address(setting: str, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """Refuse a request with 429 (and when to try again) once the request's address has
    made as many as the setting allows (``"50 per 15 minutes"``) in the window."""
    return _limited(setting, methods, lambda: request.remote_addr or "unknown")


def per_user(setting: str, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """As ``per_address``, counted per signed-in person: for routes a whole office uses
    from one address at once (checking in at a seminar over the venue's Wi-Fi)."""
    from flask_login import current_user

    return _limited(setting, methods, lambda: f"user:{current_user.get_id()}")


def _limited(setting: str, methods: tuple[str, ...], who: Callable[[], str]) -> Callable:

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def limited(*args: Any, **kwargs: Any) -> Any:
            if request.method in methods:
                limiter = current_app.extensions["elearn.ratelimit"]
                limit = parse(current_app.config[setting])
                keys = (NAMESPACE, request.endpoint or "", who())
                if not limiter.hit(limit, *keys):
                    reset_at, _remaining = limiter.get_window_stats(limit, *keys)
                    raise TooManyRequests(retry_after=max(1, int(reset_at - time.time())))
            return view(*args, **kwargs)

        return limited

    return decorate
