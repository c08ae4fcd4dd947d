"""Reviewing what an ASN submitted (training done elsewhere, workplace learning): each
entry is reviewed once, and its review says who decided what, when and why."""

from __future__ import annotations

from typing import Any

from elearn.models import User
from elearn.models.types import utcnow


class AlreadyReviewed(Exception):
    """The entry was reviewed already (by another reviewer, or in another window)."""


def close_review(entry: Any, reviewer: User, status: str, note: str) -> None:
    """Record the decision on a pending entry, or refuse a second one."""
    if entry.status != "pending":
        raise AlreadyReviewed(entry.status)
    entry.status = status
    entry.review_note = note
    entry.reviewer_id = reviewer.id
    entry.reviewed_at = utcnow()
