"""Verification codes: ``XXXX-XXXX-XXXX``, 60 random bits, easy to read aloud and type."""

from __future__ import annotations

import secrets

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to confuse


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return normalise_code(raw)


def normalise_code(text: str) -> str:
    """A code as typed (lower case, spaces, no dashes) in its printed form."""
    raw = "".join(ch for ch in (text or "").upper() if ch in CODE_ALPHABET)
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))
