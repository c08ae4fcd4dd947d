"""Admin forms."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from elearn import db
from elearn.models import ROLES, Agency
from elearn.views_support import ROLE_LABELS


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


class UserForm(FlaskForm):
    """An account as an admin edits it; the NIP is set once, by the import or here."""

    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = StringField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    agency_id = SelectField(_l("Agency"), coerce=int, choices=[])
    position = StringField(_l("Position"), validators=[Optional(), Length(max=200)])
    supervisor_nip = StringField(
        _l("NIP of the direct supervisor"), validators=[Optional(), Length(max=30)]
    )
    roles = SelectMultipleField(
        _l("Roles"),
        choices=[SelectChoice(role, ROLE_LABELS[role]) for role in ROLES],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    active = BooleanField(_l("Active (may sign in)"))
    submit = SubmitField(_l("Save"))
