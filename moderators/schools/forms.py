"""Forms for keeping schools and inviting their contacts; the list filter form."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    SearchField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from moderators.common.forms import PlainSelect, choices, strip
from moderators.schools import queries
from moderators.schools.models import SCHOOL_TYPES


def _district_choices(empty_label) -> list:
    districts = ((district.id, district.name) for district in queries.districts())
    return choices([("", empty_label), *districts])


def _int_or_none(value):
    if value in (None, ""):
        return None
    return int(value)


class SchoolForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)], filters=[strip])
    type = SelectField(
        _l("Art der Einrichtung"),
        choices=choices([("", _l("Bitte wählen")), *SCHOOL_TYPES.items()]),
        validators=[InputRequired()],
    )
    district_id = SelectField(_l("Bezirk"), coerce=_int_or_none, validators=[InputRequired()])
    address = StringField(
        _l("Adresse"),
        validators=[Length(max=300)],
        filters=[strip],
        description=_l("Straße, Hausnummer, Postleitzahl"),
    )
    # i18n: the contact person's name, in the group of fields headed "Ansprechperson"
    contact_name = StringField(_l("Name"), validators=[Length(max=160)], filters=[strip])
    contact_email = EmailField(
        _l("E-Mail-Adresse"),
        validators=[Optional(), Email(), Length(max=254)],
        filters=[strip],
    )
    contact_phone = StringField(_l("Telefon"), validators=[Length(max=60)], filters=[strip])
    notes = TextAreaField(
        _l("Notizen"),
        filters=[strip],
        description=_l("Nur für die Koordinationsstelle sichtbar."),
    )
    active = BooleanField(
        _l("Aktiv"),
        default=True,
        description=_l(
            "Nehmen Sie den Haken heraus, wenn die Einrichtung nicht mehr teilnimmt. "
            "Es wird nichts gelöscht."
        ),
    )
    submit = SubmitField(_l("Speichern"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.district_id.choices = _district_choices(_("Bitte wählen"))

    def school_fields(self) -> dict:
        """The entered values, named as the service expects them."""
        return {
            name: field.data
            for name, field in self._fields.items()
            if name not in {"submit", "csrf_token"}
        }


class SchoolFilterForm(FlaskForm):
    """The filters above the list of schools: a GET form, so filtered lists can be bookmarked."""

    class Meta:
        csrf = False

    q = SearchField(_l("Name enthält"), filters=[strip])
    district = SelectField(_l("Bezirk"), coerce=_int_or_none, widget=PlainSelect())
    type = SelectField(_l("Art"))
    status = SelectField(_l("Status"), default=queries.ACTIVE)

    def __init__(self, formdata, **kwargs):
        super().__init__(formdata, **kwargs)
        self.district.choices = _district_choices(_("Alle Bezirke"))
        self.type.choices = choices([("", _("Alle Arten")), *SCHOOL_TYPES.items()])
        self.status.choices = choices(
            [
                (queries.ACTIVE, pgettext("schools filter", "Aktive")),
                (queries.INACTIVE, pgettext("schools filter", "Deaktivierte")),
                (queries.ALL, pgettext("schools filter", "Alle")),
            ]
        )

    def criteria(self) -> dict:
        """Valid filter values as arguments of queries.schools_select; bad values are ignored."""
        self.validate()
        return {
            "search": self.q.data if not self.q.errors else None,
            "district_id": self.district.data if not self.district.errors else None,
            "school_type": self.type.data if not self.type.errors else None,
            "status": self.status.data if not self.status.errors else queries.ACTIVE,
        }
