"""What a learner is told the moment a course is complete, by a lesson marked done or
by the quiz that passed last: the JP earned (or that they wait for approval), with the
certificate one click away."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup

from elearn.models import JpCredit
from elearn.progress.certificates import certificate_for
from elearn.progress.jp import pending_claim
from elearn.templating import number


def completion_message(session, user, enrolment) -> Markup:
    credit = session.scalar(
        sa.select(JpCredit.jp).where(
            JpCredit.user_id == user.id, JpCredit.course_id == enrolment.course_id
        )
    )
    if credit is not None:
        said = _(
            "Congratulations! You completed the course and earned %(jp)s JP.", jp=number(credit)
        )
    elif pending_claim(session, user.id).get(enrolment.course_id) == "pending":
        return Markup.escape(
            _(
                "Congratulations! You completed the course. Its JP wait for approval by "
                "BKPSDM: they, and your certificate, come once approved."
            )
        )
    else:
        said = _("Congratulations! You completed the course.")
    certificate = certificate_for(session, user, enrolment.course_id)
    if certificate is None:
        return Markup.escape(said)
    return Markup('{} <a href="{}">{}</a>').format(
        said,
        url_for("learn.download_certificate", certificate_id=certificate.id),
        _("Download your certificate"),
    )
