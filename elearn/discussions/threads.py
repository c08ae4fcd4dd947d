"""Questions and answers in a course: who may read and post (its learners and its
trainers), who moderates (its trainers and admins), and what each step tells whom.
Services flush; the views commit."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.content.drafts import teaches
from elearn.models import (
    Course,
    CourseAnswer,
    CourseQuestion,
    CourseTrainer,
    Enrolment,
    QuestionFollower,
    User,
)
from elearn.models.types import utcnow
from elearn.notifications import notify


def may_read(session: Session, user: User, course: Course) -> bool:
    """The course's learners (enrolled), its trainers and admins."""
    if teaches(session, user, course):
        return True
    enrolled = sa.select(Enrolment.id).where(
        Enrolment.user_id == user.id, Enrolment.course_id == course.id
    )
    return session.scalar(enrolled) is not None


def may_moderate(session: Session, user: User, course: Course) -> bool:
    return teaches(session, user, course)


def _follow(session: Session, question: CourseQuestion, user_id: int) -> None:
    if session.get(QuestionFollower, (question.id, user_id)) is None:
        session.add(QuestionFollower(question_id=question.id, user_id=user_id))


def ask(
    session: Session, course: Course, author: User, title: str, body: str, item_key: str | None
) -> CourseQuestion:
    """A new question; its author follows it and the course's trainers hear of it."""
    question = CourseQuestion(
        course_id=course.id, author_id=author.id, title=title, body=body, item_key=item_key
    )
    session.add(question)
    session.flush()
    _follow(session, question, author.id)
    trainers = session.scalars(
        sa.select(User)
        .join(CourseTrainer, CourseTrainer.user_id == User.id)
        .where(CourseTrainer.course_id == course.id, User.id != author.id, User.active.is_(True))
    )
    for trainer in trainers:
        notify(session, trainer, "discussion.question", "discussions.question",
               {"key": course.key, "question_id": question.id},
               person=author.full_name, title=title)  # fmt: skip
    return question


def answer(
    session: Session, course: Course, question: CourseQuestion, author: User, body: str
) -> CourseAnswer:
    """An answer; everyone following the question (but its writer) hears of it, and the
    writer follows it from now on."""
    reply = CourseAnswer(question_id=question.id, author_id=author.id, body=body)
    session.add(reply)
    question.answers += 1
    question.last_activity_at = utcnow()
    session.flush()
    followers = session.scalars(
        sa.select(User)
        .join(QuestionFollower, QuestionFollower.user_id == User.id)
        .where(QuestionFollower.question_id == question.id, User.id != author.id)
    )
    for person in followers:
        notify(session, person, "discussion.answer", "discussions.question",
               {"key": course.key, "question_id": question.id},
               person=author.full_name, title=question.title)  # fmt: skip
    _follow(session, question, author.id)
    return reply


def toggle_follow(session: Session, question: CourseQuestion, user: User) -> bool:
    """Follow or stop following; True when following now."""
    existing = session.get(QuestionFollower, (question.id, user.id))
    if existing is not None:
        session.delete(existing)
        session.flush()
        return False
    _follow(session, question, user.id)
    session.flush()
    return True


def accept(session: Session, course: Course, question: CourseQuestion, reply: CourseAnswer) -> None:
    """The trainer's accepted answer (another accepted later replaces it)."""
    question.accepted_answer_id = reply.id
    if reply.author_id is not None and reply.author_id != question.author_id:
        notify(session, session.get(User, reply.author_id), "discussion.accepted",
               "discussions.question", {"key": course.key, "question_id": question.id},
               title=question.title)  # fmt: skip
    session.flush()
