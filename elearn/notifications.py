"""Telling people what waits for them: notifications under the bell, and e-mail at once,
as one digest a day, or not at all, as each person prefers (``User.notify_email``).

A notification is written in the reader's language when it is shown or mailed, from its
kind and parameters. Mail goes through the job queue: a mail server that is down delays
a notice (the job is retried, then listed for admins), never loses it, and a notice is
mailed once (``mailed_at`` is set in the transaction that queues its mail).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import LazyString, force_locale, format_date, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.jobs import enqueue, job, periodic
from elearn.mail import send_mail
from elearn.models import Notification, User, UserRole
from elearn.models.types import LOCAL_TIME, utcnow
from elearn.templating import number

KINDS: dict[str, LazyString] = {
    "attempt.graded": _l('Your answers to "%(quiz)s" (%(course)s) were graded: %(percent)s.'),
    "attempt.extra": _l('Extra attempts at the quiz "%(quiz)s" (%(course)s): %(extra)s.'),
    "grading.waiting": _l('%(learner)s\'s answers to "%(quiz)s" (%(course)s) wait for your grade.'),
    "certificate.issued": _l("Your certificate for %(course)s is issued."),
    "external.submitted": _l('%(learner)s recorded training done elsewhere: "%(title)s".'),
    "external.verified": _l('Your training "%(title)s" was verified: %(jp)s JP are credited.'),
    "external.rejected": _l('Your training "%(title)s" was not verified: %(note)s'),
    "workplace.submitted": _l('%(learner)s asks you to approve "%(title)s" (%(jp)s JP).'),
    "workplace.approved": _l('%(supervisor)s approved "%(title)s": %(jp)s JP are credited.'),
    "workplace.rejected": _l('%(supervisor)s did not approve "%(title)s": %(note)s'),
    "jp.waiting": _l("The JP of the course %(course)s wait for your approval."),
    "mandatory.assigned": _l("New mandatory course: %(course)s, due %(due)s."),
    "mandatory.week": _l("The mandatory course %(course)s is due in a week, on %(due)s."),
    "mandatory.day": _l("The mandatory course %(course)s is due tomorrow, %(due)s."),
    "mandatory.overdue": _l("The mandatory course %(course)s was due on %(due)s."),
    "export.ready": _l("%(name)s is ready to download."),
    "event.registered": _l('You are registered for "%(event)s".'),
    "event.waiting": _l('"%(event)s" is full: you are number %(place)s on the waiting list.'),
    "event.promoted": _l('A seat came free: you are registered for "%(event)s".'),
    "event.awaiting": _l('%(learner)s asks you to approve their registration for "%(event)s".'),
    "event.declined": _l(
        '%(supervisor)s did not approve your registration for "%(event)s". %(note)s'
    ),
    "event.reminder": _l('Reminder: "%(event)s" begins on %(day)s at %(time)s.'),
    "event.changed": _l('The schedule of "%(event)s" changed.'),
    "event.cancelled": _l('"%(event)s" is cancelled.'),
    "event.jp_waiting": _l('The JP of the event "%(event)s" wait for your approval.'),
    "idea.comment": _l('%(person)s commented on "%(idea)s".'),
    "idea.mention": _l('%(person)s mentioned you in a comment on "%(idea)s".'),
    "project.milestone": _l('%(person)s sent the milestone "%(milestone)s" of "%(project)s".'),
    "project.approved": _l('Your mentor approved "%(milestone)s" (%(project)s). %(note)s'),
    "project.rejected": _l('Your mentor returned "%(milestone)s" (%(project)s): %(note)s'),
    "project.note": _l('%(person)s wrote a progress note on "%(project)s".'),
    "discussion.question": _l('%(person)s asked in your course: "%(title)s".'),
    "discussion.answer": _l('%(person)s answered "%(title)s".'),
    "discussion.accepted": _l('The trainer accepted your answer to "%(title)s".'),
    "post.reported": _l("A post was reported for moderation: %(reason)s"),
    "idea.diajukan": _l('The idea "%(idea)s" is back among the proposed ideas. %(note)s'),
    "idea.dibahas": _l('The innovation team is discussing the idea "%(idea)s". %(note)s'),
    "idea.uji_coba": _l('The idea "%(idea)s" goes to a trial. %(note)s'),
    "idea.diterapkan": _l('The idea "%(idea)s" is put in place. %(note)s'),
    "idea.tidak_dilanjutkan": _l('The idea "%(idea)s" is not pursued: %(note)s'),
}
# Files mailed with a notice, by the first part of its kind: ``maker(session, notice)``
# returns (file name, bytes, MIME type) or None. Events attach their .ics this way.
ATTACHMENTS: dict[str, Callable[[Session, Notification], tuple[str, bytes, str] | None]] = {}
# parameters written as the reader's language writes them: ISO dates, and numbers
DATES = {"due", "day"}
NUMBERS = {"percent", "jp", "extra", "place"}


def notify(
    session: Session,
    user: User,
    kind: str,
    endpoint: str | None = None,
    values: dict[str, Any] | None = None,
    once_key: str | None = None,
    **params: Any,
) -> Notification | None:
    """Tell ``user`` something (the caller commits): ``endpoint`` and ``values`` name the
    page it is about. With ``once_key``, a second notice with the same key is not made
    (None is returned)."""
    if kind not in KINDS:
        raise KeyError(f"no notification is called {kind!r}")
    if once_key is not None and session.scalar(
        sa.select(Notification.id).where(
            Notification.user_id == user.id, Notification.once_key == once_key
        )
    ):
        return None
    return write(session, user, kind, path_of(endpoint, values), once_key, params)


def path_of(endpoint: str | None, values: dict[str, Any] | None = None) -> str | None:
    """The path of a page, without the script root (mailed links put BASE_URL before it)."""
    return current_app.url_map.bind("localhost").build(endpoint, values or {}) if endpoint else None


def write(
    session: Session,
    user: User,
    kind: str,
    link: str | None,
    once_key: str | None,
    params: dict[str, Any],
) -> Notification:
    """Add the notice and queue its e-mail as ``user`` prefers (no check of ``once_key``:
    the caller knows it is new)."""
    row = Notification(user_id=user.id, kind=kind, params=params, link=link, once_key=once_key)
    session.add(row)
    session.flush()
    if not user.email or user.notify_email == "off":
        row.mailed_at = utcnow()  # nothing will go
    elif user.notify_email == "now":
        row.mailed_at = utcnow()
        enqueue(session, "notification.mail", {"ids": [row.id]}, user.id)
    return row


def notify_admins(
    session: Session, kind: str, endpoint: str, values: dict | None = None, **params: Any
) -> None:
    """Tell every active admin (BKPSDM) of work that waits for one of them."""
    admins = session.scalars(
        sa.select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == "admin", User.active.is_(True))
    )
    for admin in admins:
        notify(session, admin, kind, endpoint, values, **params)


def text_of(row: Notification) -> str:
    """The notice in the current language."""
    params = dict(row.params)
    for name in DATES & params.keys():
        params[name] = format_date(date.fromisoformat(params[name]), "long")
    for name in NUMBERS & params.keys():
        params[name] = number(params[name])
    return KINDS[row.kind] % params if row.kind in KINDS else row.kind


def mark_read(session: Session, user_id: int, ids: list[int] | None = None) -> int:
    """Mark the user's notices read (these ``ids``, or all); returns how many."""
    statement = sa.update(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    if ids is not None:
        statement = statement.where(Notification.id.in_(ids))
    return session.execute(statement.values(read_at=utcnow())).rowcount


def _absolute(path: str | None) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + path if path else ""


@job("notification.mail")
def mail_notifications(session: Session, payload: dict) -> dict:
    """One notice, or a day's digest, to one person, in their language."""
    rows = list(
        session.scalars(
            sa.select(Notification)
            .where(Notification.id.in_(payload["ids"]))
            .order_by(Notification.created_at)
        )
    )
    user = session.get(User, rows[0].user_id) if rows else None
    if user is None or not user.email:
        return {"sent": 0}
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        lines = [f"{text_of(row)}\n{_absolute(row.link)}".strip() for row in rows]
        if len(rows) == 1:
            subject = text_of(rows[0])
            if len(subject) > 120:
                subject = subject[:119] + "…"
        else:
            subject = ngettext(
                "elearn: %(num)d notification", "elearn: %(num)d notifications", len(rows)
            )
        footer = _(
            "You get these e-mails as your notification settings say; change them here:\n%(link)s",
            link=_absolute(current_app.url_map.bind("localhost").build("learn.notifications")),
        )
        body = "\n\n".join([*lines, "--", footer])
    files = {}
    for row in rows:
        maker = ATTACHMENTS.get(row.kind.partition(".")[0])
        attached = maker(session, row) if maker else None
        if attached:
            files[attached[0]] = attached
    if not send_mail(user.email, str(subject), body, list(files.values())):
        raise RuntimeError("the mail was not sent")  # retried, then listed for admins
    return {"sent": len(rows), "to": user.email}


@periodic("notification digests")
def send_digests(session: Session) -> int:
    """Queue each daily-digest reader's notices of earlier days as one e-mail."""
    midnight = datetime.combine(utcnow().astimezone(LOCAL_TIME).date(), time(), LOCAL_TIME)
    waiting = session.execute(
        sa.select(Notification.user_id, Notification.id)
        .join(User, User.id == Notification.user_id)
        .where(
            Notification.mailed_at.is_(None),
            Notification.created_at < midnight,
            User.notify_email == "daily",
        )
        .order_by(Notification.user_id, Notification.id)
    ).all()
    by_user: dict[int, list[int]] = {}
    for user_id, notification_id in waiting:
        by_user.setdefault(user_id, []).append(notification_id)
    for user_id, ids in by_user.items():
        enqueue(session, "notification.mail", {"ids": ids}, user_id)
    if waiting:
        session.execute(
            sa.update(Notification)
            .where(Notification.id.in_([n for _, n in waiting]))
            .values(mailed_at=utcnow())
        )
    return len(by_user)


KEEP_READ = timedelta(days=180)


@periodic("notifications forgotten")
def forget_old(session: Session) -> int:
    """Read notices older than half a year go; unread ones stay until read."""
    return session.execute(
        sa.delete(Notification).where(Notification.read_at < utcnow() - KEEP_READ)
    ).rowcount
