"""Forms of the events pages: the event itself, a session, the participant's check-in,
the organiser's roster mark, the supervisor's decision and BKPSDM's JP decision."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    URL,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from elearn.competencies import CompetencyField
from elearn.kegiatan.schedule import ZONE_NAMES

KIND_LABELS = {
    "seminar": _l("Seminar"),
    "lokakarya": _l("Workshop (lokakarya)"),
    "klasikal": _l("Classroom training"),
    "webinar": _l("Webinar"),
    "bimtek": _l("Technical guidance (bimtek)"),
    "forum_inovasi": _l("Idea meeting (forum inovasi)"),
}
ZONE_CHOICES = [SelectChoice(zone, label) for zone, label in ZONE_NAMES.items()]
MAX_SPEAKERS = 20


def web_address(form, field) -> None:
    """A link people open: http or https, nothing a browser would run."""
    if field.data and not field.data.strip().lower().startswith(("https://", "http://")):
        raise ValidationError(_l("A link starts with https:// (or http://)."))


def parse_speakers(text: str) -> list[tuple[str, str, str]]:
    """One speaker a line: ``name | institution | short bio`` (the last two optional)."""
    speakers = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        name, institution, bio = ([part.strip() for part in line.split("|", 2)] + ["", ""])[:3]
        speakers.append((name, institution, bio))
    return speakers


class EventForm(FlaskForm):
    kind = SelectField(
        _l("Kind"), choices=[SelectChoice(kind, label) for kind, label in KIND_LABELS.items()]
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=20000)],
        description=_l("Markdown: what it is about, for whom, what to bring."),
    )
    institution = StringField(
        _l("Organising institution"),
        validators=[Optional(), Length(max=200)],
        description=_l("A university or other institution holding it, if any."),
    )
    organisers = SelectMultipleField(
        _l("Organising agencies"),
        coerce=int,
        validators=[Optional()],
        description=_l("Several for a joint event: each agency's admins see it in their reports."),
    )
    speakers = TextAreaField(
        _l("Speakers"),
        validators=[Optional(), Length(max=20000)],
        description=_l("One a line: name | institution | short bio."),
    )
    competency = CompetencyField(_l("Competency"))
    jp_claimed = FloatField(
        _l("JP claimed"), validators=[DataRequired(), NumberRange(min=0.5, max=200)]
    )
    capacity = IntegerField(
        _l("Seats"), validators=[DataRequired(), NumberRange(min=1, max=100000)]
    )
    open_to_all = BooleanField(_l("Open to ASN of every agency"), default=True)
    audience = SelectMultipleField(
        _l("Only for these agencies"),
        coerce=int,
        validators=[Optional()],
        description=_l("When it is not open to all; an agency includes its units."),
    )
    audience_positions = StringField(
        _l("Only for these positions"),
        validators=[Optional(), Length(max=500)],
        description=_l(
            "Words of the positions it is for, separated by commas (bendahara, kepala "
            "puskesmas); empty for every position."
        ),
    )
    needs_supervisor = BooleanField(_l("Registration needs the direct supervisor's approval"))
    evaluation_required = BooleanField(_l("Completing it needs the evaluation form answered"))
    time_zone = SelectField(_l("Time zone of the deadlines"), choices=ZONE_CHOICES)
    registration_closes = DateField(_l("Registration closes after"), validators=[DataRequired()])
    cancel_until = DateField(_l("Cancellation possible until"), validators=[DataRequired()])
    attendance_percent = IntegerField(
        _l("Attendance needed to complete, in percent of the sessions"),
        default=80,
        validators=[DataRequired(), NumberRange(min=1, max=100)],
    )
    submit = SubmitField(_l("Save"))

    def validate_speakers(self, field) -> None:
        speakers = parse_speakers(field.data)
        if len(speakers) > MAX_SPEAKERS:
            raise ValidationError(
                ngettext("At most %(num)d speaker.", "At most %(num)d speakers.", MAX_SPEAKERS)
            )
        for name, institution, bio in speakers:
            if not name or len(name) > 200 or len(institution) > 200 or len(bio) > 1000:
                raise ValidationError(
                    _l("Each line needs a name (up to 200 characters), then | institution | bio.")
                )

    def validate_audience(self, field) -> None:
        if not self.open_to_all.data and not field.data:
            raise ValidationError(_l("Choose the agencies it is for, or open it to all."))

    def validate_cancel_until(self, field) -> None:
        closes = self.registration_closes.data
        if closes and field.data and field.data < closes:
            raise ValidationError(_l("Cancellation cannot end before registration closes."))


class SessionForm(FlaskForm):
    title = StringField(_l("Topic of the session"), validators=[Optional(), Length(max=300)])
    day = DateField(_l("Date"), validators=[DataRequired()])
    start = TimeField(_l("Starts"), validators=[DataRequired()])
    end = TimeField(_l("Ends"), validators=[DataRequired()])
    time_zone = SelectField(_l("Time zone"), choices=ZONE_CHOICES)
    place = StringField(_l("Place"), validators=[Optional(), Length(max=300)])
    online_url = StringField(
        _l("Online link"),
        validators=[Optional(), Length(max=500), web_address, URL(require_tld=False)],
        description=_l("For a webinar or a hybrid session."),
    )
    submit = SubmitField(_l("Add the session"))

    def validate_end(self, field) -> None:
        if self.start.data and field.data and field.data <= self.start.data:
            raise ValidationError(_l("A session ends after it starts."))

    def validate_place(self, field) -> None:
        if not (field.data or "").strip() and not (self.online_url.data or "").strip():
            raise ValidationError(_l("Give a place, an online link, or both."))


class CheckinForm(FlaskForm):
    code = StringField(
        _l("Check-in code"),
        validators=[DataRequired(), Length(max=12)],
        description=_l("The six digits shown by the organiser."),
        render_kw={"inputmode": "numeric", "autocomplete": "one-time-code"},
    )
    submit = SubmitField(_l("Check in"))


class RosterForm(FlaskForm):
    reason = StringField(
        _l("Reason"),
        validators=[DataRequired(), Length(max=300)],
        description=_l("For example: no phone with them."),
    )
    submit = SubmitField(_l("Mark present"))


class DecisionForm(FlaskForm):
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])
    approve = SubmitField(_l("Approve"))
    decline = SubmitField(_l("Decline"))


class EventJpForm(FlaskForm):
    jp = FloatField(_l("JP approved"), validators=[Optional(), NumberRange(min=0.5, max=200)])
    note = StringField(_l("Note for the organiser"), validators=[Optional(), Length(max=500)])
    approve = SubmitField(_l("Approve the JP"))
    decline = SubmitField(_l("Decline"))


class EvaluationForm(FlaskForm):
    """The reaction survey: a scale of 1 to 5 for each statement, and a comment."""

    comment = TextAreaField(
        _l("Comments and suggestions"),
        validators=[Optional(), Length(max=4000)],
        description=_l("Optional. The organiser reads it without your name."),
    )
    submit = SubmitField(_l("Send my evaluation"))


def evaluation_form(statements, scale) -> EvaluationForm:
    """The form with one required scale per statement (fields named after the items)."""

    class Filled(EvaluationForm):
        pass

    for item, statement in statements.items():
        setattr(
            Filled,
            item,
            RadioField(
                statement,
                choices=[SelectChoice(value, label) for value, label in scale.items()],
                coerce=int,
                validators=[InputRequired(message=_l("Choose one answer."))],
            ),
        )
    return Filled()


class MaterialForm(FlaskForm):
    kind = SelectField(
        _l("Kind"),
        choices=[
            SelectChoice("material", _l("Material (slides, readings)")),
            SelectChoice("recording", _l("Recording")),
        ],
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    url = StringField(
        _l("Link"),
        validators=[Optional(), Length(max=500), web_address, URL(require_tld=False)],
        description=_l("A link, or a file below."),
    )
    file = FileField(_l("File"), description=_l("PDF, slides or a document, at most 20 MB."))
    submit = SubmitField(_l("Add"))


class AttendeeListForm(FlaskForm):
    file = FileField(
        _l("Attendee list (CSV or XLSX)"),
        validators=[FileRequired()],
        description=_l(
            "From the webinar's report: a column NIP or Email (Surel); each row that names "
            "a registered participant marks them present."
        ),
    )
    submit = SubmitField(_l("Mark the attendees present"))


class TestForm(FlaskForm):
    source = TextAreaField(
        _l("The test, as a quiz file"),
        validators=[Optional(), Length(max=200_000)],
        description=_l(
            "The course format's quiz file: front matter with jenis: kuis (nilai_lulus, "
            "percobaan), then the questions. Leave it empty for no test."
        ),
        render_kw={"rows": 20, "spellcheck": "false"},
    )
    pre_test = BooleanField(_l("Also a pre-test, taken once before the first session"))
    post_test_required = BooleanField(_l("Completing the event needs the post-test passed"))
    submit = SubmitField(_l("Check and save"))
