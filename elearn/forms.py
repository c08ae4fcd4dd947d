"""Forms every blueprint shares."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import DataRequired, Length


class ActionForm(FlaskForm):
    """A button that changes state (enrol, mark done): only its CSRF token."""


class _ButtonForms:
    """What a page that shows ``ActionForm`` buttons needs of one, without building
    one per request (a twentieth of a lesson page, where the button is most often not
    shown; WTForms' widget was a tenth of a quiz page's template): its hidden field, as
    WTForms writes it. The POST that a button sends is checked by ActionForm."""

    def hidden_tag(self) -> Markup:
        if not current_app.config.get("WTF_CSRF_ENABLED", True):
            return Markup("")
        return Markup('<input id="csrf_token" name="csrf_token" type="hidden" value="{}">').format(
            generate_csrf()
        )


BUTTONS = _ButtonForms()


# Reporting and moderating what people write: course discussions and the idea board.
class ReasonForm(FlaskForm):
    reason = StringField(
        _l("Reason"),
        validators=[DataRequired(), Length(max=500)],
        description=_l("The writer and the other moderators read it."),
    )
    submit = SubmitField(_l("Hide"))


class ReportForm(FlaskForm):
    kind = HiddenField(validators=[DataRequired()])
    post_id = HiddenField(validators=[DataRequired()])
    reason = StringField(
        _l("What is wrong with it?"),
        validators=[DataRequired(), Length(max=500)],
        description=_l("For example: it gives away a quiz's answers, or insults someone."),
    )
    submit = SubmitField(_l("Report it"))
