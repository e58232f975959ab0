"""The form for a topic of information sessions."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from moderators.common.forms import strip


class TopicForm(FlaskForm):
    name_de = StringField(
        _l("Name (Deutsch)"), validators=[DataRequired(), Length(max=160)], filters=[strip]
    )
    name_en = StringField(
        _l("Name (Englisch)"),
        validators=[Length(max=160)],
        filters=[strip],
        description=_l("Erscheint für alle, die die Seiten nicht auf Deutsch lesen."),
    )
    description = TextAreaField(_l("Beschreibung"), validators=[Length(max=1000)], filters=[strip])
    position = IntegerField(
        _l("Position"),
        default=0,
        validators=[Optional(), NumberRange(min=0, max=9999)],
        description=_l("Themen mit kleinerer Positionsnummer stehen in Listen weiter oben."),
    )
    active = BooleanField(
        _l("Aktiv"),
        default=True,
        description=_l(
            "Deaktivierte Themen können nicht mehr gewählt werden. Es wird nichts gelöscht."
        ),
    )
    submit = SubmitField(_l("Speichern"))

    def topic_fields(self) -> dict:
        """The entered values, named as the service expects them."""
        return {
            name: field.data
            for name, field in self._fields.items()
            if name not in {"submit", "csrf_token"}
        }
