"""Recording admins' and trainers' actions in the audit log, in the same transaction as
the action itself where the caller commits after."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from elearn.models import AuditEntry

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
}


def audit(session: Session, actor: Any, action: str, target: str, summary: str) -> None:
    """Add an entry (the caller commits). ``actor`` is a user, or None for the system."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    session.add(
        AuditEntry(
            actor_id=getattr(actor, "id", None),
            actor_name=getattr(actor, "full_name", "") or "sistem",
            action=action,
            target=target[:200],
            summary=summary,
        )
    )
