"""What the request pages show, every name, date and time already in the reader's language and
worked out once rather than once per row: the rows of the queue, and the speakers of the pool
that each preferred time lists again."""

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from types import SimpleNamespace

from babel import dates
from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup, escape

from moderators.common.templating import format_day
from moderators.common.timezone import app_timezone, local_datetime, local_today, to_local
from moderators.i18n import current_locale
from moderators.roster.models import STATUSES
from moderators.roster.models import status_label as moderator_status_label
from moderators.scheduling.feedback import exclusion_label, waiting_label
from moderators.scheduling.holidays import holiday_on
from moderators.scheduling.queue_queries import QueueEntry
from moderators.scheduling.speaker_pool import name_districts

# The queue -------------------------------------------------------------------------------


@dataclass(slots=True)
class QueueSlot:
    starts_at: datetime
    when: str  # "Mo., 12.05.2025, 17:00–18:30", as the `when` macro writes it
    holiday: str | None


@dataclass(slots=True)
class QueueRow:
    href: str
    status: str
    waiting: str
    received: str
    school_href: str
    school_name: str
    district: str
    venue_name: str | None  # only where it is not the school itself
    language: str
    topic: str
    slots: list[QueueSlot]
    expected_parents: int
    session_hrefs: list[str]


# A day reads the same in every request in one language: its labels are worked out once per
# worker and language (as i18n.language_name's are), and a page only looks them up.


@lru_cache(maxsize=4096)
def _day(locale: str, day: date) -> tuple[str, str | None]:
    """The day as the `when` macro writes it, and the holiday on it (holiday_tag's)."""
    return format_day(day), holiday_on(day)


@lru_cache(maxsize=4096)
def _clock(locale: str, wall_clock: time) -> str:
    """A Hamburg wall-clock time as Flask-Babel's format_time(moment, "short") writes it."""
    return dates.format_time(wall_clock, "short", locale=locale)


@lru_cache(maxsize=4096)
def _received(locale: str, day: date, today: date) -> tuple[str, str]:
    """How long a request that came in on `day` has waited by `today`, and that day."""
    came_in = SimpleNamespace(created_at=local_datetime(day, time(12)))  # any time of the day
    return waiting_label(came_in), format_date(day, "medium")


def queue_rows(
    entries: list[QueueEntry], languages: dict, districts: dict, topics: dict
) -> list[QueueRow]:
    """`languages` (by code), `districts` and `topics` (by id) name every one there is."""
    locale, timezone, today = current_locale(), app_timezone(), local_today()

    def time_of(moment: datetime) -> str:
        return _clock(locale, moment.astimezone(timezone).time())

    def slot(starts_at: datetime, ends_at: datetime) -> QueueSlot:
        day, holiday = _day(locale, starts_at.astimezone(timezone).date())
        return QueueSlot(starts_at, f"{day}, {time_of(starts_at)}–{time_of(ends_at)}", holiday)

    # The id is the last part of each URL: built once, each row appends its id.
    request_url = url_for("scheduling.request", request_id=0)[:-1]
    school_url = url_for("schools.detail", school_id=0)[:-1]
    session_url = url_for("scheduling.session", session_id=0)[:-1]
    rows = []
    for entry in entries:
        rows.append(
            QueueRow(
                f"{request_url}{entry.id}",
                entry.status,
                *_received(locale, entry.created_at.astimezone(timezone).date(), today),
                f"{school_url}{entry.school_id}",
                entry.school_name,
                # (One added between the filter's query and the rows' goes without a name.)
                districts.get(entry.district_id, ""),
                entry.venue_name if entry.venue_name != entry.school_name else None,
                languages.get(entry.language_code, entry.language_code),
                topics.get(entry.topic_id, ""),
                [slot(start, start + entry.duration) for start in entry.slots],
                entry.expected_parents,
                [f"{session_url}{session_id}" for session_id in entry.session_ids],
            )
        )
    return rows


# The candidates page ----------------------------------------------------------------------


def pool_labels(shortlists) -> dict:
    """What the lists show of each speaker, made once: every preferred time can list the same
    people (with all asked for, the whole pool).

    The candidates' districts are named here (one query), for those listed only.
    links: the name linked to their page; last_sessions: the date of their last session;
    status_labels and exclusion_labels: the words for a status and for a reason to be out.
    """
    groups = [group for shortlist in shortlists for group in shortlist.near_misses]
    name_districts([c.moderator for shortlist in shortlists for c in shortlist.candidates])
    speakers = {speaker.id: speaker for group in groups for speaker in group.moderators}
    candidates = {c.moderator.id: c for shortlist in shortlists for c in shortlist.candidates}
    speakers.update((speaker_id, c.moderator) for speaker_id, c in candidates.items())
    # The id is the last part of the URL: built once, with each speaker's id appended.
    prefix = escape(url_for("roster.detail", moderator_id=0)[:-1])
    days = {
        speaker_id: to_local(c.last_session_at).date()
        for speaker_id, c in candidates.items()
        if c.last_session_at
    }
    formatted = {day: format_date(day, "medium") for day in set(days.values())}
    reasons = {group.reason for group in groups}
    return {
        "links": {speaker.id: _link(prefix, speaker) for speaker in speakers.values()},
        "last_sessions": {speaker_id: formatted[day] for speaker_id, day in days.items()},
        "status_labels": {status: moderator_status_label(status) for status in STATUSES},
        "exclusion_labels": {reason: exclusion_label(reason) for reason in reasons},
        "columns": {
            "rank": _("Rang"),
            "name": _("Name"),
            "districts": _("Bezirke"),
            "sessions": _("Einsätze in 90 Tagen"),
            "last": _("Letzte Veranstaltung"),
            "in_district": _("im Bezirk"),
            "none_yet": _("noch keine"),
        },
    }


def _link(prefix: Markup, speaker) -> Markup:
    """The speaker's name, last name first, linked to their page (as the template wrote it)."""
    name = f"{escape(speaker.last_name)}, {escape(speaker.first_name)}"
    # An f-string of escaped values: much quicker than Markup.format, once per speaker.
    return Markup(f'<a href="{prefix}{speaker.id}"><bdi>{name}</bdi></a>')  # nosec B704


def name_items(group, links: dict, status_labels: dict) -> Markup:
    """The list items of one group of near misses: a large pool has hundreds of speakers who
    are out at a given time, written here in one go instead of an item at a time in Jinja."""
    if group.reason == "not_active":
        items = (
            f'<li>{links[moderator.id]} <span class="muted">'
            f"({escape(status_labels[moderator.status])})</span></li>"
            for moderator in group.moderators
        )
    else:
        items = (f"<li>{links[moderator.id]}</li>" for moderator in group.moderators)
    return Markup("\n".join(items))  # nosec B704 (links are Markup, labels escaped)
