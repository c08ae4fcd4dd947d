"""Times of an event as the venue keeps them: WIB, WITA or WIT, stored in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask_babel import format_datetime, format_time

from elearn.models.types import aware

ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def moment(day: date, at: time, zone: str) -> datetime:
    """A wall-clock time at the venue, in UTC as the platform stores it."""
    return datetime.combine(day, at, ZoneInfo(zone)).astimezone(UTC)


def local(moment_: datetime, zone: str) -> datetime:
    return aware(moment_).astimezone(ZoneInfo(zone))


def session_when(starts_at: datetime, ends_at: datetime, zone: str) -> str:
    """'Senin, 7 Desember 2026, 09.00–12.00 WIB' in the page's language."""
    start, end = local(starts_at, zone), local(ends_at, zone)
    label = ZONE_NAMES.get(zone, zone)
    first = format_datetime(start, "EEEE, d MMMM y, HH.mm", rebase=False)
    if start.date() == end.date():
        return f"{first}–{format_time(end, 'HH.mm', rebase=False)} {label}"
    return f"{first} – {format_datetime(end, 'EEEE, d MMMM y, HH.mm', rebase=False)} {label}"


def moment_text(moment_: datetime, zone: str) -> str:
    """'7 Desember 2026, 23.59 WIB' in the page's language."""
    shown = format_datetime(local(moment_, zone), "d MMMM y, HH.mm", rebase=False)
    return f"{shown} {ZONE_NAMES.get(zone, zone)}"
