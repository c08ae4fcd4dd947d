"""The form an ASN fills in to record training done elsewhere."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, FileSize
from wtforms import DateField, FloatField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from elearn.competencies import CompetencyField
from elearn.templating import minutes_per_jp

MAX_PDF_BYTES = 5 * 1024 * 1024


class ExternalLearningForm(FlaskForm):
    title = StringField(_l("Training name"), validators=[DataRequired(), Length(max=300)])
    organiser = StringField(
        _l("Organiser"),
        validators=[DataRequired(), Length(max=300)],
        description=_l("The institution that held it, e.g. BPSDM Provinsi Sumatera Barat."),
    )
    start_date = DateField(_l("First day"), validators=[DataRequired()])
    end_date = DateField(_l("Last day"), validators=[DataRequired()])
    jp = FloatField(
        _l("JP"),
        validators=[DataRequired(), NumberRange(min=0.5, max=200)],
        description=_l("As stated on the certificate."),
    )
    competency = CompetencyField(_l("Competency"))
    certificate_number = StringField(
        _l("Certificate number"), validators=[Optional(), Length(max=100)]
    )
    pdf = FileField(
        _l("Certificate (PDF)"),
        validators=[
            FileRequired(),
            FileSize(MAX_PDF_BYTES, message=_l("The file is larger than 5 MB.")),
        ],
        render_kw={"accept": "application/pdf"},
    )
    submit = SubmitField(_l("Send for verification"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.jp.description = f"{self.jp.description} {minutes_per_jp()}"

    def validate_end_date(self, field) -> None:
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError(_l("The last day comes before the first."))
        if field.data and field.data > date.today():
            raise ValidationError(_l("Record training once it has ended."))

    def validate_pdf(self, field) -> None:
        head = field.data.read(5)
        field.data.seek(0)
        if head != b"%PDF-":
            raise ValidationError(_l("The certificate must be a PDF file."))


class ReviewForm(FlaskForm):
    note = StringField(_l("Note for the ASN"), validators=[Optional(), Length(max=500)])
    verify = SubmitField(_l("Verify"))
    reject = SubmitField(_l("Reject"))
