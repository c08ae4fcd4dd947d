"""Forms of the idea board."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    FloatField,
    IntegerField,
    MultipleFileField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from elearn.competencies import CompetencyField
from elearn.ideas.board import NEXT_STAGES, STAGE_LABELS

MARKDOWN = _l("Markdown: **bold**, lists, links.")


class IdeaForm(FlaskForm):
    title = StringField(
        _l("The idea in one line"),
        validators=[DataRequired(), Length(min=10, max=200)],
        description=_l("For example: Queue numbers by WhatsApp at the health centre."),
    )
    agency = SelectField(_l("Agency whose service it improves"), coerce=int)
    service = StringField(
        _l("Public service concerned"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("For example: outpatient registration, building permits."),
    )
    problem = TextAreaField(
        _l("The problem: who suffers it, and the evidence"),
        validators=[DataRequired(), Length(min=30, max=10000)],
        description=MARKDOWN,
    )
    proposal = TextAreaField(
        _l("What you propose"),
        validators=[DataRequired(), Length(min=30, max=10000)],
        description=MARKDOWN,
    )
    benefit = TextAreaField(
        _l("Expected benefit"), validators=[Optional(), Length(max=5000)], description=MARKDOWN
    )
    tags = StringField(
        _l("Tags"),
        validators=[Optional(), Length(max=300)],
        description=_l("Separated by commas: antrean, digital, kesehatan."),
    )
    check = SubmitField(_l("Check for similar ideas"))
    post = SubmitField(_l("Post the idea"))


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Your comment"),
        validators=[DataRequired(), Length(max=5000)],
        description=_l(
            "Markdown: **bold**, lists, links. Mention a colleague with @ and their full name "
            "(@Budi Santoso): they are told."
        ),
    )
    submit = SubmitField(_l("Send"))


def stage_form(stage: str) -> StageForm:
    """The innovation team's decision on an idea at ``stage``: the stages it may go to."""
    form = StageForm()
    form.stage.choices = [SelectChoice(s, STAGE_LABELS[s]) for s in NEXT_STAGES[stage]]
    return form


class StageForm(FlaskForm):
    stage = SelectField(_l("Move to"))
    note = TextAreaField(
        _l("Note for the author and supporters"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Required when the idea is not pursued."),
    )
    result_before = StringField(
        _l("Before (a figure)"),
        validators=[Optional(), Length(max=500)],
        description=_l("When put in place: for example, waiting time 95 minutes."),
    )
    result_after = StringField(
        _l("After (a figure)"),
        validators=[Optional(), Length(max=500)],
        description=_l("For example: waiting time 30 minutes."),
    )
    submit = SubmitField(_l("Save the decision"))


class TeamMemberForm(FlaskForm):
    agency = SelectField(_l("Agency"), coerce=int)
    nip = StringField(_l("NIP of the member"), validators=[DataRequired(), Length(max=18)])
    submit = SubmitField(_l("Add to the innovation team"))


class MinutesForm(FlaskForm):
    minutes = TextAreaField(
        _l("Minutes"),
        validators=[Optional(), Length(max=50000)],
        description=_l("Markdown: who attended, what was discussed, what was decided."),
        render_kw={"rows": 10},
    )
    submit = SubmitField(_l("Save the minutes"))


class RepeatForm(FlaskForm):
    months = IntegerField(
        _l("Months ahead"),
        default=3,
        validators=[DataRequired(), NumberRange(min=1, max=12)],
        description=_l(
            "Each on the same weekday of its month: a first Monday stays a first Monday."
        ),
    )
    submit = SubmitField(_l("Schedule the next meetings"))


class ProjectForm(FlaskForm):
    title = StringField(_l("Project title"), validators=[DataRequired(), Length(max=200)])
    goal = TextAreaField(
        _l("What the project changes, for whom"),
        validators=[DataRequired(), Length(max=10000)],
        description=MARKDOWN,
    )
    team = StringField(
        _l("Team"),
        validators=[Optional(), Length(max=500)],
        description=_l("Colleagues who work on it with you, separated by commas."),
    )
    coach = StringField(
        _l("Coach"),
        validators=[Optional(), Length(max=200)],
        description=_l("A widyaiswara or other coach, if you have one."),
    )
    mentor_nip = StringField(
        _l("Mentor's NIP"),
        validators=[Optional(), Length(max=30)],
        description=_l(
            "Leave it empty for your direct supervisor. Your supervisor still approves the JP."
        ),
    )
    milestones = TextAreaField(
        _l("Milestones"),
        validators=[DataRequired(), Length(max=5000)],
        description=_l("One a line: the date it is due | what is done by then."),
        render_kw={"rows": 6},
    )
    submit = SubmitField(_l("Start the project"))


class EvidenceForm(FlaskForm):
    evidence = TextAreaField(
        _l("Evidence"),
        validators=[DataRequired(), Length(max=10000)],
        description=_l("What was done, with links to documents."),
    )
    files = MultipleFileField(
        _l("Photos and documents"),
        description=_l("Up to 5 files of 10 MB: photos, PDF or office documents."),
    )
    submit = SubmitField(_l("Send to my mentor"))


class ImageForm(FlaskForm):
    image = FileField(
        _l("Photo or picture"),
        validators=[FileRequired(_l("Choose a photo or a picture."))],
        description=_l("A photo of the problem, a sketch of the proposal (JPEG, PNG or WebP)."),
        render_kw={"accept": "image/jpeg,image/png,image/webp,image/gif"},
    )
    caption = StringField(
        _l("What it shows"),
        validators=[DataRequired(), Length(max=300)],
        description=_l("Read aloud to those who cannot see the image."),
    )
    submit = SubmitField(_l("Add the image"))


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("Progress note"),
        validators=[DataRequired(), Length(max=5000)],
        description=_l("What moved, what is stuck, what you advise. The other reads it."),
        render_kw={"rows": 3},
    )
    submit = SubmitField(_l("Add the note"))


class FinishForm(FlaskForm):
    report = TextAreaField(
        _l("Final report"),
        validators=[DataRequired(), Length(min=50, max=20000)],
        description=MARKDOWN,
        render_kw={"rows": 10},
    )
    jp = FloatField(_l("JP asked for"), validators=[DataRequired(), NumberRange(min=0.5, max=100)])
    competency = CompetencyField(_l("Competency"))
    submit = SubmitField(_l("Finish the project"))
