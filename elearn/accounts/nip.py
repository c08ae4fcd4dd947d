"""NIP (Nomor Induk Pegawai) of a PNS: 18 digits (Perka BKN 22/2007).

Layout: birth date YYYYMMDD, CPNS appointment (TMT) YYYYMM, sex digit (1 male,
2 female), a 3-digit serial. Example: ``19860926 201505 1 001``.
"""

from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

MIN_AGE_AT_APPOINTMENT = 18


class NipError(ValueError):
    """A NIP that breaks one rule; the message says which, for the person typing it."""


def normalise_nip(text: str) -> str:
    """Drop the spaces, dots and dashes people type between the parts."""
    return re.sub(r"[\s.\-]", "", text or "")


def validate_nip(text: str, today: date | None = None) -> str:
    """Return the normalised NIP or raise ``NipError`` explaining the first problem."""
    today = today or date.today()
    nip = normalise_nip(text)
    if not nip.isdigit() or not nip.isascii():
        raise NipError(_l("A NIP contains digits only."))
    if len(nip) != 18:
        raise NipError(_l("A NIP has 18 digits; this one has %(count)d.", count=len(nip)))
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError(
            _l(
                "Digits 1-8 of a NIP are the birth date (YYYYMMDD); %(part)s is not a real date.",
                part=nip[0:8],
            )
        ) from None
    if birth.year < 1900 or birth > today:
        raise NipError(
            _l("The birth date in digits 1-8 (%(part)s) is not plausible.", part=nip[0:8])
        )
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        raise NipError(
            _l(
                "Digits 9-14 of a NIP are the appointment month (YYYYMM); "
                "month %(month)s does not exist.",
                month=nip[12:14],
            )
        )
    if (year, month) > (today.year, today.month):
        raise NipError(
            _l("The appointment month in digits 9-14 (%(part)s) is in the future.", part=nip[8:14])
        )
    if year - birth.year < MIN_AGE_AT_APPOINTMENT:
        raise NipError(
            lazy_ngettext(
                "The appointment month (%(appointed)s) is less than %(num)d year after the "
                "birth date (%(born)s).",
                "The appointment month (%(appointed)s) is less than %(num)d years after the "
                "birth date (%(born)s).",
                MIN_AGE_AT_APPOINTMENT,
                appointed=nip[8:14],
                born=nip[0:8],
            )
        )
    if nip[14] not in "12":
        raise NipError(
            _l(
                "Digit 15 of a NIP is the sex: 1 (male) or 2 (female), not %(digit)s.",
                digit=nip[14],
            )
        )
    if nip[15:18] == "000":
        raise NipError(_l("The serial number in digits 16-18 cannot be 000."))
    return nip


def masked_nip(nip: str | None) -> str:
    """A NIP as a public page shows it: its first eight digits (the birth date a
    verifier matches with the person in front of them) and its last two, the rest
    hidden (``19900315********01``), so a verification page cannot be harvested."""
    if not nip:
        return ""
    return nip[:8] + "*" * max(len(nip) - 10, 0) + nip[-2:]
