"""Recording admins' and trainers' actions in the audit log, in the same transaction as
the action itself where the caller commits after."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.models import AuditEntry
from elearn.templating import number

ACTIONS = {  # action -> what the log page calls it
    "agency.create": _l("agency added"),
    "plugins.switch": _l("plugins switched on or off"),
    "accounts.import": _l("accounts imported"),
    "external.verify": _l("training done elsewhere verified"),
    "external.reject": _l("training done elsewhere rejected"),
    "attempt.grade": _l("answers graded"),
    "course.publish": _l("course published"),
    "user.update": _l("account changed"),
    "user.create": _l("account created"),
    "course.create": _l("course started in the browser"),
    "course.upload": _l("course folder uploaded"),
    "course.trainer": _l("course trainers changed"),
    "agency.update": _l("agency changed"),
    "mandatory.assign": _l("mandatory course assigned"),
    "mandatory.remove": _l("mandatory course removed"),
    "workplace.limits": _l("workplace learning limits set"),
    "workplace.approve": _l("workplace learning approved"),
    "workplace.reject": _l("workplace learning rejected"),
    "jp.approve": _l("course JP approved"),
    "jp.decline": _l("course JP declined"),
    "signin.clear": _l("sign-in limit cleared"),
    "siasn.references": _l("SIASN reference ids set"),
    "job.retry": _l("failed background job queued again"),
    "attempt.extra": _l("extra quiz attempts granted"),
    "account.codes": _l("activation codes printed"),
    "account.activate": _l("account activated with a code"),
    "event.create": _l("event created"),
    "event.edit": _l("event changed"),
    "event.publish": _l("event published"),
    "event.cancel": _l("event cancelled"),
    "event.jp_approve": _l("event JP approved"),
    "event.jp_decline": _l("event JP declined"),
    "event.attendance": _l("attendance marked by the organiser"),
    "ideas.team_add": _l("innovation team member added"),
    "ideas.team_remove": _l("innovation team member removed"),
    "post.hide": _l("post hidden by a moderator"),
    "post.restore": _l("post restored by a moderator"),
    "post.keep": _l("reported post kept by a moderator"),
    "post.remove": _l("post removed by a moderator"),
}


# What a summary says, by key: written with its values (``Said``), read in the reader's
# language. A summary given as plain text (names, NIPs, codes) reads the same in both.
SUMMARIES = {
    "accounts.import": _l(
        "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(refused)s refused"
    ),
    "account": _l("roles: %(roles)s; %(state)s; position: %(position)s"),
    "account.partner": _l(
        "roles: %(roles)s; %(state)s; position: %(position)s; plugins: %(plugins)s"
    ),
    "jp.claim": _l("version %(version)s: %(claimed)s JP claimed"),
    "jp.approved": _l("version %(version)s: %(claimed)s JP claimed, %(jp)s JP approved"),
    "plugins": _l("on: %(on)s; off: %(off)s"),
    "workplace": _l("%(kind)s: %(title)s (%(jp)s JP)"),
    "workplace.approved": _l("%(kind)s: %(title)s (%(jp)s JP, %(credited)s JP credited)"),
    "version": _l("%(title)s, version %(version)s"),
    "files": _l("files: %(count)s"),
    "external": _l("%(title)s (%(jp)s JP)"),
    "event.jp_approved": _l("%(title)s: %(claimed)s JP claimed, %(jp)s JP approved"),
    "event.jp_declined": _l("%(title)s: %(claimed)s JP claimed"),
    "event.present": _l("%(name)s present at %(event)s, session %(session)s"),
    "workplace.limits": _l(
        "coaching: %(coaching_entry)s JP per activity, %(coaching_year)s JP per year; "
        "mentoring: %(mentoring_entry)s JP per activity, %(mentoring_year)s JP per year; "
        "assignments: %(penugasan_entry)s JP per activity, %(penugasan_year)s JP per year"
    ),
}
STATES = {"active": _l("active"), "inactive": _l("inactive")}


@dataclass(frozen=True)
class Said:
    """A summary as a key of ``SUMMARIES`` with its values, and an optional note a
    person wrote (kept as written)."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def audit(session: Session, actor: Any, action: str, target: str, summary: str | Said) -> None:
    """Add an entry (the caller commits). ``actor`` is a user, or None for the system."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    details = None
    if isinstance(summary, Said):
        if summary.key not in SUMMARIES:
            raise ValueError(f"unknown audit summary {summary.key!r}")
        details = {"key": summary.key, "values": summary.values, "note": summary.note}
        with force_locale("en"):
            summary = _render(details)
    session.add(
        AuditEntry(
            actor_id=getattr(actor, "id", None),
            actor_name=getattr(actor, "full_name", "") or "",
            action=action,
            target=target[:200],
            summary=summary,
            details=details,
        )
    )


def _render(details: dict[str, Any]) -> str:
    values = {
        name: (
            number(value)
            if isinstance(value, int | float) and not isinstance(value, bool)
            else str(STATES.get(value, value) if name == "state" else value)
        )
        for name, value in details["values"].items()
    }
    text = str(SUMMARIES[details["key"]]) % values
    return f"{text}; {details['note']}" if details.get("note") else text


def summary_text(entry: AuditEntry) -> str:
    """The entry's summary in the reader's language (as written, for older entries)."""
    if entry.details and entry.details.get("key") in SUMMARIES:
        return _render(entry.details)
    return entry.summary


def actor_text(entry: AuditEntry) -> str:
    """Who did it: their name, or the system (a command or a scheduled job)."""
    if entry.actor_id is None and entry.actor_name in ("", "sistem"):
        return str(_l("the system"))
    return entry.actor_name
