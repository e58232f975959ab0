"""The filters above the coordinator's lists of requests and of sessions.

Both are GET forms without a CSRF token: they only narrow what a list shows, so a value that is
not among the choices is ignored rather than refused, and `criteria()` hands the list's query
the filters that remain (the request queue's, or the session list's).
"""

from dataclasses import dataclass
from functools import cache

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from flask_wtf import FlaskForm
from sqlalchemy import CompoundSelect, String, cast, literal, null, select, union_all
from wtforms import SelectField

from moderators.common.forms import PlainSelect, choices
from moderators.common.models import District
from moderators.common.results import until_data_changes
from moderators.extensions import db
from moderators.i18n import current_locale
from moderators.languages.models import Language
from moderators.roster.queries import named_languages
from moderators.scheduling import queries
from moderators.scheduling.forms import int_or_none
from moderators.scheduling.models import (
    OPEN,
    REQUEST_STATUSES,
    SESSION_STATUSES,
    request_status_label,
    session_status_label,
)
from moderators.topics.models import Topic, topic_name

LANGUAGE, DISTRICT, TOPIC = 1, 2, 3


@dataclass(frozen=True)
class NamedChoices:
    """(key, name) of every language, district and topic, in one reader's language."""

    languages: tuple  # by name
    districts: tuple  # by position
    topics: tuple  # by position; retired ones too, as old requests still carry them


@until_data_changes
def _named_choices(locale: str) -> NamedChoices:
    """Kept until the data changes: each look at a list asks for them, and they rarely
    change. Read with one query, as the pool's filters are (roster/pool_choices.py)."""
    languages, districts, topics = [], [], []
    for kind, key, name, name_en, position in db.session.execute(_names_statement()):
        if kind == LANGUAGE:
            languages.append((key, name))
        elif kind == DISTRICT:
            districts.append((position, name, int(key)))
        else:
            topics.append((position, int(key), topic_name(name, name_en, locale)))
    return NamedChoices(
        tuple(named_languages(languages, locale)),
        tuple((key, name) for _, name, key in sorted(districts)),
        tuple((key, name) for _, key, name in sorted(topics)),
    )


@cache
def _names_statement() -> CompoundSelect:
    """kind, key, name (German), English name, position: the keys as text, as a code is."""
    none = cast(null(), String)
    district_id, topic_id = cast(District.id, String), cast(Topic.id, String)
    return union_all(
        select(literal(LANGUAGE), Language.code, Language.name_de, none, literal(0)),
        select(literal(DISTRICT), district_id, District.name, none, District.position),
        select(literal(TOPIC), topic_id, Topic.name_de, Topic.name_en, Topic.position),
    )


class _FilterForm(FlaskForm):
    """A GET form above a list: values that are not among the choices are ignored."""

    class Meta:
        csrf = False

    def _valid(self, name):
        field = self[name]
        return field.data if field.data and not field.errors else None

    def _fill_common_choices(self) -> None:
        self.named = _named_choices(current_locale())
        self.language.choices = choices([("", _("Alle Sprachen")), *self.named.languages])
        self.district.choices = choices([("", _("Alle Bezirke")), *self.named.districts])


class RequestFilterForm(_FilterForm):
    status = SelectField(_l("Stand"), default=OPEN, widget=PlainSelect())
    language = SelectField(_l("Sprache"), widget=PlainSelect())
    district = SelectField(_l("Bezirk"), coerce=int_or_none, widget=PlainSelect())
    topic = SelectField(_l("Thema"), coerce=int_or_none, widget=PlainSelect())

    def __init__(self, formdata, **kwargs):
        super().__init__(formdata, **kwargs)
        self.status.choices = choices((s, request_status_label(s)) for s in REQUEST_STATUSES)
        self._fill_common_choices()
        self.topic.choices = choices([("", _("Alle Themen")), *self.named.topics])

    def criteria(self) -> dict:
        """Arguments of queue_queries.request_queue."""
        self.validate()
        return {
            "status": self._valid("status") or OPEN,
            "language": self._valid("language"),
            "district_id": self._valid("district"),
            "topic_id": self._valid("topic"),
        }


class SessionFilterForm(_FilterForm):
    period = SelectField(_l("Zeitraum"), default=queries.UPCOMING, widget=PlainSelect())
    status = SelectField(_l("Stand"), widget=PlainSelect())
    language = SelectField(_l("Sprache"), widget=PlainSelect())
    district = SelectField(_l("Bezirk"), coerce=int_or_none, widget=PlainSelect())

    def __init__(self, formdata, **kwargs):
        super().__init__(formdata, **kwargs)
        self.period.choices = choices(
            [
                (queries.UPCOMING, pgettext("sessions filter", "ab heute")),
                (queries.PAST, pgettext("sessions filter", "vergangene")),
            ]
        )
        self.status.choices = choices(
            [("", pgettext("sessions filter", "Alle"))]
            + [(s, session_status_label(s)) for s in SESSION_STATUSES]
        )
        self._fill_common_choices()

    def criteria(self) -> dict:
        """Arguments of queries.session_list."""
        self.validate()
        return {
            "period": self._valid("period") or queries.UPCOMING,
            "status": self._valid("status"),
            "language": self._valid("language"),
            "district_id": self._valid("district"),
        }
