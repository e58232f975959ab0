"""Forms to add and edit a language."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Regexp

from moderators.common.forms import strip

# A language subtag, optionally followed by a region (fa-AF) or a script (sr-Latn).
CODE_PATTERN = r"^[a-z]{2,3}(-[A-Z]{2}|-[A-Za-z]{4})?$"

DIRECTION_CHOICES = [
    # i18n: the text direction is taken from the language code
    SelectChoice("", _l("automatisch nach Sprachcode")),
    SelectChoice("ltr", _l("von links nach rechts")),
    SelectChoice("rtl", _l("von rechts nach links")),
]


def canonical_code(value):
    """Write a BCP 47 code the usual way: fa-af → fa-AF, sr-latn → sr-Latn."""
    if not isinstance(value, str):
        return value
    parts = value.strip().replace("_", "-").split("-")
    if not all(re.fullmatch(r"[A-Za-z]+", part) for part in parts):
        return value.strip()
    subtags = [parts[0].lower()]
    for part in parts[1:]:
        subtags.append(part.upper() if len(part) == 2 else part.capitalize())
    return "-".join(subtags)


class LanguageForm(FlaskForm):
    name_de = StringField(
        _l("Deutscher Name"),
        validators=[DataRequired(), Length(max=80)],
        filters=[strip],
        description=_l("Wird gezeigt, wenn für die Sprache der Oberfläche kein Name bekannt ist."),
    )
    direction = SelectField(_l("Schreibrichtung"), choices=DIRECTION_CHOICES, default="")
    active = BooleanField(
        _l("Aktiv"),
        default=True,
        description=_l(
            "Nur aktive Sprachen stehen bei Anfragen von Schulen und in den Profilen zur Auswahl."
        ),
    )
    submit = SubmitField(_l("Speichern"))


class NewLanguageForm(LanguageForm):
    code = StringField(
        _l("Sprachcode"),
        validators=[
            DataRequired(),
            Length(max=20),
            Regexp(
                CODE_PATTERN,
                message=_l("Bitte geben Sie einen Sprachcode nach BCP 47 an, z. B. tr oder fa-AF."),
            ),
        ],
        filters=[canonical_code],
        description=_l("BCP 47, z. B. tr, fa-AF, ckb oder rom. Später nicht mehr änderbar."),
    )
