"""What BKPSDM and an agency's innovation team read of the idea board: ideas by agency
and stage, posted per month, how long a decision took, participation by agency, idea
meetings and their decisions, change projects on time or late, and the ideas as a table
for export. Grouped queries; the month and median arithmetic is
done on the few columns they return."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from statistics import median

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.ideas.board import STAGE_LABELS
from elearn.models import (
    Agency,
    ChangeProject,
    Idea,
    IdeaComment,
    IdeaStageChange,
    IdeaSupport,
    MeetingAgendaItem,
    ProjectMilestone,
    TrainingEvent,
    User,
)
from elearn.models.training_events import event_organisers
from elearn.models.types import LOCAL_TIME, aware, utcnow

MONTHS = 12


@dataclass
class AgencyRow:
    name: str
    stages: Counter
    days_to_decision: float | None
    posted_by_staff: int = 0
    supports_by_staff: int = 0
    comments_by_staff: int = 0

    @property
    def total(self) -> int:
        return sum(self.stages.values())


def _months() -> list[str]:
    now = utcnow().astimezone(LOCAL_TIME)
    year, month = now.year, now.month
    shown = []
    for _ in range(MONTHS):
        shown.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return shown[::-1]


def board_figures(
    session: Session, agency_ids: set[int] | None
) -> tuple[list[AgencyRow], list[tuple[str, int]]]:
    """Per agency (those in ``agency_ids``, or all): ideas by stage, the median days from
    posting to the first decision, and what its staff posted, supported and commented;
    and the ideas posted in each of the last twelve months."""
    names = dict(session.execute(sa.select(Agency.id, Agency.name)).all())
    scope = list(agency_ids) if agency_ids is not None else list(names)
    rows = {agency_id: AgencyRow(names[agency_id], Counter(), None) for agency_id in scope}
    for agency_id, stage, count in session.execute(
        sa.select(Idea.agency_id, Idea.stage, sa.func.count())
        .where(Idea.agency_id.in_(scope))
        .group_by(Idea.agency_id, Idea.stage)
    ):
        rows[agency_id].stages[stage] = count
    first_decision = (
        sa.select(IdeaStageChange.idea_id, sa.func.min(IdeaStageChange.at).label("at"))
        .group_by(IdeaStageChange.idea_id)
        .subquery()
    )
    waits: dict[int, list[float]] = {}
    for agency_id, posted, decided in session.execute(
        sa.select(Idea.agency_id, Idea.created_at, first_decision.c.at)
        .join(first_decision, first_decision.c.idea_id == Idea.id)
        .where(Idea.agency_id.in_(scope))
    ):
        days = (aware(decided) - aware(posted)).total_seconds() / 86400
        waits.setdefault(agency_id, []).append(days)
    for agency_id, days in waits.items():
        rows[agency_id].days_to_decision = round(median(days), 1)
    for column, model, person in (
        ("posted_by_staff", Idea, Idea.author_id),
        ("supports_by_staff", IdeaSupport, IdeaSupport.user_id),
        ("comments_by_staff", IdeaComment, IdeaComment.author_id),
    ):
        for agency_id, count in session.execute(
            sa.select(User.agency_id, sa.func.count())
            .select_from(model)
            .join(User, User.id == person)
            .where(User.agency_id.in_(scope))
            .group_by(User.agency_id)
        ):
            setattr(rows[agency_id], column, count)
    months = _months()
    since = datetime.fromisoformat(f"{months[0]}-01").replace(tzinfo=LOCAL_TIME)
    posted = Counter(
        moment.astimezone(LOCAL_TIME).strftime("%Y-%m")
        for moment in session.scalars(
            sa.select(Idea.created_at).where(Idea.agency_id.in_(scope), Idea.created_at >= since)
        )
    )
    shown = sorted(rows.values(), key=lambda row: (-row.total, row.name))
    return shown, [(month, posted.get(month, 0)) for month in months]


@dataclass(frozen=True)
class Activity:
    """Idea meetings held and their decisions; change projects running on time, late
    (a milestone past its date and not approved), and finished."""

    meetings: int
    decisions: int
    on_track: int
    late: int
    finished: int


def activity(session: Session, agency_ids: set[int] | None) -> Activity:
    meetings = sa.select(TrainingEvent.id).where(
        TrainingEvent.kind == "forum_inovasi", TrainingEvent.state == "published"
    )
    if agency_ids is not None:
        organised = sa.select(event_organisers.c.event_id).where(
            event_organisers.c.agency_id.in_(agency_ids)
        )
        meetings = meetings.where(TrainingEvent.id.in_(organised))
    held = session.scalar(
        sa.select(sa.func.count()).select_from(
            meetings.where(TrainingEvent.starts_at <= utcnow()).subquery()
        )
    )
    decisions = session.scalar(
        sa.select(sa.func.count()).where(
            MeetingAgendaItem.event_id.in_(meetings), MeetingAgendaItem.decided_at.is_not(None)
        )
    )
    projects = sa.select(ChangeProject.id).join(User, User.id == ChangeProject.owner_id)
    if agency_ids is not None:
        projects = projects.where(User.agency_id.in_(agency_ids))
    finished = session.scalar(
        sa.select(sa.func.count()).select_from(
            projects.where(ChangeProject.finished_at.is_not(None)).subquery()
        )
    )
    running = projects.where(ChangeProject.finished_at.is_(None))
    late = session.scalar(
        sa.select(sa.func.count(sa.distinct(ProjectMilestone.project_id))).where(
            ProjectMilestone.project_id.in_(running),
            ProjectMilestone.due_date < utcnow().astimezone(LOCAL_TIME).date(),
            ProjectMilestone.status != "disetujui",
        )
    )
    total = session.scalar(sa.select(sa.func.count()).select_from(running.subquery()))
    return Activity(held, decisions, total - late, late, finished)


IDEA_HEADER = [
    "Judul",
    "Perangkat daerah",
    "Layanan",
    "Tahap",
    "Pendukung",
    "Komentar",
    "Diajukan",
    "Sebelum",
    "Sesudah",
]


def idea_rows(session: Session, agency_ids: set[int] | None) -> list[list]:
    statement = (
        sa.select(
            Idea.title,
            Agency.name,
            Idea.service,
            Idea.stage,
            Idea.supporters,
            Idea.comments,
            Idea.created_at,
            Idea.result_before,
            Idea.result_after,
        )  # fmt: skip
        .join(Agency, Agency.id == Idea.agency_id)
        .order_by(Agency.name, Idea.created_at)
    )
    if agency_ids is not None:
        statement = statement.where(Idea.agency_id.in_(agency_ids))
    with_labels = {stage: str(label) for stage, label in STAGE_LABELS.items()}
    return [
        [
            title,
            agency,
            service,
            with_labels.get(stage, stage),
            supporters,
            comments,
            aware(created).astimezone(LOCAL_TIME).date().isoformat(),
            before,
            after,
        ]  # fmt: skip
        for title, agency, service, stage, supporters, comments, created, before, after in (
            session.execute(statement)
        )
    ]
