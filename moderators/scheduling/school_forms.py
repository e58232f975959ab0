"""A school's forms: file a request for a session, cancel an open one."""

from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from moderators.common.forms import choices, strip
from moderators.common.models import utcnow
from moderators.common.timezone import local_datetime, local_today
from moderators.scheduling import queries
from moderators.scheduling.models import MAX_DURATION, MIN_DURATION
from moderators.scheduling.rules import MAX_SLOTS
from moderators.schools.queries import districts

AT_SCHOOL, ELSEWHERE = "school", "elsewhere"
MAX_PARENTS = 1000
# Requests are for the coming school years; a date further ahead is almost always a typo.
MAX_DAYS_AHEAD = 730


def _int_or_none(value):
    if value in (None, ""):
        return None
    return int(value)


def _filled(field) -> bool:
    """Something was typed in, whether or not it is a valid date or time."""
    return bool(field.raw_data and str(field.raw_data[0]).strip())


class RequestForm(FlaskForm):
    language_id = SelectField(
        _l("Sprache"),
        coerce=_int_or_none,
        validators=[InputRequired(message=_l("Bitte wählen Sie eine Sprache."))],
    )
    topic_id = SelectField(
        _l("Thema"),
        coerce=_int_or_none,
        validators=[InputRequired(message=_l("Bitte wählen Sie ein Thema."))],
    )
    # The first preferred time is required, the second and third are optional.
    start_date_1 = DateField(
        _l("Datum"), validators=[DataRequired(message=_l("Bitte geben Sie ein Datum an."))]
    )
    start_time_1 = TimeField(
        _l("Uhrzeit"), validators=[DataRequired(message=_l("Bitte geben Sie eine Uhrzeit an."))]
    )
    start_date_2 = DateField(_l("Datum"), validators=[Optional()])
    start_time_2 = TimeField(_l("Uhrzeit"), validators=[Optional()])
    start_date_3 = DateField(_l("Datum"), validators=[Optional()])
    start_time_3 = TimeField(_l("Uhrzeit"), validators=[Optional()])
    duration_minutes = IntegerField(
        _l("Dauer in Minuten"),
        default=90,
        validators=[InputRequired(message=_l("Bitte geben Sie die Dauer in Minuten an."))],
        description=_l(
            "Zwischen %(min)d und %(max)d Minuten; meist sind es 90 Minuten.",
            min=MIN_DURATION,
            max=MAX_DURATION,
        ),
    )
    expected_parents = IntegerField(
        _l("Erwartete Zahl der Eltern"),
        validators=[
            InputRequired(message=_l("Bitte geben Sie an, wie viele Eltern Sie erwarten.")),
            NumberRange(
                min=1,
                max=MAX_PARENTS,
                message=_l("Bitte geben Sie eine Zahl von 1 bis %(max)d an.", max=MAX_PARENTS),
            ),
        ],
        description=_l("Eine Schätzung genügt."),
    )
    venue = RadioField(
        _l("Ort der Veranstaltung"),
        choices=choices(
            [(AT_SCHOOL, _l("An unserer Schule")), (ELSEWHERE, _l("An einem anderen Ort"))]
        ),
        default=AT_SCHOOL,
    )
    venue_name = StringField(
        _l("Name des Ortes"),
        validators=[Length(max=200)],
        filters=[strip],
        description=_l("Zum Beispiel ein Stadtteilzentrum oder eine Bücherhalle."),
    )
    venue_address = StringField(
        _l("Adresse"),
        validators=[Length(max=300)],
        filters=[strip],
        description=_l("Straße, Hausnummer, Postleitzahl"),
    )
    district_id = SelectField(_l("Bezirk"), coerce=_int_or_none, validators=[Optional()])
    notes = TextAreaField(
        _l("Hinweise"),
        validators=[Length(max=2000)],
        filters=[strip],
        description=_l(
            "Was sollten die Koordinationsstelle und die Moderator*innen wissen? "
            "Zum Beispiel Anlass, Jahrgangsstufe oder Raum."
        ),
    )
    public = BooleanField(
        _l("Die Veranstaltung darf öffentlich angekündigt werden"),
        default=False,
        description=_l(
            "Dann kann sie mit Ort, Zeit und Sprache auf der öffentlichen Seite für Eltern "
            "erscheinen."
        ),
    )
    submit = SubmitField(_l("Anfrage senden"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = {language.id: language for language in queries.languages_for_request()}
        self.topics = {topic.id: topic for topic in queries.topics_for_request()}
        please_choose = ("", _("Bitte wählen"))
        self.language_id.choices = choices(
            [please_choose, *((i, language.name) for i, language in self.languages.items())]
        )
        self.topic_id.choices = choices(
            [please_choose, *((i, topic.name) for i, topic in self.topics.items())]
        )
        self.districts = {district.id: district for district in districts()}
        self.district_id.choices = choices(
            [please_choose, *((i, district.name) for i, district in self.districts.items())]
        )

    def slot_fields(self) -> list[tuple]:
        """The three (date, time) pairs of preferred start times, in order."""
        return [(self[f"start_date_{n}"], self[f"start_time_{n}"]) for n in range(1, MAX_SLOTS + 1)]

    def validate(self, extra_validators=None) -> bool:
        checks = [super().validate(extra_validators), self._check_slots(), self._check_venue()]
        return all(checks)

    def _check_slots(self) -> bool:
        ok, seen = True, set()
        now, today = utcnow(), local_today()
        for day, at in self.slot_fields():
            if _filled(day) != _filled(at):
                missing = at if _filled(day) else day
                if not missing.errors:
                    missing.errors.append(
                        _("Bitte geben Sie auch eine Uhrzeit an.")
                        if missing is at
                        else _("Bitte geben Sie auch ein Datum an.")
                    )
                ok = False
                continue
            if day.data is None or at.data is None:
                continue
            moment = local_datetime(day.data, at.data)
            if day.data > today + timedelta(days=MAX_DAYS_AHEAD):
                day.errors.append(_("Bitte wählen Sie einen Termin in den nächsten zwei Jahren."))
                ok = False
            elif moment <= now:
                # Today, but earlier: the time is at fault; an earlier day: the date.
                (at if day.data == today else day).errors.append(
                    _("Dieser Termin liegt in der Vergangenheit.")
                )
                ok = False
            elif moment in seen:
                day.errors.append(_("Diesen Termin haben Sie schon angegeben."))
                ok = False
            seen.add(moment)
        return ok

    def _check_venue(self) -> bool:
        if self.venue.data != ELSEWHERE:
            if self.venue_name.data or self.venue_address.data:
                self.venue.errors.append(
                    _(
                        "Sie haben einen anderen Ort eingetragen. Wählen Sie bitte "
                        "„An einem anderen Ort“ oder leeren Sie die Felder des Ortes."
                    )
                )
                return False
            return True
        missing = [
            (self.venue_name, _("Bitte geben Sie den Namen des Ortes an.")),
            (self.venue_address, _("Bitte geben Sie die Adresse an.")),
            (self.district_id, _("Bitte wählen Sie den Bezirk.")),
        ]
        ok = True
        for field, message in missing:
            if not field.data and not field.errors:
                field.errors.append(message)
                ok = False
        return ok

    def preferred_starts(self) -> list[datetime]:
        """The filled pairs as aware UTC points in time (entered as Hamburg wall-clock time)."""
        return [
            local_datetime(day.data, at.data)
            for day, at in self.slot_fields()
            if day.data is not None and at.data is not None
        ]

    def request_fields(self) -> dict:
        """The entered values, named as services.create_request expects them."""
        elsewhere = self.venue.data == ELSEWHERE
        return {
            "language": self.languages.get(self.language_id.data),
            "topic": self.topics.get(self.topic_id.data),
            "preferred_starts": self.preferred_starts(),
            "duration_minutes": self.duration_minutes.data,
            "expected_parents": self.expected_parents.data,
            "venue_name": self.venue_name.data if elsewhere else "",
            "venue_address": self.venue_address.data if elsewhere else "",
            "district": self.districts.get(self.district_id.data) if elsewhere else None,
            "notes": self.notes.data,
            "public": self.public.data,
        }

    def validate_duration_minutes(self, field):
        if field.data is not None and not MIN_DURATION <= field.data <= MAX_DURATION:
            raise ValidationError(
                _(
                    "Die Dauer muss zwischen %(min)d und %(max)d Minuten liegen.",
                    min=MIN_DURATION,
                    max=MAX_DURATION,
                )
            )


class CancelRequestForm(FlaskForm):
    reason = StringField(_l("Grund (freiwillig)"), validators=[Length(max=500)], filters=[strip])
