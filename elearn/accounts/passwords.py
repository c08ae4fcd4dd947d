"""Password hashing with Argon2id (argon2-cffi), a deliberately slow, memory-hard hash."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

MIN_PASSWORD_LENGTH = 10

_production_hasher = PasswordHasher()
# Under test the same algorithm runs with small costs so the suite stays quick.
_test_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def _hasher() -> PasswordHasher:
    return _test_hasher if current_app.config.get("TESTING") else _production_hasher


def hash_password(password: str) -> str:
    return _hasher().hash(password)


_dummy: dict[int, str] = {}


def dummy_hash() -> str:
    """A hash to check a password against when there is no account (or it is
    inactive): a failed sign-in then costs the same time whether or not the NIP exists,
    so timing does not tell which NIPs have accounts."""
    hasher = _hasher()
    if id(hasher) not in _dummy:
        _dummy[id(hasher)] = hasher.hash("no account has this password")
    return _dummy[id(hasher)]


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """Why a new password is refused, or None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return str(
            lazy_ngettext(
                "A password needs at least %(num)d character.",
                "A password needs at least %(num)d characters.",
                MIN_PASSWORD_LENGTH,
            )
        )
    if password.isdigit():
        return str(_l("A password cannot be digits only."))
    return None
