"""Absolute links (reset links, certificate QR codes and verification pages, e-mails)
are built from the configured ``BASE_URL``, never from the request's ``Host`` header:
a forged ``Host`` would otherwise put the attacker's address into a reset mail or onto
an official certificate."""

from __future__ import annotations

from typing import Any

from flask import current_app


def absolute_url(endpoint: str, **values: Any) -> str:
    """``BASE_URL`` followed by the path of ``endpoint``; works outside a request too."""
    base = current_app.config["BASE_URL"].rstrip("/")
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return base + path
