"""Forms of the privacy pages: the audit log's filters and the confirmation of anonymising."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SearchField, SelectField, SubmitField
from wtforms.validators import DataRequired, NumberRange, Optional

from moderators.common.forms import PlainSelect, choices, strip
from moderators.common.routing import MAX_ID
from moderators.privacy.labels import ACTION_GROUPS
from moderators.privacy.queries import Person, person_by_email


class AuditFilterForm(FlaskForm):
    """The GET form above the audit log; a wrong value is shown with its error and ignored."""

    class Meta:
        csrf = False

    moderator_id = IntegerField(
        _l("Moderator*in (Nr.)"), validators=[Optional(), NumberRange(min=1, max=MAX_ID)]
    )
    school_id = IntegerField(
        _l("Schule (Nr.)"), validators=[Optional(), NumberRange(min=1, max=MAX_ID)]
    )
    email = SearchField(_l("E-Mail-Adresse enthält"), filters=[strip])
    action = SelectField(_l("Bereich"), default="", widget=PlainSelect())
    since = DateField(_l("Von"), name="from", validators=[Optional()])
    until = DateField(_l("Bis einschließlich"), name="to", validators=[Optional()])

    def __init__(self, formdata, **kwargs):
        super().__init__(formdata, **kwargs)
        self.action.choices = choices([("", _l("Alle")), *ACTION_GROUPS.items()])

    def criteria(self) -> dict:
        """Arguments of queries.audit_select; the person filters together name one person set
        each, and all given must match."""
        self.validate()
        for name in ("moderator_id", "school_id"):
            if self[name].errors:
                self[name].errors = [_("Bitte geben Sie eine Nummer an, zum Beispiel 12.")]
        for name in ("since", "until"):
            if self[name].errors:
                self[name].errors = [_("Bitte geben Sie ein Datum an, zum Beispiel 2026-08-01.")]
        people = []
        if self.moderator_id.data and not self.moderator_id.errors:
            people.append(Person(moderator_ids=[self.moderator_id.data]))
        if self.school_id.data and not self.school_id.errors:
            people.append(Person(school_ids=[self.school_id.data]))
        if self.email.data:
            people.append(person_by_email(self.email.data[:254]))
        return {
            "people": people,
            "action": "" if self.action.errors else (self.action.data or ""),
            "since": None if self.since.errors else self.since.data,
            "until": None if self.until.errors else self.until.data,
        }


class AnonymiseForm(FlaskForm):
    confirm = BooleanField(
        _l("Ich habe verstanden, dass die Daten endgültig gelöscht werden."),
        validators=[DataRequired(message=_l("Bitte bestätigen Sie, dass Sie das wollen."))],
    )
    submit = SubmitField(_l("Endgültig anonymisieren"))
