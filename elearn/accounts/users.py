"""Finding, creating and changing user accounts, and the rules an account keeps: one
account per e-mail address (stored lower-case), a supervisor who exists and is someone
else, at least one role, and a deactivated account signed out everywhere. The admin
pages and the account import both write accounts through ``apply_account``."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.accounts.nip import normalise_nip, validate_nip
from elearn.accounts.passwords import hash_password
from elearn.models import Agency, User
from elearn.models.accounts import new_session_token


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


def normal_email(text: str | None) -> str | None:
    """An e-mail address as accounts store it: trimmed, lower-case, or None."""
    return (text or "").strip().lower() or None


def account_problems(
    session: Session, user: User, *, email: str | None, supervisor_nip: str, roles: list[str]
) -> list[tuple[str, str]]:
    """What keeps these details from being ``user``'s, as ``(field, message)``."""
    problems = []
    email = normal_email(email)
    someone_else = User.id != user.id if user.id else sa.true()
    if email and session.scalar(sa.select(User.id).where(User.email == email, someone_else)):
        problems.append(("email", _l("Another account has this e-mail address.")))
    nip = normalise_nip(supervisor_nip or "")
    if nip:
        found = session.scalar(sa.select(User.id).where(User.nip == nip))
        if found is None:
            problems.append(("supervisor_nip", _l("No account has this NIP.")))
        elif found == user.id:
            problems.append(("supervisor_nip", _l("A person cannot be their own supervisor.")))
    if not roles:
        problems.append(("roles", _l("Give at least one role.")))
    return problems


@dataclass
class AccountDetails:
    """What an admin or an import row says of a person (None: leave as it is)."""

    full_name: str
    email: str | None
    agency_id: int | None
    position: str | None
    siasn_id: str | None
    supervisor_id: int | None
    roles: list[str] | None = None
    active: bool | None = None


def apply_account(user: User, details: AccountDetails) -> None:
    """Write ``details`` to ``user`` (not committed); deactivating an account rotates its
    session token, so every browser signed in as it is signed out."""
    user.full_name = details.full_name.strip()
    user.email = normal_email(details.email)
    user.agency_id = details.agency_id or None
    user.position = (details.position or "").strip() or None
    user.siasn_id = (details.siasn_id or "").strip() or None
    user.supervisor_id = details.supervisor_id
    if details.roles is not None:
        user.set_roles(details.roles)
    if details.active is not None:
        if user.active and not details.active:
            user.session_token = new_session_token()
        user.active = details.active
