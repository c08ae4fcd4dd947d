"""Events as iCalendar (RFC 5545), built with the ``icalendar`` library: one event's
sessions as a file to add to a calendar (and attached to its e-mails), and a person's
secret feed of every event they registered for."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

import icalendar
import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session, selectinload

from elearn.kegiatan.registration import ACTIVE
from elearn.links import absolute_url
from elearn.models import CalendarFeed, EventRegistration, Notification, TrainingEvent
from elearn.models.types import aware, utcnow
from elearn.notifications import ATTACHMENTS

ICS_TYPE = "text/calendar; charset=utf-8"


def calendar_of(
    events: Iterable[TrainingEvent], name: str, linked: set[int] | frozenset = frozenset()
) -> bytes:
    """The sessions of ``events``; an online session's link only for the events in
    ``linked`` (those where the reader holds a seat, or organises)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//elearn//kegiatan//ID")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    host = current_app.config["BASE_URL"].split("//", 1)[-1].split("/", 1)[0] or "elearn"
    stamp = utcnow()
    for event in events:
        page = absolute_url("kegiatan.event", event_id=event.id)
        for number, sitting in enumerate(event.sessions, start=1):
            entry = icalendar.Event()
            entry.add("uid", f"kegiatan-{event.id}-sesi-{sitting.id}@{host}")
            entry.add("dtstamp", stamp)
            entry.add("dtstart", aware(sitting.starts_at))
            entry.add("dtend", aware(sitting.ends_at))
            title = event.title if len(event.sessions) == 1 else f"{event.title} ({number})"
            entry.add("summary", f"{title}: {sitting.title}" if sitting.title else title)
            link = sitting.online_url if event.id in linked else ""
            where = ", ".join(part for part in (sitting.place, link) if part)
            if where:
                entry.add("location", where)
            entry.add("url", page)
            entry.add("description", page)
            entry.add("status", "CANCELLED" if event.state == "cancelled" else "CONFIRMED")
            calendar.add_component(entry)
    return calendar.to_ical()


def event_file(event: TrainingEvent, with_links: bool) -> bytes:
    return calendar_of([event], event.title, {event.id} if with_links else frozenset())


def feed_token(session: Session, user_id: int, renew: bool = False) -> str:
    """The person's feed token, made on first use; ``renew`` revokes the old address."""
    feed = session.get(CalendarFeed, user_id)
    if feed is None:
        feed = CalendarFeed(user_id=user_id, token=secrets.token_urlsafe(32))
        session.add(feed)
    elif renew:
        feed.token, feed.created_at = secrets.token_urlsafe(32), utcnow()
    session.flush()
    return feed.token


def feed_of(session: Session, token: str) -> bytes | None:
    """The calendar behind a feed token, or None for a token that is not (or no longer)
    anyone's."""
    user_id = session.scalar(sa.select(CalendarFeed.user_id).where(CalendarFeed.token == token))
    if user_id is None:
        return None
    rows = session.execute(
        sa.select(TrainingEvent, EventRegistration.status)
        .join(EventRegistration, EventRegistration.event_id == TrainingEvent.id)
        .where(
            EventRegistration.user_id == user_id,
            EventRegistration.status.in_(ACTIVE),
            TrainingEvent.state != "draft",
        )
        .options(selectinload(TrainingEvent.sessions))
        .order_by(TrainingEvent.starts_at)
    ).all()
    seats = {event.id for event, status in rows if status == "registered"}
    return calendar_of([event for event, _status in rows], "elearn", seats)


def _attachment(session: Session, notice: Notification) -> tuple[str, bytes, str] | None:
    """The event's .ics for a notice that names it (a seat, a reminder, a change), with
    the online link when its reader holds a seat."""
    if "event_id" not in notice.params:
        return None
    event = session.get(TrainingEvent, notice.params["event_id"])
    if event is None or not event.sessions:
        return None
    seat = session.scalar(
        sa.select(EventRegistration.id).where(
            EventRegistration.event_id == event.id,
            EventRegistration.user_id == notice.user_id,
            EventRegistration.status == "registered",
        )
    )
    return (f"kegiatan-{event.id}.ics", event_file(event, seat is not None), ICS_TYPE)


ATTACHMENTS["event"] = _attachment
