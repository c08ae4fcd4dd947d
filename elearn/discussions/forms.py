"""Forms of course discussions and moderation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

MARKDOWN = _l("Markdown: **bold**, lists, links.")


class QuestionForm(FlaskForm):
    title = StringField(
        _l("Your question in one line"), validators=[DataRequired(), Length(min=5, max=200)]
    )
    item = SelectField(_l("About"))
    body = TextAreaField(
        _l("Details"),
        validators=[DataRequired(), Length(max=10000)],
        description=_l(
            "What you tried or read, and where you are stuck. Markdown: **bold**, lists, links."
        ),
    )
    submit = SubmitField(_l("Ask"))


class AnswerForm(FlaskForm):
    body = TextAreaField(
        _l("Your answer"), validators=[DataRequired(), Length(max=10000)], description=MARKDOWN
    )
    submit = SubmitField(_l("Send the answer"))
