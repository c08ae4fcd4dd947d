"""What happens on the idea board: posting (after similar ideas are shown), support,
comments, and the innovation team's moves between stages with the idea's history and a
notice to its author and supporters. Services flush; the views commit."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.models import (
    Idea,
    IdeaComment,
    IdeaStageChange,
    IdeaSupport,
    InnovationTeamMember,
    User,
)
from elearn.models.types import aware, utcnow
from elearn.notifications import notify
from elearn.patterns import pattern

STAGE_LABELS = {
    "diajukan": _l("proposed"),
    "dibahas": _l("under discussion"),
    "uji_coba": _l("in trial"),
    "diterapkan": _l("put in place"),
    "tidak_dilanjutkan": _l("not pursued"),
}
# where an idea may go from each stage (a decision can be taken back one step)
NEXT_STAGES = {
    "diajukan": ("dibahas", "tidak_dilanjutkan"),
    "dibahas": ("uji_coba", "diajukan", "tidak_dilanjutkan"),
    "uji_coba": ("diterapkan", "dibahas", "tidak_dilanjutkan"),
    "diterapkan": ("uji_coba",),
    "tidak_dilanjutkan": ("dibahas",),
}
WORD = pattern(r"\w+")
MIN_WORD = 4
SIMILAR_WORDS = 8  # the longest words of a draft that look for similar ideas
SIMILAR_SHOWN = 5
SIMILAR_CANDIDATES = 200


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text or "") if len(w) >= MIN_WORD]


def search_text_of(idea: Idea) -> str:
    parts = (idea.title, idea.problem, idea.proposal, idea.service, idea.tags)
    return " ".join(sorted(set(words(" ".join(part or "" for part in parts)))))


def similar_ideas(session: Session, title: str, problem: str) -> list[Idea]:
    """Ideas sharing the most words with a draft (its longest words, each matched as a
    word of an idea's text), best first: shown before posting, to join rather than
    duplicate."""
    wanted = sorted(set(words(f"{title} {problem}")), key=len, reverse=True)[:SIMILAR_WORDS]
    if not wanted:
        return []
    padded = sa.literal(" ") + Idea.search_text + sa.literal(" ")
    candidates = session.execute(
        sa.select(Idea, Idea.search_text)
        .where(sa.or_(*(padded.contains(f" {word} ") for word in wanted)), Idea.hidden_at.is_(None))
        .order_by(Idea.supporters.desc())
        .limit(SIMILAR_CANDIDATES)
    ).all()
    scored = []
    for idea, text in candidates:
        known = set(text.split())
        score = sum(1 for word in wanted if word in known)
        if score >= min(2, len(wanted)):
            scored.append((score, idea.supporters, idea))
    scored.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    return [idea for _score, _supporters, idea in scored[:SIMILAR_SHOWN]]


def post_idea(session: Session, author: User, **fields) -> Idea:
    idea = Idea(author_id=author.id, **fields)
    idea.search_text = search_text_of(idea)
    session.add(idea)
    session.flush()
    return idea


def toggle_support(session: Session, idea: Idea, user: User) -> bool:
    """Support the idea, or withdraw one's support; True when it is supported now."""
    existing = session.get(IdeaSupport, (idea.id, user.id))
    if existing is not None:
        session.delete(existing)
        supported = False
    else:
        try:
            with session.begin_nested():  # a double click
                session.add(IdeaSupport(idea_id=idea.id, user_id=user.id))
        except sa.exc.IntegrityError:
            return True
        supported = True
    session.flush()
    idea.supporters = session.scalar(
        sa.select(sa.func.count()).where(IdeaSupport.idea_id == idea.id)
    )
    return supported


MENTION = pattern(r"@(\w+(?:[ \t]\w+){0,3})")  # RE2: linear in the comment
MAX_MENTIONS = 5


def mentioned(session: Session, text: str) -> list[User]:
    """The colleagues a comment names with @ and their full name ("@Budi Santoso"):
    for each @, the longest run of up to four words that is exactly one active person's
    name. A name two people share names nobody. One query, however many @s."""
    runs = [match.group(1).split() for match in MENTION.finditer(text or "")][:MAX_MENTIONS]
    if not runs:
        return []
    candidates = {" ".join(run[:n]).lower() for run in runs for n in range(1, len(run) + 1)}
    people: dict[str, list[User]] = {}
    for person in session.scalars(
        sa.select(User).where(sa.func.lower(User.full_name).in_(candidates), User.active.is_(True))
    ):
        people.setdefault(person.full_name.lower(), []).append(person)
    found: dict[int, User] = {}
    for run in runs:
        for n in range(len(run), 0, -1):
            named = people.get(" ".join(run[:n]).lower(), [])
            if len(named) == 1:
                found[named[0].id] = named[0]
                break
    return list(found.values())


def add_comment(
    session: Session, idea: Idea, author: User, body: str, parent: IdeaComment | None
) -> IdeaComment:
    """A comment (or a reply to a top-level comment): the colleagues it mentions, the
    idea's author and the one answered hear of it, once each."""
    if parent is not None and parent.parent_id is not None:
        parent = session.get(IdeaComment, parent.parent_id)  # one level of replies
    comment = IdeaComment(
        idea_id=idea.id, author_id=author.id, body=body, parent_id=parent.id if parent else None
    )
    session.add(comment)
    idea.comments += 1
    idea.last_activity_at = utcnow()
    session.flush()
    told = {author.id}
    for person in mentioned(session, body):
        if person.id not in told:
            told.add(person.id)
            notify(session, person, "idea.mention", "ideas.idea", {"idea_id": idea.id},
                   person=author.full_name, idea=idea.title)  # fmt: skip
    for person_id in (idea.author_id, parent.author_id if parent else None):
        if person_id is not None and person_id not in told:
            told.add(person_id)
            notify(session, session.get(User, person_id), "idea.comment", "ideas.idea",
                   {"idea_id": idea.id}, person=author.full_name, idea=idea.title)  # fmt: skip
    return comment


EDIT_WINDOW = timedelta(minutes=15)


def editable(comment: IdeaComment, user: User) -> bool:
    """Its writer may correct a comment for a short while, unless a moderator hid it."""
    return (
        comment.author_id == user.id
        and not comment.hidden
        and utcnow() - aware(comment.created_at) <= EDIT_WINDOW
    )


def edit_comment(comment: IdeaComment, body: str) -> None:
    comment.body, comment.edited_at = body, utcnow()


def on_team(session: Session, user: User, agency_id: int) -> bool:
    """Whether ``user`` moves the ideas of this agency: its innovation team, or BKPSDM."""
    if user.has_role("admin"):
        return True
    return session.get(InnovationTeamMember, (agency_id, user.id)) is not None


class StageRefused(ValueError):
    pass


def move_stage(session: Session, idea: Idea, by: User, stage: str, note: str) -> None:
    """Move the idea, keep the move in its history and tell its author and supporters.
    Not pursuing an idea needs a reason."""
    if stage not in NEXT_STAGES.get(idea.stage, ()):
        raise StageRefused(_l("An idea cannot move there from its stage."))
    if stage == "tidak_dilanjutkan" and not note:
        raise StageRefused(_l("Say why the idea is not pursued: its author reads it."))
    session.add(
        IdeaStageChange(
            idea_id=idea.id, from_stage=idea.stage, to_stage=stage, note=note, by_id=by.id
        )  # fmt: skip
    )
    idea.stage, idea.last_activity_at = stage, utcnow()
    session.flush()
    people = set(
        session.scalars(sa.select(IdeaSupport.user_id).where(IdeaSupport.idea_id == idea.id))
    )
    if idea.author_id is not None:
        people.add(idea.author_id)
    for person in session.scalars(sa.select(User).where(User.id.in_(people - {by.id}))):
        notify(session, person, f"idea.{stage}", "ideas.idea", {"idea_id": idea.id},
               idea=idea.title, note=note)  # fmt: skip
