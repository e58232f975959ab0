"""Read-only queries on requests and sessions that the pages (and later the API) share."""

from dataclasses import replace
from datetime import date, time

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from moderators.common.models import utcnow
from moderators.common.timezone import local_datetime, local_today, to_local
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.languages.queries import sort_key
from moderators.roster.models import ACTIVE, Moderator, ModeratorLanguage
from moderators.scheduling.locks import with_session_graph
from moderators.scheduling.matching import SlotMatch, match_slots
from moderators.scheduling.models import (
    ACCEPTED,
    BOOKED,
    HELD,
    PLANNED,
    Assignment,
    InfoSession,
    RequestSlot,
    SessionRequest,
)
from moderators.schools.models import School
from moderators.topics.models import Topic

UPCOMING, PAST = "upcoming", "past"  # the periods of the session list


# For schools


def _moderator_first_names():
    """Assignments with only the moderator's first name: all a school may see of them."""
    return (
        selectinload(InfoSession.assignments)
        .selectinload(Assignment.moderator)
        .load_only(Moderator.first_name)
    )


def school_requests_select(school_id: int) -> Select:
    """A school's requests, newest first, with what the list shows loaded alongside."""
    return (
        select(SessionRequest)
        .where(SessionRequest.school_id == school_id)
        .order_by(SessionRequest.created_at.desc(), SessionRequest.id.desc())
        .options(
            selectinload(SessionRequest.language),
            selectinload(SessionRequest.topic),
            selectinload(SessionRequest.slots),
            selectinload(SessionRequest.sessions).options(_moderator_first_names()),
        )
    )


def school_request(school_id: int, request_id: int, for_update: bool = False):
    """One request of this school, or None (also when it belongs to another school).

    `for_update` locks the row, so that a change decided on its state sees the latest one.
    """
    query = select(SessionRequest).where(
        SessionRequest.id == request_id, SessionRequest.school_id == school_id
    )
    if for_update:
        query = query.with_for_update()
    return db.session.scalar(query)


def _confirmed():
    return InfoSession.assignments.any(Assignment.status == ACCEPTED)


def _school_sessions(school_id: int) -> Select:
    """A school's sessions with what its list shows, in the same statement: language, topic,
    district, and the first names of the moderators (all a school may see of them)."""
    return (
        select(InfoSession)
        .where(InfoSession.school_id == school_id)
        .options(
            joinedload(InfoSession.language),
            joinedload(InfoSession.topic),
            joinedload(InfoSession.district),
            joinedload(InfoSession.assignments)
            .joinedload(Assignment.moderator)
            .load_only(Moderator.first_name),
        )
    )


def school_upcoming_sessions(school_id: int) -> list[InfoSession]:
    """Planned sessions ahead that at least one moderator has accepted, soonest first."""
    query = _school_sessions(school_id).where(
        InfoSession.status == PLANNED, InfoSession.starts_at > utcnow(), _confirmed()
    )
    return list(
        db.session.execute(query.order_by(InfoSession.starts_at, InfoSession.id)).unique().scalars()
    )


def school_past_sessions_select(school_id: int) -> Select:
    """Sessions that have taken place (held, or confirmed and over), latest first."""
    return (
        _school_sessions(school_id)
        .where(
            InfoSession.starts_at <= utcnow(),
            or_(InfoSession.status == HELD, (InfoSession.status == PLANNED) & _confirmed()),
        )
        .order_by(InfoSession.starts_at.desc(), InfoSession.id.desc())
    )


def languages_for_request() -> list[Language]:
    """Languages a school may ask for, sorted by their name in the reader's UI language."""
    languages = db.session.scalars(select(Language).where(Language.active.is_(True)))
    return sorted(languages, key=lambda language: sort_key(language.name))


def topics_for_request() -> list[Topic]:
    return list(
        db.session.scalars(
            select(Topic).where(Topic.active.is_(True)).order_by(Topic.position, Topic.id)
        )
    )


def request_with_details(request_id: int) -> SessionRequest | None:
    """The request with all its page shows, in one query: a request has only a few preferred
    times and sessions, so joining both at once multiplies a handful of rows."""
    return (
        db.session.execute(
            select(SessionRequest)
            .where(SessionRequest.id == request_id)
            .options(
                joinedload(SessionRequest.school),
                joinedload(SessionRequest.language),
                joinedload(SessionRequest.topic),
                joinedload(SessionRequest.district),
                joinedload(SessionRequest.slots),
                joinedload(SessionRequest.sessions),
            )
        )
        .unique()
        .scalar_one_or_none()
    )


