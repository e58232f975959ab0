"""Changes to requests and sessions: validated, audited, committed, and announced by mail.

Moving, changing and cancelling a planned session are in session_changes.py.
"""

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l

from moderators.common import audit
from moderators.common.audit import record
from moderators.common.commits import commit_keeping_loaded_objects
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.notifications import events, outbox
from moderators.roster.models import Moderator
from moderators.scheduling.booking import SchedulingError, book, staff
from moderators.scheduling.locks import fresh_session, lock_request, lock_session
from moderators.scheduling.models import (
    ACCEPTED,
    CANCELLED,
    OFFERED,
    OPEN,
    SCHEDULED,
    UNFILLED,
    Assignment,
    InfoSession,
    RequestSlot,
    SessionRequest,
)
from moderators.scheduling.rules import check_duration, check_language_and_topic, check_starts


def create_request(
    school,
    *,
    language,
    topic,
    preferred_starts: list[datetime],
    duration_minutes: int,
    expected_parents: int = 0,
    venue_name: str = "",
    venue_address: str = "",
    district=None,
    notes: str = "",
    public: bool = False,
) -> SessionRequest:
    """A school's request; the venue is the school unless another place is given."""
    check_language_and_topic(language, topic)
    starts = check_starts(preferred_starts)
    check_duration(duration_minutes)
    if expected_parents is None or expected_parents < 0:
        raise SchedulingError("expected_parents", _l("Bitte eine Zahl ab 0 angeben."))
    other_place = bool((venue_name or "").strip() or (venue_address or "").strip())
    request = SessionRequest(
        school=school,
        language=language,
        topic=topic,
        duration_minutes=duration_minutes,
        expected_parents=expected_parents,
        venue_name=(venue_name or "").strip() if other_place else school.name,
        venue_address=(venue_address or "").strip() if other_place else school.address,
        district=district if other_place and district is not None else school.district,
        notes=(notes or "").strip(),
        public=bool(public),
        status=OPEN,
        slots=[RequestSlot(starts_at=start) for start in starts],
    )
    db.session.add(request)
    record("request.create", request, school_id=school.id, language=language.code)
    with outbox.batch():
        events.request_received(request)
    _commit()
    return request


def _lock(request: SessionRequest) -> None:
    """Lock the request row and re-read it, with its preferred times (which never change) and
    what the change and its mails read, in one statement (unless the caller has locked it
    already): a cancel and a schedule at once cannot both win."""
    lock_request(request.id)


def cancel_request(request: SessionRequest, reason: str = "") -> None:
    """Only an open request can be cancelled; a scheduled one is cancelled as a session."""
    _lock(request)
    if request.status != OPEN:
        raise SchedulingError(
            None, _l("Nur offene Anfragen können storniert werden."), conflict=True
        )
    request.status = CANCELLED
    request.status_reason = (reason or "").strip()
    record("request.cancel", request, reason=request.status_reason)
    db.session.commit()


def mark_unfilled(request: SessionRequest, reason: str = "") -> None:
    """Nobody could be found: the school is told."""
    _lock(request)
    if request.status != OPEN:
        raise SchedulingError(None, _l("Diese Anfrage ist nicht mehr offen."), conflict=True)
    request.status = UNFILLED
    request.status_reason = (reason or "").strip()
    record("request.unfilled", request, reason=request.status_reason)
    with outbox.batch():
        events.request_unfilled(request)
    _commit()


def schedule_request(
    request: SessionRequest, starts_at: datetime, moderator_ids: list[int], mode: str
) -> InfoSession:
    """Turn a request into a session at one of its preferred times, and offer or assign it."""
    _lock(request)
    if request.status != OPEN:
        raise SchedulingError(None, _l("Diese Anfrage ist nicht mehr offen."), conflict=True)
    if not any(slot.starts_at == starts_at for slot in request.slots):
        raise SchedulingError("starts_at", _l("Bitte eine der gewünschten Zeiten wählen."))
    session = InfoSession(
        request=request,
        school_id=request.school_id,
        language_id=request.language_id,
        topic_id=request.topic_id,
        starts_at=starts_at,
        ends_at=starts_at + request.duration,
        venue_name=request.venue_name,
        venue_address=request.venue_address,
        district_id=request.district_id,
        expected_parents=request.expected_parents,
        public=request.public,
        notes=request.notes,
        assignments=[],  # a new session has none: nothing to look for in the database
    )
    db.session.add(session)
    request.status = SCHEDULED
    with audit.batch():
        record("session.create", session, request_id=request.id)
        created = staff(session, moderator_ids, mode)
    _announce(created)
    _commit()
    return session


