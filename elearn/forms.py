"""Forms every blueprint shares."""

from flask_wtf import FlaskForm


class ActionForm(FlaskForm):
    """A button that changes state (enrol, mark done): only its CSRF token."""
