"""Account services: NIP rules, password hashing, finding and creating users
(``users.py``), the agency tree (``agencies.py``) and account imports
(``bulk_import.py``)."""

from elearn.accounts.nip import NipError, normalise_nip, validate_nip
from elearn.accounts.passwords import hash_password, password_problem, verify_password
from elearn.accounts.users import create_user, find_by_identifier

__all__ = [
    "NipError",
    "create_user",
    "find_by_identifier",
    "hash_password",
    "normalise_nip",
    "password_problem",
    "validate_nip",
    "verify_password",
]
