"""Idea meetings (forum inovasi): an event of its own kind whose agenda is built from the
board's ideas of the organising agencies, where each idea gets a decision that moves its
stage, and whose minutes participants read afterwards. A meeting repeats monthly on the
same weekday of the month (the first Monday, say)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from elearn.ideas.board import move_stage, on_team
from elearn.kegiatan.schedule import local
from elearn.models import (
    EventSession,
    EventSpeaker,
    Idea,
    MeetingAgendaItem,
    TrainingEvent,
    User,
)
from elearn.models.types import aware, utcnow

MEETING = "forum_inovasi"
OPEN_STAGES = ("diajukan", "dibahas", "uji_coba")
MAX_REPEATS = 12


def runs_meeting(session: Session, user: User, event: TrainingEvent, manages: bool) -> bool:
    """Who runs an idea meeting: whoever manages the event (``manages``), and the
    innovation teams of its organising agencies."""
    return manages or any(on_team(session, user, agency.id) for agency in event.organisers)


def agenda_of(session: Session, event_id: int) -> list[MeetingAgendaItem]:
    return list(
        session.scalars(
            sa.select(MeetingAgendaItem)
            .options(joinedload(MeetingAgendaItem.idea).joinedload(Idea.agency))
            .where(MeetingAgendaItem.event_id == event_id)
            .order_by(MeetingAgendaItem.position, MeetingAgendaItem.id)
        )
    )


def candidates(session: Session, event: TrainingEvent) -> list[Idea]:
    """Ideas still open on the board, of the meeting's organising agencies, not yet on
    its agenda; the most supported first."""
    on_agenda = sa.select(MeetingAgendaItem.idea_id).where(MeetingAgendaItem.event_id == event.id)
    return list(
        session.scalars(
            sa.select(Idea)
            .where(
                Idea.agency_id.in_([agency.id for agency in event.organisers]),
                Idea.stage.in_(OPEN_STAGES),
                Idea.id.not_in(on_agenda),
                Idea.hidden_at.is_(None),
            )
            .order_by(Idea.supporters.desc(), Idea.id)
            .limit(100)
        )
    )


def add_to_agenda(session: Session, event: TrainingEvent, idea: Idea) -> MeetingAgendaItem:
    last = session.scalar(
        sa.select(sa.func.max(MeetingAgendaItem.position)).where(
            MeetingAgendaItem.event_id == event.id
        )
    )
    item = MeetingAgendaItem(event_id=event.id, idea_id=idea.id, position=(last or 0) + 1)
    session.add(item)
    session.flush()
    return item


def decide(session: Session, item: MeetingAgendaItem, by: User, stage: str, note: str) -> None:
    """The meeting's decision: the idea moves (its history and notices as on the board)."""
    move_stage(session, item.idea, by, stage, note)
    item.decided_stage, item.decision_note = stage, note
    item.decided_at, item.decided_by_id = utcnow(), by.id


def same_weekday_of_month(day: date, months_ahead: int) -> date:
    """The day ``months_ahead`` months on that falls on the same weekday in the same
    week of its month (the second Tuesday stays a second Tuesday; a fifth becomes the
    month's last)."""
    week = (day.day - 1) // 7
    year, month = divmod(day.month - 1 + months_ahead, 12)
    year, month = day.year + year, month + 1
    first = date(year, month, 1)
    offset = (day.weekday() - first.weekday()) % 7
    candidate = first + timedelta(days=offset + 7 * week)
    last_day = calendar.monthrange(year, month)[1]
    while candidate.day > last_day or candidate.month != month:
        candidate -= timedelta(days=7)
    return candidate


def repeat_monthly(session: Session, event: TrainingEvent, months: int) -> list[TrainingEvent]:
    """Published copies of the meeting for the next ``months`` months, each on the same
    weekday of its month, with the same times, places and deadlines relative to it."""
    first = min(event.sessions, key=lambda s: aware(s.starts_at))
    local_first = local(first.starts_at, first.time_zone)  # the weekday at the venue
    made = []
    for ahead in range(1, min(months, MAX_REPEATS) + 1):
        target = same_weekday_of_month(local_first.date(), ahead)
        shift = datetime.combine(target, local_first.time(), local_first.tzinfo) - local_first
        copy = TrainingEvent(
            **{
                column: getattr(event, column)
                for column in (
                    "kind",
                    "title",
                    "description",
                    "institution",
                    "competency",
                    "competency_code",
                    "jp_claimed",
                    "capacity",
                    "open_to_all",
                    "audience_positions",
                    "needs_supervisor",
                    "evaluation_required",
                    "time_zone",
                    "attendance_percent",
                    "created_by_id",
                )
            },  # fmt: skip
            registration_closes_at=aware(event.registration_closes_at) + shift,
            cancel_until=aware(event.cancel_until) + shift,
            state="published",
            published_at=utcnow(),
            organisers=list(event.organisers),
            audience=list(event.audience),
            speakers=[
                EventSpeaker(
                    position=s.position, name=s.name, institution=s.institution, bio=s.bio
                )  # fmt: skip
                for s in event.speakers
            ],
            sessions=[
                EventSession(
                    title=s.title,
                    starts_at=aware(s.starts_at) + shift,
                    ends_at=aware(s.ends_at) + shift,
                    time_zone=s.time_zone,
                    place=s.place,
                    online_url=s.online_url,
                )
                for s in event.sessions
            ],
        )
        copy.starts_at = min(s.starts_at for s in copy.sessions)
        session.add(copy)
        made.append(copy)
    session.flush()
    return made
