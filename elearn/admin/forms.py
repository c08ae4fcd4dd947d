"""Admin forms."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Regexp, ValidationError

from elearn import db
from elearn.models import Agency


class AgencyForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[
            DataRequired(),
            Length(max=32),
            Regexp(
                r"^[A-Za-z0-9._-]+$",
                message=_l("Use letters, digits, dots, dashes or underscores only."),
            ),
        ],
        description=_l("A short unique code, for example DINKES."),
    )
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    parent_id = SelectField(_l("Parent agency"), coerce=int, choices=[])
    submit = SubmitField(_l("Add agency"))

    def validate_code(self, field) -> None:
        exists = db.session().scalar(sa.select(Agency.id).where(Agency.code == field.data))
        if exists:
            raise ValidationError(_l("An agency with this code already exists."))


class PluginToggleForm(FlaskForm):
    submit = SubmitField(_l("Save"))


MAX_IMPORT_BYTES = 5 * 1024 * 1024


class AccountImportForm(FlaskForm):
    file = FileField(
        _l("CSV or XLSX file"),
        validators=[
            FileRequired(),
            FileAllowed(["csv", "xlsx"], _l("Upload a .csv or .xlsx file.")),
            FileSize(MAX_IMPORT_BYTES, message=_l("The file is larger than 5 MB.")),
        ],
        render_kw={"accept": ".csv,.xlsx"},
    )
    submit = SubmitField(_l("Check the file"))


class ConfirmImportForm(FlaskForm):
    submit = SubmitField(_l("Import the valid rows"))
