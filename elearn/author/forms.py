"""Trainers' forms: a new course, an upload, a file, a co-trainer, extra attempts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, FileSize
from wtforms import IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Regexp

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_FILE_BYTES = 10 * 1024 * 1024


class NewCourseForm(FlaskForm):
    key = StringField(
        _l("Course id"),
        validators=[
            DataRequired(),
            Length(max=100),
            Regexp(
                r"^[a-z0-9][a-z0-9_-]*$",
                message=_l("Use lower-case letters, digits, - and _ only."),
            ),
        ],
        description=_l("It never changes: learners' progress hangs on it. E.g. dasar-spj."),
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    submit = SubmitField(_l("Create the draft"))


class UploadForm(FlaskForm):
    archive = FileField(
        _l("Zipped course folder"),
        validators=[
            FileRequired(),
            FileSize(MAX_UPLOAD_BYTES, message=_l("The file is larger than 50 MB.")),
        ],
        render_kw={"accept": ".zip,application/zip"},
    )
    submit = SubmitField(_l("Upload as a draft"))


class FileForm(FlaskForm):
    text = TextAreaField(
        _l("Content"),
        validators=[InputRequired(_l("Write the file's content (to remove a file, delete it)."))],
        render_kw={"spellcheck": "false", "rows": 24},
    )
    submit = SubmitField(_l("Save the draft"))


class NewFileForm(FlaskForm):
    path = StringField(
        _l("File name"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("For example 03-spj.md, or modul-2/01-pengantar.md."),
    )
    submit = SubmitField(_l("Add the file"))


class AssetForm(FlaskForm):
    upload = FileField(
        _l("Image or document"),
        validators=[
            FileRequired(),
            FileSize(MAX_FILE_BYTES, message=_l("The file is larger than 10 MB.")),
        ],
    )
    submit = SubmitField(_l("Add to the course"))


class TrainerForm(FlaskForm):
    nip = StringField(
        _l("NIP or e-mail of the trainer"), validators=[DataRequired(), Length(max=254)]
    )
    submit = SubmitField(_l("Add as co-trainer"))


class GrantAttemptsForm(FlaskForm):
    """Extra attempts at one quiz for one learner (the quiz choices are set per page)."""

    item_key = SelectField(_l("Quiz"), validators=[InputRequired()])
    extra = IntegerField(
        _l("Extra attempts"), default=1, validators=[InputRequired(), NumberRange(min=1, max=10)]
    )
    reason = StringField(
        _l("Reason"),
        validators=[DataRequired(), Length(max=500)],
        description=_l("Kept in the audit log, e.g. the network failed during the second attempt."),
    )
    submit = SubmitField(_l("Grant the attempts"))
