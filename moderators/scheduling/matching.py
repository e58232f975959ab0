"""Who can take a session: candidates ranked, and near-misses with the reason they are out.

Candidates are active moderators who speak the language, whose weekly availability covers the
whole session, who are not absent that day and who have no offered or accepted assignment
within the travel buffer around it. Ranked by: works in the venue's district, then fewest
sessions in the last 90 days, then longest since their last session. The pool is loaded (in
speaker_pool.py) with a handful of set-based queries of plain columns (no ORM objects), however
many moderators it holds.

A match is kept until the data changes or time changes a speaker's history (a session begins,
or falls out of the 90 days): a coordinator who looks at a request again, or another
coordinator who opens it, does not pay for the whole pool again.
"""

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from flask import current_app

from moderators.common.models import utcnow
from moderators.common.results import until_data_or_time_changes
from moderators.common.timezone import to_local
from moderators.roster.models import ACTIVE
from moderators.scheduling.speaker_pool import Speaker, load_busy_times, load_pool

NOT_ACTIVE, ABSENT, BUSY, UNAVAILABLE = "not_active", "absent", "busy", "unavailable"
EXCLUSION_REASONS = (NOT_ACTIVE, ABSENT, BUSY, UNAVAILABLE)
NEVER = datetime.min.replace(tzinfo=UTC)
# Bytes a kept match takes per speaker it lists, about (tracemalloc: 265 KB for 460 at 3 times)
SPEAKER_LISTED = 200


@dataclass(slots=True)
class Candidate:
    moderator: Speaker
    rank: int
    district_match: bool
    sessions_90d: int
    last_session_at: datetime | None


@dataclass(slots=True)
class Excluded:
    moderator: Speaker
    reason: str


@dataclass(slots=True)
class SlotMatch:
    starts_at: datetime
    ends_at: datetime
    candidates: list[Candidate] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    # What pages wrote of the kept match (slot_lists.py), let go with it. Shared by the copies
    # match_slots hands out: a copy whose lists are changed needs a dict of its own.
    pages: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def kept_size(self) -> int:
        """About the bytes it takes while kept (common/results.size_of)."""
        return SPEAKER_LISTED * (len(self.candidates) + len(self.excluded))


def travel_buffer() -> timedelta:
    return current_app.config["TRAVEL_BUFFER"]


class _Slot:
    """One time to fill, with its Hamburg wall-clock times worked out once for the whole pool."""

    def __init__(self, starts_at: datetime, ends_at: datetime, buffer: timedelta):
        self.starts_at, self.ends_at = starts_at, ends_at
        self.busy_from, self.busy_until = starts_at - buffer, ends_at + buffer
        local_start, local_end = to_local(starts_at), to_local(ends_at)
        self.days = {local_start.date(), local_end.date()}
        self.one_day = local_start.date() == local_end.date()
        self.weekday = local_start.weekday()
        self.start_time, self.end_time = local_start.time(), local_end.time()

    def exclusion_reason(self, status, calendar, busy) -> str | None:
        """`calendar` has the availability and absences: a moderator's, or a speaker's."""
        if status != ACTIVE:
            return NOT_ACTIVE
        if any(a.starts_on <= day <= a.ends_on for a in calendar.absences for day in self.days):
            return ABSENT
        # An assignment within the buffer: start - buffer < ends_at and starts_at < end + buffer
        if any(start < self.busy_until and self.busy_from < end for start, end in busy):
            return BUSY
        if not self._covered(calendar.availability):
            return UNAVAILABLE
        return None

    def _covered(self, windows) -> bool:
        return self.one_day and any(
            w.weekday == self.weekday
            and w.starts_at <= self.start_time
            and self.end_time <= w.ends_at
            for w in windows
        )


def exclusion_reason(moderator, starts_at, ends_at, busy, buffer) -> str | None:
    """Why `moderator` cannot take a session from starts_at to ends_at, or None if they can.

    `busy` holds the (start, end) of their offered or accepted assignments.
    """
    return _Slot(starts_at, ends_at, buffer).exclusion_reason(moderator.status, moderator, busy)


def rank_key(moderator, district_match: bool, sessions_90d: int, last_session_at):
    """District first, then fewest recent sessions, then longest since the last one."""
    return (
        not district_match,
        sessions_90d,
        last_session_at or NEVER,
        moderator.last_name.casefold(),
        moderator.first_name.casefold(),
        moderator.id,
    )


def match_slots(
    language_id: int,
    district_id: int,
    slots: list[tuple[datetime, datetime]],
    exclude_session_id: int | None = None,
) -> list[SlotMatch]:
    """Candidates and near-misses for each (start, end) slot, from one load of the pool.

    The lists are the caller's to filter or reorder; the candidates and speakers in them are
    shared with later callers and must not be changed.
    """
    kept = _kept_matches(language_id, district_id, tuple(slots), exclude_session_id)
    return [replace(m, candidates=list(m.candidates), excluded=list(m.excluded)) for m in kept]


@until_data_or_time_changes
def _kept_matches(language_id, district_id, slots, exclude_session_id):
    buffer = travel_buffer()
    times = [_Slot(starts_at, ends_at, buffer) for starts_at, ends_at in slots]
    pool = load_pool(language_id, district_id, times, utcnow())
    busy = load_busy_times(language_id, times, exclude_session_id) if pool.speakers else {}
    return _match(times, pool, busy), pool.changes_at


def _match(times: list[_Slot], pool, busy: dict) -> list[SlotMatch]:
    speakers, calendars = pool.speakers, pool.calendars
    # The order among candidates does not depend on the time: worked out once per speaker.
    ranked = []
    for speaker in speakers:
        facts = (speaker.in_district, speaker.sessions_90d, speaker.last_session_at)
        ranked.append((rank_key(speaker, *facts), speaker, facts))
    ranked.sort(key=lambda item: item[0])
    results = []
    for slot in times:
        result = SlotMatch(slot.starts_at, slot.ends_at)
        for _, speaker, facts in ranked:
            calendar, booked = calendars[speaker.id], busy.get(speaker.id, ())
            reason = slot.exclusion_reason(speaker.status, calendar, booked)
            if reason is None:
                result.candidates.append(Candidate(speaker, len(result.candidates) + 1, *facts))
            else:
                result.excluded.append(Excluded(speaker, reason))
        # By reason, then by last name; people of the same name in the order of the pool.
        result.excluded.sort(
            key=lambda e: (
                EXCLUSION_REASONS.index(e.reason),
                e.moderator.last_name.casefold(),
                e.moderator.id,
            )
        )
        results.append(result)
    return results
