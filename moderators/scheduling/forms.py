"""Forms of the coordinator's scheduling pages: scheduling, planning, changes."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from moderators.common.forms import PlainSelect, choices, strip
from moderators.common.routing import MAX_ID
from moderators.common.timezone import local_datetime
from moderators.roster.queries import all_districts, languages_for_choice
from moderators.scheduling import queries
from moderators.scheduling.booking import ASSIGN, OFFER
from moderators.scheduling.models import MAX_DURATION, MIN_DURATION


def int_or_none(value):
    if value in (None, ""):
        return None
    return int(value)


def mode_choices():
    # i18n: how a session goes to the chosen moderators: as an offer they answer, or booked
    return choices([(OFFER, _("Anbieten")), (ASSIGN, _("Direkt einteilen"))])


class ScheduleForm(FlaskForm):
    """Turn a request into a session at one preferred time, for the moderators ticked."""

    slot = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    moderator_ids = SelectMultipleField(_l("Moderator*innen"), coerce=int, validate_choice=False)
    mode = RadioField(
        _l("Anbieten oder direkt einteilen?"), default=OFFER, validators=[InputRequired()]
    )
    submit = SubmitField(_l("Zu dieser Zeit einplanen"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode.choices = mode_choices()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        picked = self.moderator_ids.data or []
        if any(not 1 <= moderator_id <= MAX_ID for moderator_id in picked):
            self.moderator_ids.errors = [_("Unbekannte Moderator*in.")]
            return False
        if not picked:
            self.moderator_ids.errors = [_("Bitte wählen Sie mindestens eine Person.")]
            return False
        if self.mode.data == ASSIGN and len(picked) > 1:
            self.moderator_ids.errors = [
                _(
                    "Direkt einteilen können Sie nur eine Person. "
                    "Mehreren Personen können Sie die Veranstaltung anbieten."
                )
            ]
            return False
        return valid


class UnfilledForm(FlaskForm):
    reason = TextAreaField(
        _l("Grund"),
        validators=[DataRequired(), Length(max=500)],
        filters=[strip],
        description=_l("Die Schule erhält diesen Text per E-Mail."),
    )
    submit = SubmitField(_l("Als nicht besetzbar markieren"))


class AssignmentForm(FlaskForm):
    """One more moderator for a session: the candidate's row has a button per mode."""

    moderator_id = IntegerField(validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)])
    mode = SelectField(validators=[InputRequired()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode.choices = mode_choices()


class DirectAssignmentForm(FlaskForm):
    """Book one more moderator on a session that has begun: offers can no longer be answered,
    so the session page offers a plain choice of the active speakers of its language."""

    moderator_id = SelectField(
        _l("Moderator*in"),
        coerce=int_or_none,
        validators=[InputRequired()],
        widget=PlainSelect(),  # all active speakers of the language: hundreds, in a large pool
    )
    mode = StringField(widget=HiddenInput(), default=ASSIGN)
    submit = SubmitField(_l("Direkt einteilen"))

    def __init__(self, speakers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.moderator_id.choices = choices(
            [("", _("Bitte wählen"))] + [(m.id, f"{m.last_name}, {m.first_name}") for m in speakers]
        )


class _WhenForm(FlaskForm):
    day = DateField(_l("Datum"), validators=[DataRequired()])
    starts = TimeField(_l("Uhrzeit"), validators=[DataRequired()])
    duration_minutes = IntegerField(
        _l("Dauer in Minuten"),
        default=90,
        validators=[InputRequired(), NumberRange(min=MIN_DURATION, max=MAX_DURATION)],
    )

    def starts_at(self):
        """The wall-clock time in Hamburg as a UTC point in time."""
        return local_datetime(self.day.data, self.starts.data)


class RescheduleForm(_WhenForm):
    reason = StringField(
        _l("Grund"),
        validators=[DataRequired(), Length(max=500)],
        filters=[strip],
        description=_l("Die Beteiligten erhalten ihn mit der neuen Zeit per E-Mail."),
    )
    submit = SubmitField(_l("Verschieben"))


class CancelForm(FlaskForm):
    reason = StringField(
        _l("Grund"),
        validators=[DataRequired(), Length(max=500)],
        filters=[strip],
        description=_l("Die Beteiligten erhalten ihn mit der Absage per E-Mail."),
    )
    submit = SubmitField(_l("Veranstaltung absagen"))


class SessionForm(_WhenForm):
    """A session planned without a request: at a school, or at another place."""

    language_id = SelectField(_l("Sprache"), coerce=int_or_none, validators=[InputRequired()])
    topic_id = SelectField(_l("Thema"), coerce=int_or_none, validators=[InputRequired()])
    school_id = SelectField(
        _l("Schule oder Einrichtung"),
        coerce=int_or_none,
        validators=[Optional()],
        description=_l("„Keine Schule“ wählen, wenn die Veranstaltung woanders stattfindet."),
    )
    venue_name = StringField(
        _l("Ort"),
        validators=[Length(max=200)],
        filters=[strip],
        description=_l(
            "Etwa ein Stadtteilzentrum. Bei einer Schule leer lassen: "
            "Dann gelten Name und Adresse der Schule."
        ),
    )
    venue_address = StringField(_l("Adresse"), validators=[Length(max=300)], filters=[strip])
    district_id = SelectField(
        _l("Bezirk"),
        coerce=int_or_none,
        validators=[Optional()],
        description=_l("Bei einer Schule ihr Bezirk, wenn Sie keinen anderen wählen."),
    )
    moderators_needed = IntegerField(
        _l("Benötigte Moderator*innen"),
        default=1,
        validators=[InputRequired(), NumberRange(min=1, max=10)],
    )
    expected_parents = IntegerField(
        _l("Erwartete Eltern"), default=0, validators=[Optional(), NumberRange(min=0, max=10_000)]
    )
    past = BooleanField(
        _l("Die Veranstaltung hat schon stattgefunden (Nachtrag)"),
        description=_l(
            "Für Veranstaltungen, die nachgetragen werden, etwa aus den Jahren vor der App. "
            "Moderator*innen teilen Sie dann direkt ein, ohne Angebot."
        ),
    )
    public = BooleanField(
        _l("Öffentlich ankündigen"),
        description=_l("Die Veranstaltung erscheint auf der Seite für Eltern."),
    )
    notes = TextAreaField(_l("Notizen"), validators=[Length(max=5000)], filters=[strip])
    submit = SubmitField(_l("Veranstaltung anlegen"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language_id.choices = choices(
            [("", _("Bitte wählen"))] + [(lang.id, lang.name) for lang in languages_for_choice()]
        )
        self.topic_id.choices = choices(
            [("", _("Bitte wählen"))] + [(t.id, t.name) for t in queries.topics_for_planning()]
        )
        self.school_id.choices = choices(
            [("", _("Keine Schule: anderer Ort"))]
            + [(s.id, f"{s.name} ({s.district.name})") for s in queries.schools_for_planning()]
        )
        self.district_id.choices = choices([("", "—")] + [(d.id, d.name) for d in all_districts()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.school_id.data is None and not self.school_id.errors:
            if not self.venue_name.data:
                self.venue_name.errors = [
                    *self.venue_name.errors,
                    _("Bitte wählen Sie eine Schule oder nennen Sie den Ort."),
                ]
                valid = False
            if self.district_id.data is None:
                self.district_id.errors = [
                    *self.district_id.errors,
                    _("Bitte wählen Sie den Bezirk des Ortes."),
                ]
                valid = False
        return valid
