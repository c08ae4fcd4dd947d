"""A webinar's attendance from the attendee list its platform exports (Zoom, Google
Meet, ...): each row naming a registered participant, by NIP or e-mail, marks them
present at the session; every row gets a line in the report, and a row that matches
no one changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.accounts.bulk_import import ImportFileError, read_rows
from elearn.kegiatan.checkin import record_presence
from elearn.models import EventRegistration, EventSession, User

COLUMNS = {
    "nama": "name",
    "nama lengkap": "name",
    "name": "name",
    "name (original name)": "name",
    "nip": "nip",
    "email": "email",
    "e-mail": "email",
    "surel": "email",
    "alamat surel": "email",
    "alamat email": "email",
    "user email": "email",
    "email address": "email",
    "attendee email": "email",
}
OUTCOMES = {
    "present": _l("marked present"),
    "already": _l("present already"),
    "not-registered": _l("not registered for this event"),
    "unknown": _l("no account has this NIP or e-mail"),
    "no-id": _l("no NIP or e-mail in this row"),
}


@dataclass(frozen=True)
class ListRow:
    line: int
    who: str
    outcome: str  # a key of OUTCOMES


def read_attendees(filename: str, data: bytes) -> list[tuple[int, str, str, str]]:
    """(line, NIP, e-mail, name) of each row; ImportFileError when the file cannot serve."""
    rows = read_rows(filename, data, COLUMNS, required=())
    found = [
        (
            r.line,
            r.values.get("nip", ""),
            r.values.get("email", "").lower(),
            r.values.get("name", ""),
        )
        for r in rows
    ]
    if not any(nip or email for _line, nip, email, _name in found):
        raise ImportFileError(str(_l("The list needs a column NIP or Email (Surel).")))
    return found


def mark_from_list(
    session: Session, sitting: EventSession, rows: list[tuple[int, str, str, str]]
) -> list[ListRow]:
    """Mark the listed participants present (the caller commits); a line each."""
    nips = {nip for _line, nip, _email, _name in rows if nip}
    emails = {email for _line, _nip, email, _name in rows if email}
    people = session.execute(
        sa.select(User.id, User.nip, sa.func.lower(User.email)).where(
            sa.or_(User.nip.in_(nips), sa.func.lower(User.email).in_(emails))
        )
    ).all()
    by_nip = {nip: user_id for user_id, nip, _email in people if nip}
    by_email = {email: user_id for user_id, _nip, email in people if email}
    registrations = {
        r.user_id: r
        for r in session.scalars(
            sa.select(EventRegistration).where(
                EventRegistration.event_id == sitting.event_id,
                EventRegistration.status == "registered",
            )
        )
    }
    report = []
    for line, nip, email, name in rows:
        who = nip or email
        user_id = by_nip.get(nip) or by_email.get(email)
        if not who:
            who = name
            outcome = "no-id"
        elif user_id is None:
            outcome = "unknown"
        elif user_id not in registrations:
            outcome = "not-registered"
        elif record_presence(session, sitting, registrations[user_id], "upload"):
            outcome = "present"
        else:
            outcome = "already"
        report.append(ListRow(line, who, outcome))
    return report
