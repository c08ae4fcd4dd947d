"""Reports of posts and what moderators do with them. Anyone who can read a post can
report it; a course's trainers moderate its questions and answers, an agency's
innovation team the comments on its ideas, admins everything. Hiding keeps the post
(with the reason, audit-logged) so it can be restored; removing deletes it for good."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.audit import audit
from elearn.content.drafts import teaches
from elearn.ideas.board import on_team
from elearn.models import (
    Course,
    CourseAnswer,
    CourseQuestion,
    CourseTrainer,
    Idea,
    IdeaComment,
    InnovationTeamMember,
    PostReport,
    User,
)
from elearn.models.types import utcnow
from elearn.notifications import notify

MODELS = {
    "question": CourseQuestion,
    "answer": CourseAnswer,
    "idea": Idea,
    "idea_comment": IdeaComment,
}


@dataclass(frozen=True)
class Place:
    """Where a post stands: its course (questions, answers) or its idea (the idea itself,
    its comments)."""

    course: Course | None = None
    idea: Idea | None = None
    question: CourseQuestion | None = None


def post_and_place(session: Session, kind: str, post_id: int) -> tuple[Any, Place] | None:
    model = MODELS.get(kind)
    post = session.get(model, post_id) if model else None
    if post is None:
        return None
    if kind == "idea":
        return post, Place(idea=post)
    if kind == "idea_comment":
        return post, Place(idea=session.get(Idea, post.idea_id))
    question = post if kind == "question" else session.get(CourseQuestion, post.question_id)
    return post, Place(course=session.get(Course, question.course_id), question=question)


def may_moderate(session: Session, user: User, place: Place) -> bool:
    if user.has_role("admin"):
        return True
    if place.course is not None:
        return teaches(session, user, place.course)
    return place.idea is not None and on_team(session, user, place.idea.agency_id)


def report_post(
    session: Session, reporter: User, kind: str, post: Any, place: Place, reason: str
) -> bool:
    """Record the report (one per person and post) and tell the post's moderators;
    False when this person reported it already."""
    try:
        with session.begin_nested():
            session.add(
                PostReport(kind=kind, post_id=post.id, reporter_id=reporter.id, reason=reason)
            )
    except sa.exc.IntegrityError:
        return False
    if place.course is not None:
        moderators = (
            sa.select(User)
            .join(CourseTrainer, CourseTrainer.user_id == User.id)
            .where(CourseTrainer.course_id == place.course.id)
        )
    else:
        moderators = (
            sa.select(User)
            .join(InnovationTeamMember, InnovationTeamMember.user_id == User.id)
            .where(InnovationTeamMember.agency_id == place.idea.agency_id)
        )
    for person in session.scalars(moderators.where(User.id != reporter.id)):
        notify(session, person, "post.reported", "discussions.moderation", reason=reason)
    return True


def _resolve(session: Session, moderator: User, kind: str, post_ids: int | sa.Select) -> None:
    """Close the open reports of a post (or of the posts a statement selects)."""
    matches = (
        PostReport.post_id.in_(post_ids)
        if isinstance(post_ids, sa.Select)
        else PostReport.post_id == post_ids
    )
    session.execute(
        sa.update(PostReport)
        .where(PostReport.kind == kind, matches, PostReport.resolved_at.is_(None))
        .values(resolved_at=utcnow(), resolved_by_id=moderator.id)
    )


def hide(session: Session, moderator: User, kind: str, post: Any, reason: str) -> None:
    post.hidden_at, post.hidden_reason, post.hidden_by_id = utcnow(), reason, moderator.id
    _resolve(session, moderator, kind, post.id)
    audit(session, moderator, "post.hide", f"{kind}:{post.id}", reason)


def remove(session: Session, moderator: User, kind: str, post: Any, reason: str) -> None:
    """Delete the post for good (a question with its answers, an idea with its comments,
    a comment with its replies), keeping the counts right; the audit log keeps who, why
    and what it said."""
    _resolve(session, moderator, kind, post.id)
    audit(session, moderator, "post.remove", f"{kind}:{post.id}",
          f"{reason} | {post.body[:300]}")  # fmt: skip
    if kind == "answer":
        question = session.get(CourseQuestion, post.question_id)
        question.answers -= 1
        if question.accepted_answer_id == post.id:
            question.accepted_answer_id = None
    elif kind == "idea":
        comments = sa.select(IdeaComment.id).where(IdeaComment.idea_id == post.id)
        _resolve(session, moderator, "idea_comment", comments)
    elif kind == "idea_comment":
        idea = session.get(Idea, post.idea_id)
        replies = session.scalar(sa.select(sa.func.count()).where(IdeaComment.parent_id == post.id))
        idea.comments -= 1 + replies
    session.delete(post)
    session.flush()


def restore(session: Session, moderator: User, kind: str, post: Any) -> None:
    post.hidden_at, post.hidden_reason, post.hidden_by_id = None, "", None
    audit(session, moderator, "post.restore", f"{kind}:{post.id}", "")


def keep(session: Session, moderator: User, kind: str, post: Any) -> None:
    """The moderator read the reports and keeps the post as it is."""
    _resolve(session, moderator, kind, post.id)
    audit(session, moderator, "post.keep", f"{kind}:{post.id}", "")


def open_reports(session: Session, user: User) -> list[tuple[PostReport, Any, Place]]:
    """The open reports this person may act on, oldest first, each with its post."""
    statement = (
        sa.select(PostReport).where(PostReport.resolved_at.is_(None)).order_by(PostReport.id)
    )
    if not user.has_role("admin"):
        taught = sa.select(CourseTrainer.course_id).where(CourseTrainer.user_id == user.id)
        teams = sa.select(InnovationTeamMember.agency_id).where(
            InnovationTeamMember.user_id == user.id
        )
        questions = sa.select(CourseQuestion.id).where(CourseQuestion.course_id.in_(taught))
        answers = sa.select(CourseAnswer.id).where(CourseAnswer.question_id.in_(questions))
        ideas = sa.select(Idea.id).where(Idea.agency_id.in_(teams))
        comments = sa.select(IdeaComment.id).where(IdeaComment.idea_id.in_(ideas))
        statement = statement.where(
            sa.or_(
                sa.and_(PostReport.kind == "question", PostReport.post_id.in_(questions)),
                sa.and_(PostReport.kind == "answer", PostReport.post_id.in_(answers)),
                sa.and_(PostReport.kind == "idea", PostReport.post_id.in_(ideas)),
                sa.and_(PostReport.kind == "idea_comment", PostReport.post_id.in_(comments)),
            )
        )
    reports = list(session.scalars(statement.limit(200)))
    # held while the posts are looked up: the identity map keeps only what is referred to
    loaded = _load_posts_and_places(session, reports)
    shown = []
    for report in reports:  # each post and its place now from the identity map
        found = post_and_place(session, report.kind, report.post_id)
        if found is not None:
            shown.append((report, *found))
    del loaded
    return shown


def _load_posts_and_places(session: Session, reports: list[PostReport]) -> list[Any]:
    """Read the reported posts, their questions, courses and ideas, a statement a table
    (a page of 200 reports cost up to 600 statements read one by one)."""
    wanted: dict[str, set[int]] = {}
    for report in reports:
        wanted.setdefault(report.kind, set()).add(report.post_id)
    posts = {
        kind: list(session.scalars(sa.select(MODELS[kind]).where(MODELS[kind].id.in_(ids))))
        for kind, ids in wanted.items()
    }
    question_ids = {p.question_id for p in posts.get("answer", [])}
    question_ids |= {p.id for p in posts.get("question", [])}
    questions = _by_ids(session, CourseQuestion, question_ids)
    courses = _by_ids(session, Course, {question.course_id for question in questions})
    ideas = _by_ids(session, Idea, {c.idea_id for c in posts.get("idea_comment", [])})
    return [*(p for found in posts.values() for p in found), *questions, *courses, *ideas]


def _by_ids(session: Session, model: Any, ids: set[int]) -> list[Any]:
    return list(session.scalars(sa.select(model).where(model.id.in_(ids)))) if ids else []