def plan_session(
    *,
    language,
    topic,
    starts_at: datetime,
    duration_minutes: int,
    district,
    school=None,
    venue_name: str = "",
    venue_address: str = "",
    moderators_needed: int = 1,
    public: bool = False,
    expected_parents: int = 0,
    notes: str = "",
    past_ok: bool = False,
) -> InfoSession:
    """A session without a request, e.g. at a community centre; with `past_ok`, also one that
    already took place, entered afterwards for the record (its moderators are then assigned
    directly)."""
    check_language_and_topic(language, topic)
    (starts_at,) = check_starts([starts_at], past_ok=past_ok)
    check_duration(duration_minutes)
    if not isinstance(moderators_needed, int) or not 1 <= moderators_needed <= 10:
        raise SchedulingError("moderators_needed", _l("Bitte eine Zahl von 1 bis 10 angeben."))
    if school is None and not (venue_name or "").strip():
        raise SchedulingError("venue_name", _l("Bitte eine Schule oder einen Ort angeben."))
    session = InfoSession(
        school=school,
        language=language,
        topic=topic,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=duration_minutes),
        venue_name=(venue_name or "").strip() or school.name,
        venue_address=(venue_address or "").strip() or (school.address if school else ""),
        district=district or school.district,
        moderators_needed=moderators_needed,
        public=bool(public),
        expected_parents=expected_parents or 0,
        notes=(notes or "").strip(),
    )
    db.session.add(session)
    record("session.create", session, planned=True, past=starts_at <= utcnow())
    db.session.commit()
    return session


def add_assignment(session: InfoSession, moderator: Moderator, mode: str) -> Assignment:
    """Offer the session to one more moderator, or assign them directly."""
    (assignment,) = staff(session, [moderator.id], mode)
    _announce([assignment])
    _commit()
    return assignment


def _commit() -> None:
    """Store the change with its audit rows and its mails (queued before, in its transaction),
    and keep what the transaction holds as it is: the answer to the request (the API's JSON, the
    page's message) is built from it instead of reading it all again. It holds what it read in
    this transaction, the rows it decided on read under their locks, and what it wrote itself;
    a relationship whose foreign key it changed was expired when it changed."""
    commit_keeping_loaded_objects()


def _announce(assignments: list[Assignment]) -> None:
    with outbox.batch():
        for assignment in assignments:
            if assignment.status == ACCEPTED:
                events.session_confirmed(assignment)
            elif assignment.status == OFFERED:
                events.offer_made(assignment)


def accept(assignment: Assignment) -> None:
    """The moderator takes the session; checked and booked under a lock (see booking.book)."""
    withdrawn = book(assignment)
    record("assignment.accept", assignment, session_id=assignment.session_id)
    with outbox.batch():
        events.session_confirmed(assignment)
        for other in withdrawn:
            events.offer_withdrawn(other)
    _commit()


def decline(assignment: Assignment, reason: str = "") -> None:
    # Under the session's lock, as book() takes it: an accept at the same moment cannot be
    # overwritten by this decline, nor the other way round.
    lock_session(assignment.session_id)
    fresh_session(assignment.session_id)
    if assignment.status != OFFERED:
        raise SchedulingError(None, _l("Dieses Angebot ist nicht mehr offen."), gone=True)
    assignment.status = "declined"
    assignment.responded_at = utcnow()
    assignment.decline_reason = (reason or "").strip()
    record("assignment.decline", assignment, reason=assignment.decline_reason)
    with outbox.batch():
        events.offer_declined(assignment)
    _commit()
