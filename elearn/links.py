"""Absolute links (reset links, certificate QR codes and verification pages, e-mails)
are built from the configured ``BASE_URL``, never from the request's ``Host`` header:
a forged ``Host`` would otherwise put the attacker's address into a reset mail or onto
an official certificate. Where a form says where to go next, only a path of this site
is followed (``safe_next``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app


def absolute_url(endpoint: str, **values: Any) -> str:
    """``BASE_URL`` followed by the path of ``endpoint``; works outside a request too."""
    base = current_app.config["BASE_URL"].rstrip("/")
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return base + path


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None: never an open redirect."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return None
