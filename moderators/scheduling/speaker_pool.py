"""The speakers of a language, loaded for matching with what it needs to know of each of them.

A handful of set-based queries of plain columns (no ORM objects), however many moderators the
pool holds. The slots passed in are matching's times to fill: their local days and weekday
select the availability and absences, their travel buffers (busy_from, busy_until) the
assignments that can make a speaker busy.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from sqlalchemy import Date, bindparam, cast, exists, func, null, select, union_all

from moderators.common.models import District
from moderators.extensions import db
from moderators.roster.models import (
    Absence,
    AvailabilityWindow,
    Moderator,
    ModeratorLanguage,
    moderator_district,
)
from moderators.roster.models import status_label as moderator_status_label
from moderators.scheduling.models import ACCEPTED, BOOKED, CANCELLED, Assignment, InfoSession

RECENT = timedelta(days=90)
# No session lasts a day (rules.check_duration: four hours at most). Looking back one day for
# assignments that might still run keeps the search on the index of start times.
LONGEST_SESSION = timedelta(days=1)


@dataclass(eq=False, slots=True)
class Speaker:
    """A moderator who speaks the language: what matching and the candidate lists need of them.
    Kept with a match (see matching.py), so it holds no more than the lists show."""

    id: int
    first_name: str
    last_name: str
    status: str
    sessions_90d: int
    last_session_at: datetime | None
    in_district: bool  # works in the district of the venue
    districts: list[str] = field(default_factory=list)  # names: only of those a page lists

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def status_label(self) -> str:
        return moderator_status_label(self.status)

    def __str__(self) -> str:
        return self.full_name


@dataclass(slots=True)
class Calendar:
    """What of a speaker's week and absences can matter for the slots: needed to match them,
    let go with the pool once they are."""

    availability: list = field(default_factory=list)  # rows with weekday, starts_at, ends_at
    absences: list = field(default_factory=list)  # rows with starts_on, ends_on


# The statements are built once, with the language, times and days as parameters: building
# a statement costs about as much as running it on the pool.


def _of_speakers(moderator_id):
    return moderator_id.in_(
        select(ModeratorLanguage.moderator_id).where(
            ModeratorLanguage.language_id == bindparam("language_id")
        )
    )


def _held(columns):
    """The speaker's accepted assignments that have begun, of sessions not cancelled."""
    return (
        select(columns)
        .join(InfoSession, InfoSession.id == Assignment.session_id)
        .where(
            Assignment.moderator_id == Moderator.id,
            Assignment.status == ACCEPTED,
            Assignment.starts_at < bindparam("now"),
            InfoSession.status != CANCELLED,
        )
    )


@cache
def _speakers_statement():
    recent = _held(func.count(Assignment.id)).where(Assignment.starts_at >= bindparam("since"))
    # The latest by walking the index of start times back from now: not a scan of all history.
    last = _held(Assignment.starts_at).order_by(Assignment.starts_at.desc()).limit(1)
    return (
        select(
            Moderator.id,
            Moderator.first_name,
            Moderator.last_name,
            Moderator.status,
            recent.scalar_subquery(),
            last.scalar_subquery(),
            exists()
            .where(
                moderator_district.c.moderator_id == Moderator.id,
                moderator_district.c.district_id == bindparam("district_id"),
            )
            .label("in_district"),
        )
        .where(_of_speakers(Moderator.id))
        .order_by(Moderator.id)
    )


@cache
def _districts_statement():
    return (
        select(moderator_district.c.moderator_id, District.name)
        .join(District, District.id == moderator_district.c.district_id)
        .where(moderator_district.c.moderator_id.in_(bindparam("ids", expanding=True)))
        .order_by(District.position, District.name)
    )


@cache
def _calendar_statement():
    """The weekly windows on the slots' weekdays (the others cannot cover them) and the
    absences that touch the slots' days, in one query: a window has a weekday, an absence not."""
    windows = select(
        AvailabilityWindow.moderator_id,
        AvailabilityWindow.weekday,
        AvailabilityWindow.starts_at,
        AvailabilityWindow.ends_at,
        cast(null(), Date).label("starts_on"),
        cast(null(), Date).label("ends_on"),
    ).where(
        _of_speakers(AvailabilityWindow.moderator_id),
        AvailabilityWindow.weekday.in_(bindparam("weekdays", expanding=True)),
    )
    absences = select(
        Absence.moderator_id, null(), null(), null(), Absence.starts_on, Absence.ends_on
    ).where(
        _of_speakers(Absence.moderator_id),
        Absence.starts_on <= bindparam("last_day"),
        Absence.ends_on >= bindparam("first_day"),
    )
    return union_all(windows, absences)


