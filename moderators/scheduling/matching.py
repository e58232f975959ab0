"""Who can take a session: candidates ranked, and near-misses with the reason they are out.

Candidates are active moderators who speak the language, whose weekly availability covers the
whole session, who are not absent that day and who have no offered or accepted assignment
within the travel buffer around it. Ranked by: works in the venue's district, then fewest
sessions in the last 90 days, then longest since their last session. The pool is loaded with a
handful of set-based queries, however many moderators it holds.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from moderators.common.models import utcnow
from moderators.common.timezone import to_local
from moderators.extensions import db
from moderators.roster.models import ACTIVE, Moderator, ModeratorLanguage
from moderators.scheduling.models import ACCEPTED, BOOKED, CANCELLED, Assignment, InfoSession

NOT_ACTIVE, ABSENT, BUSY, UNAVAILABLE = "not_active", "absent", "busy", "unavailable"
EXCLUSION_REASONS = (NOT_ACTIVE, ABSENT, BUSY, UNAVAILABLE)
RECENT = timedelta(days=90)
NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass
class Candidate:
    moderator: Moderator
    rank: int
    district_match: bool
    sessions_90d: int
    last_session_at: datetime | None


@dataclass
class Excluded:
    moderator: Moderator
    reason: str


@dataclass
class SlotMatch:
    starts_at: datetime
    ends_at: datetime
    candidates: list[Candidate] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)


def travel_buffer() -> timedelta:
    return current_app.config["TRAVEL_BUFFER"]


def exclusion_reason(moderator, starts_at, ends_at, busy, buffer) -> str | None:
    """Why `moderator` cannot take a session from starts_at to ends_at, or None if they can.

    `busy` holds the (start, end) of their offered or accepted assignments.
    """
    if moderator.status != ACTIVE:
        return NOT_ACTIVE
    local_start, local_end = to_local(starts_at), to_local(ends_at)
    days = {local_start.date(), local_end.date()}
    if any(a.starts_on <= day <= a.ends_on for a in moderator.absences for day in days):
        return ABSENT
    if any(start - buffer < ends_at and starts_at < end + buffer for start, end in busy):
        return BUSY
    if not _covered(moderator.availability, local_start, local_end):
        return UNAVAILABLE
    return None


def _covered(windows, local_start, local_end) -> bool:
    if local_start.date() != local_end.date():
        return False
    return any(
        w.weekday == local_start.weekday()
        and w.starts_at <= local_start.time()
        and local_end.time() <= w.ends_at
        for w in windows
    )


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
    now: datetime | None = None,
) -> list[SlotMatch]:
    """Candidates and near-misses for each (start, end) slot, from one load of the pool."""
    now = now or utcnow()
    buffer = travel_buffer()
    speakers = _speakers(language_id)
    busy = _busy(language_id, slots, buffer, exclude_session_id)
    recent, last = _history(language_id, now)
    results = []
    for starts_at, ends_at in slots:
        result = SlotMatch(starts_at, ends_at)
        ranked = []
        for moderator in speakers:
            reason = exclusion_reason(moderator, starts_at, ends_at, busy[moderator.id], buffer)
            if reason is not None:
                result.excluded.append(Excluded(moderator, reason))
                continue
            in_district = any(d.id == district_id for d in moderator.districts)
            facts = (in_district, recent.get(moderator.id, 0), last.get(moderator.id))
            ranked.append((rank_key(moderator, *facts), moderator, facts))
        ranked.sort(key=lambda item: item[0])
        result.candidates = [
            Candidate(moderator, n, *facts) for n, (_, moderator, facts) in enumerate(ranked, 1)
        ]
        result.excluded.sort(
            key=lambda e: (EXCLUSION_REASONS.index(e.reason), e.moderator.last_name.casefold())
        )
        results.append(result)
    return results


def _speaker_ids(language_id: int):
    return select(ModeratorLanguage.moderator_id).where(
        ModeratorLanguage.language_id == language_id
    )


def _speakers(language_id: int) -> list[Moderator]:
    return list(
        db.session.scalars(
            select(Moderator)
            .where(Moderator.id.in_(_speaker_ids(language_id)))
            .options(
                selectinload(Moderator.availability),
                selectinload(Moderator.absences),
                selectinload(Moderator.districts),
            )
        )
    )


def _busy(language_id, slots, buffer, exclude_session_id) -> dict[int, list[tuple]]:
    """Offered or accepted assignments of the speakers near any of the slots (one query)."""
    busy: dict[int, list[tuple]] = defaultdict(list)
    if not slots:
        return busy
    earliest = min(start for start, _ in slots) - buffer
    latest = max(end for _, end in slots) + buffer
    query = select(Assignment.moderator_id, Assignment.starts_at, Assignment.ends_at).where(
        Assignment.moderator_id.in_(_speaker_ids(language_id)),
        Assignment.status.in_(BOOKED),
        Assignment.starts_at < latest,
        Assignment.ends_at > earliest,
    )
    if exclude_session_id is not None:
        query = query.where(Assignment.session_id != exclude_session_id)
    for moderator_id, starts_at, ends_at in db.session.execute(query):
        busy[moderator_id].append((starts_at, ends_at))
    return busy


def _history(language_id: int, now: datetime) -> tuple[dict[int, int], dict[int, datetime]]:
    """Per speaker: sessions held in the last 90 days, and when the last one was (one query)."""
    recent = func.count(Assignment.id).filter(Assignment.starts_at >= now - RECENT)
    rows = db.session.execute(
        select(Assignment.moderator_id, recent, func.max(Assignment.starts_at))
        .join(InfoSession, InfoSession.id == Assignment.session_id)
        .where(
            Assignment.moderator_id.in_(_speaker_ids(language_id)),
            Assignment.status == ACCEPTED,
            Assignment.starts_at < now,
            InfoSession.status != CANCELLED,
        )
        .group_by(Assignment.moderator_id)
    )
    counts, last = {}, {}
    for moderator_id, count, last_at in rows:
        counts[moderator_id] = count
        last[moderator_id] = _aware(last_at)
    return counts, last


def _aware(moment):
    """Aggregates come back without the column type: naive UTC on some engines."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
