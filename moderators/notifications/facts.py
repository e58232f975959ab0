"""The facts a mail lists about a request or a session, as (label, value) rows.

Called from the mail templates while they render, so that labels, dates, times, language and
topic names come out in the recipient's language. A value is a string or a list of strings.
Which rows a reader gets depends on who they are: a school never sees a moderator's contact
data, only first names.
"""

from datetime import datetime

from flask_babel import format_date, format_time, ngettext
from flask_babel import gettext as _

MODERATOR, SCHOOL, COORDINATOR = "moderator", "school", "coordinator"

Rows = list[tuple[str, str | list[str]]]


def time_range(starts_at: datetime, ends_at: datetime) -> str:
    # i18n: start and end time of a session, e.g. "17:00–18:30 Uhr"
    return _(
        "%(start)s–%(end)s Uhr",
        start=format_time(starts_at, "short"),
        end=format_time(ends_at, "short"),
    )


def when(starts_at: datetime, ends_at: datetime) -> str:
    # i18n: a date and a time range, e.g. "Montag, 17. November 2025, 17:00–18:30 Uhr"
    return _(
        "%(date)s, %(times)s",
        date=format_date(starts_at, "full"),
        times=time_range(starts_at, ends_at),
    )


def first_names(session) -> str:
    """The first names of the moderators who hold the session: all a school learns of them."""
    return ", ".join(a.moderator.first_name for a in session.accepted)


def _place(venue) -> str:
    return ", ".join(part for part in (venue.venue_name, venue.venue_address) if part)


def request_facts(request, audience: str = COORDINATOR) -> Rows:
    rows: Rows = []
    if audience == COORDINATOR:
        rows.append((_("Schule"), request.school.name))
    rows += [
        (_("Sprache"), request.language.name),
        (_("Thema"), request.topic.name),
        (
            _("Gewünschte Zeiten"),
            [when(s.starts_at, s.starts_at + request.duration) for s in request.slots],
        ),
        (_("Dauer"), ngettext("%(num)d Minute", "%(num)d Minuten", request.duration_minutes)),
        (_("Ort"), _place(request)),
        (_("Bezirk"), request.district.name),
        (_("Erwartete Eltern"), str(request.expected_parents)),
    ]
    if request.notes:
        rows.append((_("Anmerkungen"), request.notes))
    return rows


def session_facts(session, audience: str, contact: bool = False) -> Rows:
    """Rows about a session; `contact`: the moderator also gets the school's contact person,
    and the school the first names of its moderators."""
    rows: Rows = [
        (_("Datum"), format_date(session.starts_at, "full")),
        (_("Uhrzeit"), time_range(session.starts_at, session.ends_at)),
        (_("Ort"), _place(session)),
        (_("Bezirk"), session.district.name),
        (_("Sprache"), session.language.name),
        (_("Thema"), session.topic.name),
    ]
    if audience != SCHOOL:
        if session.school is not None:
            rows.append((_("Schule"), session.school.name))
        if session.expected_parents:
            rows.append((_("Erwartete Eltern"), str(session.expected_parents)))
    if audience == MODERATOR and contact and session.school is not None:
        school = session.school
        person = ", ".join(part for part in (school.contact_name, school.contact_phone) if part)
        if person:
            rows.append((_("Ansprechperson der Schule"), person))
    if audience == SCHOOL and contact and session.accepted:
        rows.append((_("Moderiert von"), first_names(session)))
    if audience != SCHOOL and session.notes:
        rows.append((_("Hinweise"), session.notes))
    return rows
