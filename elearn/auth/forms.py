"""Forms for signing in and managing a password."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from elearn.accounts import password_problem


def _acceptable_password(_form, field) -> None:
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


class LoginForm(FlaskForm):
    identifier = StringField(
        _l("NIP or e-mail"),
        validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "username", "autofocus": True},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()
    submit = SubmitField(_l("Sign in"))


class NewPasswordMixin:
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), _acceptable_password],
        description=_l(
            "At least 10 characters, not digits only. A short sentence is easy to remember."
        ),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Change password"))


class ResetRequestForm(FlaskForm):
    identifier = StringField(_l("NIP or e-mail"), validators=[DataRequired(), Length(max=254)])
    submit = SubmitField(_l("Send reset link"))


class ResetPasswordForm(NewPasswordMixin, FlaskForm):
    submit = SubmitField(_l("Set new password"))


class ActivationForm(NewPasswordMixin, FlaskForm):
    nip = StringField(
        _l("NIP"),
        validators=[DataRequired(), Length(max=40)],
        render_kw={"autocomplete": "username", "inputmode": "numeric"},
    )
    code = StringField(
        _l("Activation code"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("As printed on your slip, e.g. K7QX-9MPA-3RTD."),
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "characters"},
    )
    submit = SubmitField(_l("Activate my account"))


class LogoutForm(FlaskForm):
    submit = SubmitField(_l("Sign out"))


class LanguageForm(FlaskForm):
    next = HiddenField()
