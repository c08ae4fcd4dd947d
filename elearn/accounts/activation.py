"""Activation codes: how an ASN without e-mail gets in. An admin prints a slip with a
one-time code; the ASN types their NIP, the code and a new password at ``/activate``.

A code is 12 letters and digits (about 60 bits) from an alphabet without look-alikes
(no 0, O, 1, I or L); only its HMAC under the app's secret key is stored, so a copy of the
database does not hold usable codes. A code expires (``ACTIVATION_CODE_DAYS``), works
once, and a new code for the same person replaces the unused ones.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from elearn.accounts.nip import normalise_nip
from elearn.accounts.passwords import hash_password
from elearn.models import ActivationCode, User
from elearn.models.types import utcnow

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12


def new_code() -> str:
    """``K7QX-9MPA-3RTD``: grouped for reading aloud and typing on a phone."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalise_code(text: str) -> str:
    """What was typed, without spaces, dashes or case."""
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())


def _digest(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


def code_expiry() -> datetime:
    """When a code issued now stops working."""
    return utcnow() + timedelta(days=current_app.config["ACTIVATION_CODE_DAYS"])


def issue_codes(
    session: Session, issuer: User, people: list[User], expires: datetime
) -> list[tuple[User, str]]:
    """A fresh code for each person, replacing their unused ones (the caller commits and
    prints the codes: they are not kept)."""
    ids = [person.id for person in people]
    if ids:
        session.execute(
            sa.delete(ActivationCode).where(
                ActivationCode.user_id.in_(ids), ActivationCode.used_at.is_(None)
            )
        )
    issued = []
    for person in people:
        code = new_code()
        session.add(
            ActivationCode(
                user_id=person.id, digest=_digest(code), created_by_id=issuer.id, expires_at=expires
            )
        )
        issued.append((person, code))
    return issued


def activate(session: Session, nip: str, code: str, password: str) -> User | None:
    """Set the password of the person with ``nip`` if ``code`` is theirs, unused and not
    expired; the code is spent and their other sessions end. None otherwise (the caller
    says only that NIP and code do not match)."""
    user = session.scalar(sa.select(User).where(User.nip == normalise_nip(nip)))
    if user is None or not user.active:
        return None
    row = session.scalar(
        sa.select(ActivationCode).where(
            ActivationCode.user_id == user.id,
            ActivationCode.digest == _digest(code),
            ActivationCode.used_at.is_(None),
            ActivationCode.expires_at > utcnow(),
        )
    )
    if row is None:
        return None
    row.used_at = utcnow()
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.rotate_session_token()
    return user
