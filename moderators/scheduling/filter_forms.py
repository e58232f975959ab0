"""The filters above the coordinator's lists of requests and of sessions.

Both are GET forms without a CSRF token: they only narrow what a list shows, so a value that is
not among the choices is ignored rather than refused, and `criteria()` hands the list's query
the filters that remain (the request queue's, or the session list's).
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from flask_wtf import FlaskForm
from wtforms import SelectField

from moderators.common.forms import PlainSelect, choices
from moderators.roster.queries import all_districts, language_choices
from moderators.scheduling import queries
from moderators.scheduling.forms import int_or_none
from moderators.scheduling.models import (
    OPEN,
    REQUEST_STATUSES,
    SESSION_STATUSES,
    request_status_label,
    session_status_label,
)


class _FilterForm(FlaskForm):
    """A GET form above a list: values that are not among the choices are ignored."""

    class Meta:
        csrf = False

    def _valid(self, name):
        field = self[name]
        return field.data if field.data and not field.errors else None

    def _fill_common_choices(self) -> None:
        self.language.choices = choices(
            [("", _("Alle Sprachen"))] + language_choices(include_inactive=True)
        )
        self.district.choices = choices(
            [("", _("Alle Bezirke"))] + [(d.id, d.name) for d in all_districts()]
        )


class RequestFilterForm(_FilterForm):
    status = SelectField(_l("Stand"), default=OPEN, widget=PlainSelect())
    language = SelectField(_l("Sprache"), widget=PlainSelect())
    district = SelectField(_l("Bezirk"), coerce=int_or_none, widget=PlainSelect())
    topic = SelectField(_l("Thema"), coerce=int_or_none, widget=PlainSelect())

    def __init__(self, formdata, **kwargs):
        super().__init__(formdata, **kwargs)
        self.status.choices = choices((s, request_status_label(s)) for s in REQUEST_STATUSES)
        self._fill_common_choices()
        self.topic.choices = choices(
            [("", _("Alle Themen"))] + [(t.id, t.name) for t in queries.topics_for_filter()]
        )

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
