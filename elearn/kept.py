"""What a process keeps between requests (built URLs, rendered markup, verified
cookies, listed pages): plain dicts bounded by a number of entries."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar

T = TypeVar("T")


def keep(store: dict, key: Hashable, value: T, limit: int) -> T:
    """Put ``value`` in ``store`` under ``key`` and return it; a full store is emptied
    first (what is kept is cheap to make again, and emptying needs no bookkeeping)."""
    if len(store) >= limit:
        store.clear()
    store[key] = value
    return value
