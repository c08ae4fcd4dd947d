"""Kept for plugins written against API 1.0, which imported the access decorators from
here. They live in :mod:`elearn.permissions`, and plugins take them from
``elearn.plugin_api``; a plugin that still uses these is told so (they are functions
of this module, so the host can see where a plugin took them from). This module goes
away with API 2.0."""

from __future__ import annotations

from typing import Any

from elearn import permissions


def public(view: Any) -> Any:
    """Anyone, signed in or not (deprecated here: use ``elearn.plugin_api.public``)."""
    return permissions.public(view)


def signed_in(view: Any) -> Any:
    """Any signed-in user (deprecated here: use ``elearn.plugin_api.signed_in``)."""
    return permissions.signed_in(view)


def roles_required(*roles: str) -> Any:
    """Users holding one of ``roles`` (deprecated here: use
    ``elearn.plugin_api.roles_required``)."""
    return permissions.roles_required(*roles)
