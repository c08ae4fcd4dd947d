"""Forms for workplace learning: the ASN's log entry and the supervisor's review."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, FloatField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from elearn.competencies import CompetencyField
from elearn.progress.workplace import KIND_LABELS
from elearn.templating import minutes_per_jp


class WorkplaceLogForm(FlaskForm):
    kind = SelectField(
        _l("Kind"), choices=[SelectChoice(kind, label) for kind, label in KIND_LABELS.items()]
    )
    title = StringField(
        _l("Topic"),
        validators=[DataRequired(), Length(max=300)],
        description=_l("For example: Coaching on drafting the Renja of the health office."),
    )
    partner = StringField(
        _l("Coach, mentor or who gave the assignment"),
        validators=[DataRequired(), Length(max=200)],
    )
    description = TextAreaField(
        _l("What you did and learned"),
        validators=[DataRequired(), Length(min=20, max=4000)],
        description=_l("Your supervisor reads this before approving."),
    )
    start_date = DateField(_l("First day"), validators=[DataRequired()])
    end_date = DateField(_l("Last day"), validators=[DataRequired()])
    jp = FloatField(
        _l("JP asked for"),
        validators=[DataRequired(), NumberRange(min=0.5, max=100)],
    )
    competency = CompetencyField(_l("Competency"))
    submit = SubmitField(_l("Send to my supervisor"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.jp.description = minutes_per_jp()

    def validate_end_date(self, field) -> None:
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError(_l("The last day comes before the first."))
        if field.data and field.data > date.today():
            raise ValidationError(_l("Log learning once it has taken place."))


class WorkplaceReviewForm(FlaskForm):
    note = StringField(_l("Note for the ASN"), validators=[Optional(), Length(max=500)])
    approve = SubmitField(_l("Approve"))
    reject = SubmitField(_l("Reject"))
