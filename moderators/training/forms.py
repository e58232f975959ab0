"""Forms for cohorts, modules, enrolment, attendance and dropping out."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext, pgettext
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from moderators.common.forms import choices, strip
from moderators.common.timezone import local_datetime
from moderators.training.models import ATTENDANCE_STATUSES, attendance_label

ATTENDANCE_FIELD_PREFIX = "attendance_"


class CohortForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=160)], filters=[strip])
    starts_on = DateField(_l("Beginn"), validators=[DataRequired()])
    ends_on = DateField(_l("Ende"), validators=[DataRequired()])
    venue = StringField(_l("Ort"), validators=[Length(max=300)], filters=[strip])
    capacity = IntegerField(
        _l("Plätze"), validators=[DataRequired(), NumberRange(min=1, max=500)], default=20
    )
    trainers = StringField(
        _l("Referent*innen"),
        validators=[Length(max=500)],
        filters=[strip],
        description=_l("Namen, durch Komma getrennt."),
    )
    notes = TextAreaField(_l("Notizen"), validators=[Length(max=5000)], filters=[strip])
    submit = SubmitField(_l("Speichern"))

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("Das Ende darf nicht vor dem Beginn liegen."))

    def cohort_fields(self) -> dict:
        names = ("name", "starts_on", "ends_on", "venue", "capacity", "trainers", "notes")
        return {name: self[name].data for name in names}


class ModuleForm(FlaskForm):
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=200)], filters=[strip])
    day = DateField(_l("Datum"), validators=[DataRequired()])
    starts = TimeField(_l("von"), validators=[DataRequired()])
    ends = TimeField(_l("bis"), validators=[DataRequired()])
    topic_id = SelectField(
        _l("Thema (optional)"), coerce=lambda v: int(v) if v else None, validators=[Optional()]
    )
    position = IntegerField(
        _l("Position"),
        validators=[Optional(), NumberRange(min=0, max=999)],
        description=_l("Reihenfolge im Durchgang; leer lassen, um das Modul hinten anzufügen."),
    )
    submit = SubmitField(_l("Speichern"))

    def validate_ends(self, field):
        if self.starts.data and field.data and field.data <= self.starts.data:
            raise ValidationError(_l("Das Ende muss nach dem Beginn liegen."))

    def module_fields(self) -> dict:
        """Date and wall-clock times in Hamburg become UTC points in time."""
        fields = {
            "title": self.title.data,
            "starts_at": local_datetime(self.day.data, self.starts.data),
            "ends_at": local_datetime(self.day.data, self.ends.data),
            "topic_id": self.topic_id.data,
        }
        if self.position.data is not None:
            fields["position"] = self.position.data
        return fields


class EnrolForm(FlaskForm):
    moderator_id = SelectField(
        _l("Person in Qualifizierung"), coerce=int, validators=[DataRequired()]
    )
    submit = SubmitField(lazy_pgettext("enrol button", "Anmelden"))


class NewTraineeForm(FlaskForm):
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
    submit = SubmitField(_l("Anlegen und anmelden"))


class DropForm(FlaskForm):
    reason = StringField(_l("Grund"), validators=[DataRequired(), Length(max=500)], filters=[strip])
    submit = SubmitField(_l("Aus dem Durchgang nehmen"))


def build_attendance_form(enrollments, current: dict[int, str], **kwargs) -> FlaskForm:
    """One radio group per enrolled person: present, excused, absent (or not recorded)."""

    class AttendanceForm(FlaskForm):
        submit = SubmitField(pgettext("button", "Anwesenheit speichern"))

    options = choices([(s, attendance_label(s)) for s in ATTENDANCE_STATUSES])
    for enrollment in enrollments:
        setattr(
            AttendanceForm,
            f"{ATTENDANCE_FIELD_PREFIX}{enrollment.id}",
            RadioField(
                enrollment.moderator.full_name,
                choices=options,
                validators=[Optional()],
                default=current.get(enrollment.id),
            ),
        )
    form = AttendanceForm(**kwargs)
    form.rows = [(e, form[f"{ATTENDANCE_FIELD_PREFIX}{e.id}"]) for e in enrollments]
    return form


def attendance_from(form) -> dict[int, str | None]:
    return {enrollment.id: field.data or None for enrollment, field in form.rows}
