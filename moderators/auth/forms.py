"""Forms for sign-in, invitations and account settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo

from moderators.auth.passwords import GoodPassword
from moderators.common.forms import strip


class LoginForm(FlaskForm):
    email = EmailField(_l("E-Mail-Adresse"), validators=[DataRequired(), Email()], filters=[strip])
    password = PasswordField(_l("Passwort"), validators=[DataRequired()])
    remember = BooleanField(_l("Angemeldet bleiben"))
    submit = SubmitField(_l("Anmelden"))


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Neues Passwort"),
        validators=[DataRequired(), GoodPassword()],
        description=_l("Mindestens 12 Zeichen. Ein Satz, den Sie sich merken können, ist gut."),
    )
    confirm = PasswordField(
        _l("Passwort wiederholen"),
        validators=[
            DataRequired(),
            EqualTo("password", message=_l("Die beiden Passwörter stimmen nicht überein.")),
        ],
    )
    submit = SubmitField(_l("Passwort festlegen"))


class ChangePasswordForm(SetPasswordForm):
    current_password = PasswordField(_l("Aktuelles Passwort"), validators=[DataRequired()])
    submit = SubmitField(_l("Passwort ändern"))


class ChangeEmailForm(FlaskForm):
    email = EmailField(
        _l("Neue E-Mail-Adresse"), validators=[DataRequired(), Email()], filters=[strip]
    )
    current_password = PasswordField(
        _l("Aktuelles Passwort"),
        validators=[DataRequired()],
        description=_l("Zur Sicherheit: Ihr Passwort, mit dem Sie sich anmelden."),
    )
    submit = SubmitField(_l("E-Mail-Adresse ändern"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-Mail-Adresse"), validators=[DataRequired(), Email()], filters=[strip])
    submit = SubmitField(_l("Link anfordern"))


class InviteForm(FlaskForm):
    email = EmailField(_l("E-Mail-Adresse"), validators=[DataRequired(), Email()], filters=[strip])
    submit = SubmitField(_l("Einladung senden"))


class LocaleForm(FlaskForm):
    locale = SelectField(_l("Sprache der Oberfläche"), validators=[DataRequired()])
    submit = SubmitField(_l("Speichern"))
