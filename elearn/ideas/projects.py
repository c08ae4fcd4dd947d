"""Change projects: started from an idea in trial (by its author) or from one's own plan,
milestones submitted with evidence and approved by the mentor, and, once every milestone
is approved, the final report and the JP asked for sent as on-the-job learning to the
direct supervisor, through the workplace ledger and its yearly limits (counted once)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from elearn.models import ChangeProject, PostFile, ProjectMilestone, ProjectNote, User
from elearn.models.types import LOCAL_TIME, aware, utcnow
from elearn.notifications import notify
from elearn.progress.workplace import NoSupervisor, log_workplace
from elearn.uploads import prepare, stored

MAX_MILESTONES = 20
MAX_EVIDENCE_FILES = 5


class ProjectRefused(ValueError):
    pass


def parse_milestones(text: str) -> list[tuple[date, str]]:
    """One milestone a line: ``2027-02-15 | Uji coba di Puskesmas Talawi``."""
    found = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        when, _, title = line.partition("|")
        try:
            due = date.fromisoformat(when.strip())
        except ValueError as exc:
            raise ProjectRefused(
                _l("Line %(line)d: start with the date, as 2027-02-15 | what.", line=number)
            ) from exc
        if not title.strip() or len(title.strip()) > 200:
            raise ProjectRefused(_l("Line %(line)d: say what is done by then.", line=number))
        found.append((due, title.strip()))
    if not found or len(found) > MAX_MILESTONES:
        raise ProjectRefused(_l("Give from 1 to 20 milestones, one a line."))
    return sorted(found)


def start_project(session: Session, owner: User, **fields) -> ChangeProject:
    milestones = fields.pop("milestones")
    project = ChangeProject(owner_id=owner.id, **fields)
    project.milestones = [
        ProjectMilestone(position=n, due_date=due, title=title)
        for n, (due, title) in enumerate(milestones)
    ]
    session.add(project)
    session.flush()
    return project


def attach_evidence(
    session: Session, owner: User, milestone: ProjectMilestone, uploads: list[FileStorage]
) -> None:
    """Keep the photos and documents sent with a milestone (all of them or, when one is
    refused, none: the caller rolls back)."""
    if not uploads:
        return
    if not milestone.with_owner:
        raise ProjectRefused(_l("This milestone is with the mentor already."))
    kept = session.scalar(sa.select(sa.func.count()).where(PostFile.milestone_id == milestone.id))
    if kept + len(uploads) > MAX_EVIDENCE_FILES:
        raise ProjectRefused(
            lazy_ngettext(
                "A milestone has at most %(num)d file.",
                "A milestone has at most %(num)d files.",
                MAX_EVIDENCE_FILES,
            )
        )
    for upload in uploads:
        session.add(stored(prepare(upload), owner.id, milestone_id=milestone.id))


def add_note(session: Session, project: ChangeProject, author: User, body: str) -> ProjectNote:
    note = ProjectNote(project_id=project.id, author_id=author.id, body=body)
    session.add(note)
    other = project.mentor if author.id == project.owner_id else project.owner
    if other is not None:
        notify(session, other, "project.note", "ideas.project", {"project_id": project.id},
               person=author.full_name, project=project.title)  # fmt: skip
    return note


def submit_milestone(
    session: Session, project: ChangeProject, milestone: ProjectMilestone, evidence: str
) -> None:
    if project.mentor_id is None:
        raise ProjectRefused(_l("The project has no mentor: ask BKPSDM to set your supervisor."))
    if milestone.status == "disetujui":
        raise ProjectRefused(_l("This milestone is approved already."))
    milestone.status, milestone.evidence, milestone.submitted_at = "diajukan", evidence, utcnow()
    notify(session, session.get(User, project.mentor_id), "project.milestone", "ideas.project",
           {"project_id": project.id}, person=project.owner.full_name,
           milestone=milestone.title, project=project.title)  # fmt: skip


def review_milestone(
    session: Session, mentor: User, project: ChangeProject, milestone: ProjectMilestone,
    approve: bool, note: str,
) -> None:  # fmt: skip
    if milestone.status != "diajukan":
        raise ProjectRefused(_l("Only a submitted milestone is reviewed."))
    if not approve and not note:
        raise ProjectRefused(_l("Say what is missing: the owner reads it."))
    milestone.status = "disetujui" if approve else "ditolak"
    milestone.review_note, milestone.reviewed_by_id = note, mentor.id
    milestone.reviewed_at = utcnow()
    notify(session, project.owner, "project.approved" if approve else "project.rejected",
           "ideas.project", {"project_id": project.id}, milestone=milestone.title,
           project=project.title, note=note)  # fmt: skip


def finish(
    session: Session, project: ChangeProject, report: str, jp: float, competency: str,
    code: str | None,
) -> None:  # fmt: skip
    """The final report, and the JP asked for as on-the-job learning (once)."""
    if project.finished_at is not None:
        raise ProjectRefused(_l("The project is finished already."))
    if any(m.status != "disetujui" for m in project.milestones):
        raise ProjectRefused(_l("Every milestone needs the mentor's approval first."))
    try:
        entry = log_workplace(
            session,
            project.owner,
            kind="penugasan",
            title=str(_l("Change project: %(title)s", title=project.title))[:300],
            partner=project.mentor.full_name if project.mentor else "",
            description=report[:4000],
            start_date=aware(project.created_at).astimezone(LOCAL_TIME).date(),
            end_date=utcnow().astimezone(LOCAL_TIME).date(),
            jp=jp,
            competency=competency,
            competency_code=code,
        )
    except NoSupervisor as exc:
        raise ProjectRefused(
            _l("You have no direct supervisor on record to approve the JP.")
        ) from exc
    project.final_report, project.finished_at, project.workplace_id = report, utcnow(), entry.id
    notify(session, session.get(User, entry.supervisor_id), "workplace.submitted",
           "learn.team", learner=project.owner.full_name, title=entry.title, jp=jp)  # fmt: skip
