"""Attendance that cannot be faked from home: a check-in code that rotates every
``STEP`` seconds, derived from the session's secret as TOTP is (RFC 6238, with
HMAC-SHA256), so a photo of the projector sent to a colleague stops working within a
minute. The organiser can also mark someone present on the roster, with a reason."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.kegiatan.completion import settle
from elearn.models import EventAttendance, EventRegistration, EventSession, User
from elearn.models.types import utcnow

STEP = 30  # seconds a code is shown
DIGITS = 6
GRACE_STEPS = 1  # the code just replaced still works: the time to type it on a phone


def code_at(secret: str, moment: datetime) -> str:
    return _code(secret, int(moment.timestamp()) // STEP)


def _code(secret: str, counter: int) -> str:
    digest = hmac.new(bytes.fromhex(secret), counter.to_bytes(8, "big"), hashlib.sha256).digest()
    offset = digest[-1] & 0x0F
    value = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{value % 10**DIGITS:0{DIGITS}d}"


def code_matches(secret: str, code: str, moment: datetime) -> bool:
    counter = int(moment.timestamp()) // STEP
    given = "".join(code.split())
    return any(
        hmac.compare_digest(_code(secret, counter - back), given) for back in range(GRACE_STEPS + 1)
    )


def seconds_left(moment: datetime) -> int:
    """Until the code shown at ``moment`` is replaced."""
    return STEP - int(moment.timestamp()) % STEP


class CheckinRefused(Exception):
    """``str()`` names why: 'closed', 'not-registered', 'wrong-code'."""


def registered(session: Session, event_id: int, user_id: int) -> EventRegistration | None:
    return session.scalar(
        sa.select(EventRegistration).where(
            EventRegistration.event_id == event_id,
            EventRegistration.user_id == user_id,
            EventRegistration.status == "registered",
        )
    )


def check_in(session: Session, sitting: EventSession, user: User, code: str) -> bool:
    """Record ``user`` present with the code they typed or scanned (the caller commits);
    False when they were recorded already."""
    if not sitting.checkin_open:
        raise CheckinRefused("closed")
    registration = registered(session, sitting.event_id, user.id)
    if registration is None:
        raise CheckinRefused("not-registered")
    if not code_matches(sitting.checkin_secret, code, utcnow()):
        raise CheckinRefused("wrong-code")
    return record_presence(session, sitting, registration, method="code")


def mark_present(
    session: Session,
    sitting: EventSession,
    registration: EventRegistration,
    marker: User,
    reason: str,
) -> bool:
    """The organiser marks a registered participant present (no phone, say)."""
    return record_presence(session, sitting, registration, "roster", marker.id, reason)


def record_presence(
    session: Session,
    sitting: EventSession,
    registration: EventRegistration,
    method: str,
    marker_id: int | None = None,
    reason: str = "",
) -> bool:
    present = EventAttendance(
        session_id=sitting.id,
        user_id=registration.user_id,
        method=method,
        marked_by_id=marker_id,
        reason=reason,
    )
    try:
        with session.begin_nested():  # a second scan of the same code, at the same time
            session.add(present)
    except sa.exc.IntegrityError:
        return False
    settle(session, sitting.event, registration)
    return True
