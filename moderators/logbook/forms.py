"""Forms of the logbook: the report on a session and an activity outside sessions."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import TextInput

from moderators.common.forms import choices, strip
from moderators.common.timezone import local_today
from moderators.logbook.models import ACTIVITY_TYPES, MAX_MINUTES, MAX_PEOPLE, activity_type_label
from moderators.logbook.rules import TEXT_LENGTH
from moderators.roster.forms import MultiCheckboxField

YES, NO = "yes", "no"
REASON_LENGTH = 500  # EventReport.reason_if_not holds 500 characters
# A text box with the phone's number pad: type="number" would turn the mouse wheel into edits
# and refuses to show what was typed when it is not a number.
NUMERIC = {"inputmode": "numeric", "pattern": "[0-9]*", "autocomplete": "off"}


def count_field(label, low: int, high: int, required: bool = False, **kwargs) -> IntegerField:
    """A whole number from `low` to `high`, typed on the number pad."""
    return IntegerField(
        label,
        widget=TextInput(),
        validators=[
            InputRequired() if required else Optional(),
            NumberRange(
                min=low,
                max=high,
                message=_l("Bitte eine Zahl von %(min)d bis %(max)d angeben."),
            ),
        ],
        render_kw=NUMERIC,
        **kwargs,
    )


def text_field(label, length: int = TEXT_LENGTH, rows: int = 3, **kwargs) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[Length(max=length, message=_l("Höchstens %(max)d Zeichen."))],
        filters=[strip],
        render_kw={"rows": rows},
        **kwargs,
    )


def language_choices(languages) -> list:
    return choices((lang.id, lang.name) for lang in languages)


class ReportForm(FlaskForm):
    """What a moderator reports after a session; the same form writes and corrects it."""

    took_place = RadioField(
        _l("Hat die Veranstaltung stattgefunden?"),
        choices=choices([(YES, _l("Ja")), (NO, _l("Nein"))]),
        default=YES,
        validators=[InputRequired(message=_l("Bitte Ja oder Nein wählen."))],
    )
    reason_if_not = text_field(
        _l("Falls nicht: Warum nicht?"),
        length=REASON_LENGTH,
        rows=2,
        description=_l(
            "Zum Beispiel: Raum nicht frei, keine Eltern gekommen, Schule hat abgesagt."
        ),
    )
    parents_reached = count_field(_l("Erreichte Eltern"), 0, MAX_PEOPLE)
    languages = MultiCheckboxField(_l("Tatsächlich gesprochene Sprachen"), coerce=int)
    duration_minutes = count_field(_l("Dauer in Minuten"), 0, MAX_MINUTES)
    travel_minutes = count_field(
        _l("Fahrzeit in Minuten"),
        0,
        MAX_MINUTES,
        default=0,
        description=_l("Hin- und Rückweg zusammen."),
    )
    topics_covered = text_field(_l("Besprochene Themen"))
    questions = text_field(_l("Fragen der Eltern"))
    notes = text_field(_l("Hinweise für die Koordination"))
    submit = SubmitField(_l("Bericht senden"))

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.languages.choices = language_choices(languages)

    @property
    def held(self) -> bool:
        return self.took_place.data != NO

    def validate_reason_if_not(self, field):
        if not self.held and not field.data:
            raise ValidationError(_("Bitte angeben, warum sie nicht stattfand."))

    def validate(self, extra_validators=None) -> bool:
        """What did not take place needs no numbers; what did needs them. (Checked here: an
        empty number field stops its own validators before any validate_<field> runs.)"""
        valid = super().validate(extra_validators)
        if not self.held:
            return valid
        parents, duration = self.parents_reached, self.duration_minutes
        if parents.data is None and not parents.errors:
            parents.errors.append(_("Bitte die Zahl der erreichten Eltern angeben."))
            valid = False
        if not duration.data and not duration.errors:
            duration.errors.append(_("Bitte die Dauer in Minuten angeben."))
            valid = False
        return valid

    def validate_languages(self, field):
        if self.held and not field.data:
            raise ValidationError(_("Bitte mindestens eine Sprache angeben."))

    def report_fields(self, languages_by_id: dict) -> dict:
        """The form's values as the logbook services take them."""
        return {
            "took_place": self.held,
            "reason_if_not": self.reason_if_not.data or "",
            "parents_reached": self.parents_reached.data or 0,
            "languages": [languages_by_id[i] for i in self.languages.data or ()],
            "duration_minutes": self.duration_minutes.data or 0,
            "travel_minutes": self.travel_minutes.data or 0,
            "topics_covered": self.topics_covered.data or "",
            "questions": self.questions.data or "",
            "notes": self.notes.data or "",
        }


def report_form_data(report) -> dict:
    """A saved report as the form shows it."""
    return {
        "took_place": YES if report.took_place else NO,
        "reason_if_not": report.reason_if_not,
        "parents_reached": report.parents_reached,
        "languages": [lang.id for lang in report.languages],
        "duration_minutes": report.duration_minutes,
        "travel_minutes": report.travel_minutes,
        "topics_covered": report.topics_covered,
        "questions": report.questions,
        "notes": report.notes,
    }


class ActivityForm(FlaskForm):
    """Work outside a scheduled session: counselling, accompanying, a network event, ..."""

    type = SelectField(_l("Art der Tätigkeit"), validators=[InputRequired()])
    held_on = DateField(
        _l("Datum"),
        default=local_today,
        validators=[DataRequired(message=_l("Bitte ein Datum angeben."))],
    )
    duration_minutes = count_field(_l("Dauer in Minuten"), 1, MAX_MINUTES, required=True)
    languages = MultiCheckboxField(_l("Sprachen (freiwillig)"), coerce=int)
    people_reached = count_field(
        _l("Erreichte Personen"),
        0,
        MAX_PEOPLE,
        default=0,
        description=_l("Eltern, Familienmitglieder oder Teilnehmende."),
    )
    notes = text_field(_l("Notizen"), rows=4)
    submit = SubmitField(_l("Tätigkeit speichern"))

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.type.choices = choices((kind, activity_type_label(kind)) for kind in ACTIVITY_TYPES)
        self.languages.choices = language_choices(languages)

    def validate_held_on(self, field):
        if field.data and field.data > local_today():
            raise ValidationError(_("Das Datum liegt in der Zukunft."))

    def activity_fields(self, languages_by_id: dict) -> dict:
        return {
            "type": self.type.data,
            "held_on": self.held_on.data,
            "duration_minutes": self.duration_minutes.data,
            "languages": [languages_by_id[i] for i in self.languages.data or ()],
            "people_reached": self.people_reached.data or 0,
            "notes": self.notes.data or "",
        }


def activity_form_data(activity) -> dict:
    return {
        "type": activity.type,
        "held_on": activity.held_on,
        "duration_minutes": activity.duration_minutes,
        "languages": [lang.id for lang in activity.languages],
        "people_reached": activity.people_reached,
        "notes": activity.notes,
    }