def slot_of(request: SessionRequest, slot_id: int | None) -> RequestSlot | None:
    return next((slot for slot in request.slots if slot.id == slot_id), None)


def days_waiting(request: SessionRequest, today: date | None = None) -> int:
    """Whole calendar days in Hamburg since the request came in."""
    return ((today or local_today()) - to_local(request.created_at).date()).days


def request_matches(request: SessionRequest) -> dict[int, SlotMatch]:
    """Per preferred time (by slot id): candidates and near-misses, from one load of the pool."""
    slots = list(request.slots)
    matches = match_slots(
        request.language_id,
        request.district_id,
        [(slot.starts_at, slot.starts_at + request.duration) for slot in slots],
    )
    return {slot.id: match for slot, match in zip(slots, matches, strict=True)}


def session_list(
    period: str = UPCOMING,
    status: str | None = None,
    language: str | None = None,
    district_id: int | None = None,
    today: date | None = None,
) -> Select:
    """Sessions from today on (soonest first) or before today (latest first), with what a list
    row shows loaded alongside."""
    start_of_today = local_datetime(today or local_today(), time(0))
    query = select(InfoSession).options(
        joinedload(InfoSession.language),
        joinedload(InfoSession.topic),
        joinedload(InfoSession.district),
        selectinload(InfoSession.assignments),
    )
    if status:
        query = query.where(InfoSession.status == status)
    if language:
        query = query.where(InfoSession.language.has(Language.code == language))
    if district_id:
        query = query.where(InfoSession.district_id == district_id)
    if period == PAST:
        return query.where(InfoSession.starts_at < start_of_today).order_by(
            InfoSession.starts_at.desc(), InfoSession.id.desc()
        )
    return query.where(InfoSession.starts_at >= start_of_today).order_by(
        InfoSession.starts_at, InfoSession.id
    )


def session_for_change(session_id: int) -> InfoSession | None:
    """The session with what a change to it and the change's mails read (see booking)."""
    return (
        db.session.execute(
            select(InfoSession).where(InfoSession.id == session_id).options(*with_session_graph())
        )
        .unique()
        .scalar_one_or_none()
    )


def session_match(session: InfoSession) -> SlotMatch:
    """Who else could take the session. Its own offers and bookings do not make anyone busy,
    and the people they name are left out: the page lists them as its assignments."""
    (match,) = match_slots(
        session.language_id,
        session.district_id,
        [(session.starts_at, session.ends_at)],
        exclude_session_id=session.id,
    )
    involved = {a.moderator_id for a in session.assignments if a.status in BOOKED}
    others = [c for c in match.candidates if c.moderator.id not in involved]
    match.candidates = [replace(c, rank=rank) for rank, c in enumerate(others, 1)]
    match.excluded = [e for e in match.excluded if e.moderator.id not in involved]
    match.pages = {}  # what was written of the whole match is not this
    return match


def topics_for_planning() -> list[Topic]:
    return list(
        db.session.scalars(
            select(Topic).where(Topic.active.is_(True)).order_by(Topic.position, Topic.id)
        )
    )


def schools_for_planning() -> list[School]:
    return list(
        db.session.scalars(
            select(School).where(School.active.is_(True)).order_by(School.name, School.id)
        )
    )


def active_speakers(info_session) -> list:
    """Active moderators who speak the session's language and are not booked on it yet: rows
    of id, last and first name (a large pool has hundreds)."""
    booked = [a.moderator_id for a in info_session.assignments if a.status in BOOKED]
    return list(
        db.session.execute(
            select(Moderator.id, Moderator.last_name, Moderator.first_name)
            .where(
                Moderator.status == ACTIVE,
                # IN, not EXISTS: the database starts from the language's speakers, not the pool
                Moderator.id.in_(
                    select(ModeratorLanguage.moderator_id).where(
                        ModeratorLanguage.language_id == info_session.language_id
                    )
                ),
                Moderator.id.not_in(booked),
            )
            .order_by(
                func.lower(Moderator.last_name), func.lower(Moderator.first_name), Moderator.id
            )
        )
    )
