"""Sending e-mail: SMTP when ``MAIL_SERVER`` is set; otherwise, outside production, the
message is written to the log so a developer can follow a reset link.

Requests never talk to the mail server: ``queue_mail`` (and ``elearn.notifications``)
queue a job (elearn.jobs) that sends the message after the commit, retried when the
server fails."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app
from sqlalchemy.orm import Session

from elearn.jobs import enqueue, job

log = logging.getLogger(__name__)


def send_mail(
    to: str, subject: str, body: str, attachments: list[tuple[str, bytes, str]] | None = None
) -> bool:
    """Send a plain-text message, with ``(file name, bytes, MIME type)`` attachments;
    True when it was handed to SMTP or logged."""
    config = current_app.config
    if not config["MAIL_SERVER"]:
        if config["ENV"] == "production":
            log.error("cannot send mail to %s: ELEARN_MAIL_SERVER is not set", to)
            return False
        log.info("mail to %s: %s\n%s", to, subject, body)
        return True
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = config["MAIL_SENDER"], to, subject
    message.set_content(body)
    for name, data, mime in attachments or ():
        maintype, _, subtype = mime.partition(";")[0].strip().partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)
    return True


class MailNotSent(RuntimeError):
    """The platform has no way to send mail (production without a mail server)."""


@job("mail.send")
def _send_job(_session: Session, payload: dict) -> dict:
    if not send_mail(payload["to"], payload["subject"], payload["body"]):
        raise MailNotSent("ELEARN_MAIL_SERVER is not set")
    return {"to": payload["to"], "subject": payload["subject"]}  # the body may hold a link


def queue_mail(session: Session, to: str, subject: str, body: str, user_id: int | None = None):
    """Send a message once ``session``'s transaction commits (never if it rolls back)."""
    enqueue(session, "mail.send", {"to": to, "subject": subject, "body": body}, user_id)
