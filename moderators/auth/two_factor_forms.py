"""Forms for two-factor sign-in: the code at sign-in, turning it on and turning it off."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Regexp


def _without_blanks(value):
    """Apps show the code as "123 456"; people type it either way."""
    return "".join(value.split()) if isinstance(value, str) else value


def code_field():
    return StringField(
        _l("Code aus der Authenticator-App"),
        validators=[
            DataRequired(),
            Regexp(r"^\d{6}$", message=_l("Bitte geben Sie die 6 Ziffern des Codes ein.")),
        ],
        filters=[_without_blanks],
        description=_l("6 Ziffern; die App zeigt alle 30 Sekunden einen neuen Code."),
    )


class TwoFactorCodeForm(FlaskForm):
    code = code_field()
    submit = SubmitField(_l("Bestätigen"))


class EnableTwoFactorForm(FlaskForm):
    code = code_field()
    submit = SubmitField(_l("Einschalten"))


class DisableTwoFactorForm(FlaskForm):
    password = PasswordField(_l("Aktuelles Passwort"), validators=[DataRequired()])
    code = code_field()
    submit = SubmitField(_l("Ausschalten"))
