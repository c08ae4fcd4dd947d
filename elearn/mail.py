"""Sending e-mail: SMTP when ``MAIL_SERVER`` is set; otherwise, outside production, the
message is written to the log so a developer can follow a reset link."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)


def send_mail(to: str, subject: str, body: str) -> bool:
    """Send a plain-text message; True when it was handed to SMTP or logged."""
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
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)
    return True


def tell(user, subject, body) -> None:
    """Tell ``user`` something by e-mail, in their language, if they have an address.
    ``subject`` and ``body`` are callables run in that language. A notice that cannot
    be sent is logged: the action it tells of has happened all the same."""
    from flask_babel import force_locale

    if not getattr(user, "email", None):
        return
    try:
        with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
            send_mail(user.email, subject(), body())
    except (OSError, smtplib.SMTPException):
        log.exception("could not tell %s by e-mail", user.email)
