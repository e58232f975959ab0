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


@dataclass(eq=False)
class Speaker:
    """A moderator who speaks the language: what matching and the candidate lists need of them."""

    id: int
    first_name: str
    last_name: str
    status: str
    sessions_90d: int
    last_session_at: datetime | None
    in_district: bool  # works in the district of the venue
    districts: list[str] = field(default_factory=list)  # names: only of those a page lists
    availability: list = field(default_factory=list)  # rows with weekday, starts_at, ends_at
    absences: list = field(default_factory=list)  # rows with starts_on, ends_on

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def status_label(self) -> str:
        return moderator_status_label(self.status)

    def __str__(self) -> str:
        return self.full_name


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


def load_pool(language_id: int, district_id: int, slots: list, now: datetime) -> list[Speaker]:
    """The speakers with their history and whether they work in `district_id`, and the
    availability and absences that can matter for the slots (two queries)."""
    parameters = {
        "language_id": language_id,
        "district_id": district_id,
        "now": now,
        "since": now - RECENT,
    }
    speakers = {
        row.id: Speaker(*row) for row in db.session.execute(_speakers_statement(), parameters)
    }
    if not speakers or not slots:
        return list(speakers.values())
    days: set[date] = set().union(*(slot.days for slot in slots))
    parameters = {
        "language_id": language_id,
        "weekdays": sorted({slot.weekday for slot in slots}),
        "first_day": min(days),
        "last_day": max(days),
    }
    for speaker, row in _of_pool(speakers, db.session.execute(_calendar_statement(), parameters)):
        if row.weekday is None:
            speaker.absences.append(row)
        else:
            speaker.availability.append(row)
    return list(speakers.values())


def name_districts(speakers: list[Speaker]) -> None:
    """Fill in the names of the districts the speakers work in (one query): only for those a
    page lists, as the ranking needs no more than `in_district`."""
    by_id = {speaker.id: speaker for speaker in speakers if not speaker.districts}
    if not by_id:
        return
    rows = db.session.execute(_districts_statement(), {"ids": list(by_id)})
    for speaker, row in _of_pool(by_id, rows):
        speaker.districts.append(row.name)


def _of_pool(speakers: dict[int, Speaker], rows):
    """Each row with its speaker. Someone who began to speak the language after the pool was
    read (each query sees the database as it is then) is left out of this match."""
    for row in rows:
        speaker = speakers.get(row.moderator_id)
        if speaker is not None:
            yield speaker, row


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
