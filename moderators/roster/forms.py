"""Forms for moderators' profiles, weekly availability and absences."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    SearchField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from moderators.common.forms import PlainSelect, choices, strip
from moderators.roster.models import LEVELS, STATUSES, level_label, status_label
from moderators.roster.services import PLAIN_FIELDS

LANGUAGE_FIELD_PREFIX = "language_"


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes; works without JavaScript and on a phone."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ProfileForm(FlaskForm):
    """What a moderator keeps about themself; the coordinator's form adds status and notes."""

    first_name = StringField(
        _l("Vorname"), validators=[DataRequired(), Length(max=100)], filters=[strip]
    )
    last_name = StringField(
        _l("Nachname"), validators=[DataRequired(), Length(max=100)], filters=[strip]
    )
    email = EmailField(
        _l("E-Mail-Adresse"), validators=[Optional(), Email(), Length(max=254)], filters=[strip]
    )
    phone = TelField(_l("Telefon"), validators=[Optional(), Length(max=60)], filters=[strip])
    districts = MultiCheckboxField(
        _l("Bezirke, in denen die Person arbeitet"), validate_choice=True
    )
    submit = SubmitField(_l("Speichern"))

    def language_fields(self):
        return [f for f in self if f.name.startswith(LANGUAGE_FIELD_PREFIX)]

    def language_levels(self, languages) -> dict[str, str]:
        """{code: level} of the languages given a level."""
        return {
            lang.code: self[f"{LANGUAGE_FIELD_PREFIX}{lang.id}"].data
            for lang in languages
            if self[f"{LANGUAGE_FIELD_PREFIX}{lang.id}"].data
        }

    def validate_districts(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte mindestens einen Bezirk wählen."))


class ModeratorForm(ProfileForm):
    status = SelectField(_l("Status"))
    notes = TextAreaField(
        _l("Notizen der Koordination"), validators=[Length(max=5000)], filters=[strip]
    )


def _profile_data(moderator) -> dict:
    data = {name: getattr(moderator, name) for name in PLAIN_FIELDS}
    data["districts"] = [d.name for d in moderator.districts]
    data.update(
        {f"{LANGUAGE_FIELD_PREFIX}{link.language_id}": link.level for link in moderator.languages}
    )
    return data


def build_profile_form(form_class, languages, districts, moderator=None, **kwargs):
    """A profile form with one level choice per language and the district checkboxes."""
    level_choices = choices(
        [("", pgettext("language level", "—"))] + [(lvl, level_label(lvl)) for lvl in LEVELS]
    )

    class Form(form_class):
        pass

    for language in languages:
        setattr(
            Form,
            f"{LANGUAGE_FIELD_PREFIX}{language.id}",
            SelectField(language.name, choices=level_choices, default="", validate_choice=True),
        )
    form = Form(data=_profile_data(moderator) if moderator is not None else None, **kwargs)
    form.districts.choices = choices((d.name, d.name) for d in districts)
    if "status" in form:
        form.status.choices = choices((s, status_label(s)) for s in STATUSES)
    return form


class AvailabilityForm(FlaskForm):
    weekday = SelectField(_l("Wochentag"), coerce=int, validators=[InputRequired()])
    starts_at = TimeField(_l("von"), validators=[DataRequired()])
    ends_at = TimeField(_l("bis"), validators=[DataRequired()])
    submit = SubmitField(_l("Zeitfenster hinzufügen"))

    def validate_ends_at(self, field):
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("Das Ende muss nach dem Beginn liegen."))


class AbsenceForm(FlaskForm):
    starts_on = DateField(_l("Erster Tag"), validators=[DataRequired()])
    ends_on = DateField(_l("Letzter Tag"), validators=[DataRequired()])
    note = StringField(_l("Anlass (optional)"), validators=[Length(max=200)], filters=[strip])
    submit = SubmitField(_l("Abwesenheit eintragen"))

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("Das letzte Datum darf nicht vor dem ersten liegen."))


class FilterForm(FlaskForm):
    """The filters above the pool list; read from the query string."""

    class Meta:
        csrf = False

    q = SearchField(_l("Name oder E-Mail"), filters=[strip])
    language = SelectField(_l("Sprache"), validators=[Optional()], widget=PlainSelect())
    district = SelectField(_l("Bezirk"), validators=[Optional()], widget=PlainSelect())
    status = SelectField(_l("Status"), validators=[Optional()], widget=PlainSelect())
    cohort = SelectField(_l("Qualifizierung"), validators=[Optional()], widget=PlainSelect())
    certified_year = SelectField(
        _l("Zertifiziert im Jahr"), validators=[Optional()], widget=PlainSelect()
    )

    def valid_filters(self) -> dict:
        """The filters whose values are among the choices; anything else is ignored."""
        filters = {"q": self.q.data}
        for name in ("language", "district", "status", "cohort", "certified_year"):
            if self[name].data and self[name].validate(self):
                filters[name] = self[name].data
        return filters


def build_filter_form(args, statuses: dict[str, str]) -> FilterForm:
    """The filters, read from `args`; `statuses` holds the label of each status."""
    from moderators.roster.pool_choices import filter_choices

    form = FilterForm(args)
    offered = filter_choices()
    form.language.choices = choices([("", _("Alle Sprachen")), *offered.languages])
    form.district.choices = choices(
        [("", _("Alle Bezirke"))] + [(name, name) for name in offered.districts]
    )
    form.status.choices = choices([("", _("Alle")), *statuses.items()])
    form.cohort.choices = choices([("", _("Alle Durchgänge")), *offered.cohorts])
    form.certified_year.choices = choices(
        [("", _("Alle Jahre"))] + [(str(year), str(year)) for year in offered.years]
    )
    return form
