"""Account services: NIP rules, password hashing, finding and creating users.

Views, the CLI and (later) the CSV import all go through these functions, so the rules
for an account live in one place.
"""

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
