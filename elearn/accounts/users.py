"""Finding and creating user accounts."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.accounts.nip import normalise_nip, validate_nip
from elearn.accounts.passwords import hash_password
from elearn.models import Agency, User


def find_by_identifier(session: Session, identifier: str) -> User | None:
    """The account signed in as ``identifier``: a NIP (spaces allowed) or an e-mail."""
    identifier = (identifier or "").strip()
    if "@" in identifier:
        return session.scalar(
            sa.select(User).where(sa.func.lower(User.email) == identifier.lower())
        )
    nip = normalise_nip(identifier)
    if not nip:
        return None
    return session.scalar(sa.select(User).where(User.nip == nip))


def create_user(
    session: Session,
    *,
    full_name: str,
    password: str,
    nip: str | None = None,
    email: str | None = None,
    roles: list[str] | tuple[str, ...] = ("learner",),
    agency: Agency | None = None,
    position: str | None = None,
) -> User:
    """Add a user (not committed). The NIP is validated; e-mail is stored lower-case."""
    if not nip and not email:
        raise ValueError("a user needs a NIP or an e-mail address")
    user = User(
        full_name=full_name,
        nip=validate_nip(nip) if nip else None,
        email=email.strip().lower() if email else None,
        password_hash=hash_password(password),
        agency=agency,
        position=position,
    )
    user.set_roles(list(roles))
    session.add(user)
    return user