def _first_start(since: str):
    """The first of the speakers' accepted assignments to begin from `since` on. From now on:
    the next moment a session is held; from the start of the RECENT days: the next moment one
    falls out of them. Cancelled sessions are not left out, which can only make a moment
    earlier than it need be. An assignment has its session's times, so the sessions' index of
    start times finds the first in a few steps."""
    return (
        select(InfoSession.starts_at)
        .join(Assignment, Assignment.session_id == InfoSession.id)
        .where(
            InfoSession.starts_at >= bindparam(since),
            Assignment.status == ACCEPTED,
            # EXISTS, not IN: the speakers must not lead the search (SQLite took them first).
            exists().where(
                ModeratorLanguage.moderator_id == Assignment.moderator_id,
                ModeratorLanguage.language_id == bindparam("language_id"),
            ),
        )
        .order_by(InfoSession.starts_at)
        .limit(1)
        .scalar_subquery()
    )


@cache
def _history_changes_statement():
    # A statement of its own: as two more columns of the speakers' statement, it made that
    # statement slower by more than it takes alone.
    return select(_first_start("now"), _first_start("since"))


@cache
def _busy_statement(excluding_a_session: bool):
    statement = select(Assignment.moderator_id, Assignment.starts_at, Assignment.ends_at).where(
        _of_speakers(Assignment.moderator_id),
        Assignment.status.in_(BOOKED),
        Assignment.starts_at < bindparam("latest"),
        Assignment.starts_at > bindparam("earliest_start"),
        Assignment.ends_at > bindparam("earliest"),
    )
    if excluding_a_session:
        statement = statement.where(Assignment.session_id != bindparam("session_id"))
    return statement


@dataclass
class Pool:
    """The speakers of a language as matching reads them."""

    speakers: list[Speaker]
    calendars: dict[int, Calendar]  # by speaker id
    changes_at: datetime | None  # when time next changes a speaker's history, if it can


def load_pool(language_id: int, district_id: int, slots: list, now: datetime) -> Pool:
    """The speakers with their history and whether they work in `district_id`, when time next
    changes that history, and by speaker the availability and absences that can matter for the
    slots (three queries)."""
    parameters = {
        "language_id": language_id,
        "district_id": district_id,
        "now": now,
        "since": now - RECENT,
    }
    speakers = [Speaker(*row) for row in db.session.execute(_speakers_statement(), parameters)]
    pool = Pool(speakers, {speaker.id: Calendar() for speaker in speakers}, None)
    if not speakers:
        return pool
    pool.changes_at = _changes_at(db.session.execute(_history_changes_statement(), parameters))
    if not slots:
        return pool
    days: set[date] = set().union(*(slot.days for slot in slots))
    parameters = {
        "language_id": language_id,
        "weekdays": sorted({slot.weekday for slot in slots}),
        "first_day": min(days),
        "last_day": max(days),
    }
    calendar_rows = db.session.execute(_calendar_statement(), parameters)
    for calendar, row in _of_pool(pool.calendars, calendar_rows):
        if row.weekday is None:
            calendar.absences.append(row)
        else:
            calendar.availability.append(row)
    return pool


def _changes_at(result) -> datetime | None:
    """The first moment from which time changes the sessions held in the RECENT days or the
    last one held, of any speaker: when the next session begins, or the oldest recent one
    falls out of the days."""
    next_start, first_recent = result.one()
    moments = [next_start, first_recent + RECENT if first_recent else None]
    return min((moment for moment in moments if moment), default=None)


def name_districts(speakers: list[Speaker]) -> None:
    """Fill in the names of the districts the speakers work in (one query): only for those a
    page lists, as the ranking needs no more than `in_district`."""
    by_id = {speaker.id: speaker for speaker in speakers if not speaker.districts}
    if not by_id:
        return
    rows = db.session.execute(_districts_statement(), {"ids": list(by_id)})
    names: dict[Speaker, list[str]] = defaultdict(list)
    for speaker, row in _of_pool(by_id, rows):
        names[speaker].append(row.name)
    # Each list whole at once: a speaker of a kept match may be shown by two requests at once.
    for speaker, districts in names.items():
        speaker.districts = districts


def _of_pool(by_speaker: dict, rows):
    """Each row with what `by_speaker` holds for its speaker. Someone who began to speak the
    language after the pool was read (each query sees the database as it is then) is left out
    of this match."""
    for row in rows:
        entry = by_speaker.get(row.moderator_id)
        if entry is not None:
            yield entry, row


def load_busy_times(language_id, slots: list, exclude_session_id) -> dict[int, list[tuple]]:
    """Offered or accepted assignments of the speakers near any of the slots (one query)."""
    busy: dict[int, list[tuple]] = defaultdict(list)
    if not slots:
        return busy
    earliest = min(slot.busy_from for slot in slots)
    parameters = {
        "language_id": language_id,
        "latest": max(slot.busy_until for slot in slots),
        "earliest": earliest,
        "earliest_start": earliest - LONGEST_SESSION,
        "session_id": exclude_session_id,
    }
    statement = _busy_statement(exclude_session_id is not None)
    for moderator_id, starts_at, ends_at in db.session.execute(statement, parameters):
        busy[moderator_id].append((starts_at, ends_at))
    return busy
