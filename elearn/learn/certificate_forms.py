"""Forms of the verification page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, FileSize
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

MAX_PDF_BYTES = 10 * 1024 * 1024


class CodeForm(FlaskForm):
    """A verification code typed from the paper; a plain GET, so no CSRF token."""

    class Meta:
        csrf = False

    code = StringField(
        _l("Verification code"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("As printed on the certificate, e.g. ABCD-EFGH-JKLM."),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    submit = SubmitField(_l("Check"))


class PdfCheckForm(FlaskForm):
    pdf = FileField(
        _l("Certificate PDF"),
        validators=[FileRequired(), FileSize(MAX_PDF_BYTES)],
        description=_l("The file is compared with the one issued; it is not stored."),
        render_kw={"accept": "application/pdf"},
    )
    submit = SubmitField(_l("Compare the file"))
