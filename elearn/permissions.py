"""Who may reach a view. Every view declares it with one of these decorators; a test
walks ``app.url_map`` and fails on a route that declares nothing."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from elearn.errors import signed_out_json, wants_json
from elearn.extensions import login_manager
from elearn.models import ROLES

View = TypeVar("View", bound=Callable[..., Any])
PUBLIC = "public"
SIGNED_IN = "signed_in"


def public(view: View) -> View:
    """Anyone, signed in or not."""
    view.elearn_access = frozenset({PUBLIC})  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    """Any signed-in user, whatever their roles."""
    return _guard(view, frozenset({SIGNED_IN}))


def roles_required(*roles: str) -> Callable[[View], View]:
    """Users holding at least one of ``roles``; others get a 403 page."""
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise ValueError(f"unknown roles: {sorted(unknown)}")
    return lambda view: _guard(view, frozenset(roles))


def _guard(view: View, access: frozenset[str]) -> View:
    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return signed_out_json() if wants_json() else login_manager.unauthorized()
        if SIGNED_IN not in access and not current_user.has_role(*access):
            abort(403)
        return view(*args, **kwargs)

    guarded.elearn_access = access  # type: ignore[attr-defined]
    return guarded  # type: ignore[return-value]
