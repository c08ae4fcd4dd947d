"""Admin forms."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from elearn import db
from elearn.competencies import CompetencyField
from elearn.models import ROLES, Agency
from elearn.templating import ROLE_LABELS


def agency_choices(tree, none_label, leave_out: set[int] = frozenset()) -> list[SelectChoice]:
    """A select's choices: ``none_label`` (value 0), then the agencies indented by depth."""
    return [SelectChoice(0, none_label)] + [
        SelectChoice(agency.id, "— " * depth + agency.name)
        for depth, agency in tree
        if agency.id not in leave_out
    ]


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

    editing_id: int | None = None  # the agency being edited keeps its own code

    def validate_code(self, field) -> None:
        exists = db.session().scalar(
            sa.select(Agency.id).where(
                Agency.code == field.data.strip(), Agency.id != (self.editing_id or 0)
            )
        )
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
    siasn_id = StringField(
        _l("SIASN id (pnsOrangId)"),
        description=_l("BKN's id of the person: SIASN files their training under it."),
        validators=[Optional(), Length(max=64)],
    )
    supervisor_nip = StringField(
        _l("NIP of the direct supervisor"), validators=[Optional(), Length(max=30)]
    )
    roles = SelectMultipleField(
        _l("Roles"),
        choices=[SelectChoice(role, ROLE_LABELS[role]) for role in ROLES],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    plugins = SelectMultipleField(
        _l("Plugins they maintain (university partners)"),
        choices=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    active = BooleanField(_l("Active (may sign in)"))
    submit = SubmitField(_l("Save"))


def _limit(label):
    return FloatField(label, validators=[InputRequired(), NumberRange(min=0, max=200)])


class WorkplaceLimitsForm(FlaskForm):
    """JP limits per kind of workplace learning: per entry and per person per year."""

    coaching_per_entry = _limit(_l("Coaching: JP per entry"))
    coaching_per_year = _limit(_l("Coaching: JP per year"))
    mentoring_per_entry = _limit(_l("Mentoring: JP per entry"))
    mentoring_per_year = _limit(_l("Mentoring: JP per year"))
    penugasan_per_entry = _limit(_l("On-the-job assignments: JP per entry"))
    penugasan_per_year = _limit(_l("On-the-job assignments: JP per year"))
    submit = SubmitField(_l("Save the limits"))


class MandatoryCourseForm(FlaskForm):
    course_id = SelectField(_l("Course"), coerce=int, choices=[])
    agency_id = SelectField(
        _l("Agency"),
        coerce=int,
        choices=[],
        description=_l("Everyone in it and in the agencies under it."),
    )
    position = StringField(
        _l("Position"),
        validators=[Optional(), Length(max=200)],
        description=_l(
            "Only people holding this position (as written on their account), "
            "in the agency above or in any agency."
        ),
    )
    due_date = DateField(_l("Due date"), validators=[DataRequired()])
    submit = SubmitField(_l("Assign"))

    def validate_agency_id(self, field) -> None:  # position is Optional: its chain stops
        if not field.data and not (self.position.data or "").strip():
            raise ValidationError(_l("Choose an agency, a position, or both."))


class RemoveForm(FlaskForm):
    submit = SubmitField(_l("Remove"))


class NewUserForm(UserForm):
    """A single account created by an admin; its owner sets the password by e-mail."""

    nip = StringField(
        _l("NIP"),
        validators=[Optional(), Length(max=30)],
        description=_l("18 digits; leave empty for a partner without a NIP."),
    )
    submit = SubmitField(_l("Create the account"))


class JpApprovalForm(FlaskForm):
    """An admin's decision on a course version's JP: approved as given (up to the
    course maximum), or declined with a reason the trainer reads."""

    jp = FloatField(_l("JP approved"), validators=[Optional(), NumberRange(min=0.5)])
    competency = CompetencyField(_l("Competency"))
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])
    approve = SubmitField(_l("Approve"))
    decline = SubmitField(_l("Decline"))
