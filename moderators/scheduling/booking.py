"""Booking a moderator: the one place that guarantees nobody is booked twice."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, literal, select
from sqlalchemy.orm.attributes import set_committed_value

from moderators.common.audit import record
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.roster.models import Moderator
from moderators.scheduling.locks import (
    booked_near,
    clashes,
    fresh_session,
    lock_moderators,
    lock_session,
)
from moderators.scheduling.models import (
    ACCEPTED,
    BOOKED,
    OFFERED,
    PLANNED,
    WITHDRAWN,
    Assignment,
    InfoSession,
)

OFFER, ASSIGN = "offer", "assign"


class SchedulingError(ValueError):
    """A change that breaks a scheduling rule; `field` names the input at fault.

    `conflict`: it clashes with the state of things (the API answers 409);
    `gone`: the offer no longer exists (the API answers 410).
    """

    def __init__(self, field, message, conflict: bool = False, gone: bool = False):
        super().__init__(str(message))
        self.field = field
        self.message = message
        self.conflict = conflict
        self.gone = gone


def book(assignment: Assignment, started_ok: bool = False) -> list[Assignment]:
    """Make the assignment accepted, unless its moderator is booked elsewhere at that time.

    Runs inside the caller's transaction: the session row and then the moderator row are
    locked, then the session is read afresh, so of two overlapping accepts at the same moment
    exactly one succeeds. An exclusion constraint on PostgreSQL backs this up in the database
    itself. Returns the offers to others that were withdrawn because the session is now fully
    staffed. Only a coordinator entering a session that already took place books for one that
    has begun (`started_ok`).
    """
    lock_session(assignment.session_id)
    lock_moderators([assignment.moderator_id])
    session, clash = fresh_session(assignment.session_id, clash_for=assignment)
    if assignment.status != OFFERED:
        raise SchedulingError(None, _l("Dieses Angebot ist nicht mehr offen."), gone=True)
    if session.status != PLANNED or (session.starts_at <= utcnow() and not started_ok):
        raise SchedulingError(
            None, _l("Die Veranstaltung hat schon begonnen oder findet nicht statt."), gone=True
        )
    if sum(a.status == ACCEPTED for a in session.assignments) >= session.moderators_needed:
        raise SchedulingError(None, _l("Die Veranstaltung ist schon besetzt."), gone=True)
    if clash is not None:
        raise _busy(assignment.moderator)
    assignment.status = ACCEPTED
    assignment.responded_at = utcnow()
    withdrawn = withdraw_open_offers(session)
    db.session.flush()
    return withdrawn


def ensure_free(assignments: list[Assignment], starts_at, ends_at) -> None:
    """Lock the moderators' rows, then refuse if one of them holds another accepted assignment
    within the travel buffer of starts_at..ends_at (the first of `assignments` that does is
    named). Nothing is flushed before the check."""
    if not assignments:
        return
    with db.session.no_autoflush:
        lock_moderators([a.moderator_id for a in assignments])
        busy = set(db.session.scalars(clashes(assignments, starts_at, ends_at)))
    for assignment in assignments:
        if assignment.moderator_id in busy:
            raise _busy(assignment.moderator)


def _busy(moderator: Moderator) -> SchedulingError:
    return SchedulingError(
        None,
        _l(
            "%(name)s hat zu dieser Zeit schon eine andere Veranstaltung.",
            name=moderator.full_name,
        ),
        conflict=True,
    )


def withdraw_open_offers(session: InfoSession) -> list[Assignment]:
    """Once a session has all the moderators it needs, the other offers are withdrawn."""
    accepted = sum(a.status == ACCEPTED for a in session.assignments)
    if accepted < session.moderators_needed:
        return []
    withdrawn = [a for a in session.assignments if a.status == OFFERED]
    for assignment in withdrawn:
        assignment.status = WITHDRAWN
        assignment.responded_at = utcnow()
    return withdrawn


def lock_for_staffing(session: InfoSession, moderator_ids: list[int]) -> dict[int, Moderator]:
    """Lock the session, then the moderators (by id), before anything is inserted: the order
    book() takes them in. An insert's foreign-key check share-locks those rows first, and two
    transactions that each hold a share lock and then want the row lock deadlock. An existing
    session is then read afresh: the offers others committed meanwhile count. A session this
    transaction has just made is seen by nobody else before the commit: it needs no lock and
    no fresh read, and is stored now (which gives it its id and defaults). Returns the
    moderators found."""
    stored = session.id is not None
    if stored:
        lock_session(session.id)
    moderators = lock_moderators(moderator_ids)
    if stored:
        fresh_session(session.id)
    else:
        db.session.flush()
    return moderators


def staff(session: InfoSession, moderator_ids: list[int], mode: str) -> list[Assignment]:
    """Offer the session to these moderators, or book them directly ("assign"); the caller
    commits. Only active moderators, each once per session. A session that has begun (one
    entered afterwards, for the record) can only be assigned: nobody can accept an offer for it.
    """
    if mode not in (OFFER, ASSIGN):
        raise SchedulingError("mode", _l("Erwartet wird „offer“ oder „assign“."))
    moderators = lock_for_staffing(session, moderator_ids)
    if session.status != PLANNED:
        raise SchedulingError(None, _l("Die Veranstaltung ist nicht mehr geplant."), conflict=True)
    if session.starts_at <= utcnow() and mode != ASSIGN:
        raise SchedulingError(
            "mode",
            _l("Eine Veranstaltung, die schon begonnen hat, kann nur direkt zugewiesen werden."),
            conflict=True,
        )
    ids = list(dict.fromkeys(moderator_ids))
    if set(ids) - set(moderators):
        raise SchedulingError("moderator_ids", _l("Unbekannte Moderator*in."))
    taken = {a.moderator_id for a in session.assignments if a.status in BOOKED}
    inactive = [m.full_name for m in moderators.values() if m.status != "active"]
    if inactive:
        raise SchedulingError(
            "moderator_ids",
            _l(
                "Nur aktive Moderator*innen können eingeplant werden: %(names)s",
                names=", ".join(inactive),
            ),
        )
    created = []
    for moderator_id in ids:
        if moderator_id in taken:
            raise SchedulingError(
                "moderator_ids",
                _l(
                    "%(name)s ist für diese Veranstaltung schon vorgesehen.",
                    name=moderators[moderator_id].full_name,
                ),
                conflict=True,
            )
        if mode == ASSIGN:
            created.append(_book_new(session, moderators[moderator_id]))
    if mode == OFFER:
        created = _offer_all(session, [moderators[moderator_id] for moderator_id in ids])
    for assignment in created:
        record(
            f"assignment.{mode}",
            assignment,
            session_id=session.id,
            moderator_id=assignment.moderator_id,
        )
    return created


def _offer_all(session: InfoSession, moderators: list[Moderator]) -> list[Assignment]:
    """The offers to these moderators, inserted in one statement (in the order given)."""
    if not moderators:
        return []
    rows = [
        {
            "session_id": session.id,
            "moderator_id": moderator.id,
            "status": OFFERED,
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
        }
        for moderator in moderators
    ]
    inserted = {
        assignment.moderator_id: assignment
        for assignment in db.session.scalars(insert(Assignment).returning(Assignment), rows)
    }
    offers = [inserted[moderator.id] for moderator in moderators]
    _add_to_session(session, offers, moderators)
    return offers


def _book_new(session: InfoSession, moderator: Moderator) -> Assignment:
    """Book the moderator on the session at once, as book() would an offer just made: unless
    the session is fully staffed or the moderator is booked elsewhere at that time.

    One statement checks and inserts: the assignment is inserted as accepted only if the
    moderator holds no accepted assignment within the travel buffer. It runs after the
    moderator's row is locked (lock_for_staffing), so, as in book(), it sees every booking of
    theirs that another transaction committed before.
    """
    if sum(a.status == ACCEPTED for a in session.assignments) >= session.moderators_needed:
        raise SchedulingError(None, _l("Die Veranstaltung ist schon besetzt."), gone=True)
    now = utcnow()
    values = {
        Assignment.session_id: session.id,
        Assignment.moderator_id: moderator.id,
        Assignment.status: ACCEPTED,
        Assignment.starts_at: session.starts_at,
        Assignment.ends_at: session.ends_at,
        Assignment.offered_at: now,
        Assignment.responded_at: now,
    }
    free = ~booked_near([moderator.id], session.starts_at, session.ends_at).exists()
    row = select(*(literal(value, column.type) for column, value in values.items())).where(free)
    assignment = db.session.scalar(
        insert(Assignment).from_select(list(values), row).returning(Assignment)
    )
    if assignment is None:
        raise _busy(moderator)
    _add_to_session(session, [assignment], [moderator])
    withdraw_open_offers(session)
    return assignment


def _add_to_session(
    session: InfoSession, assignments: list[Assignment], moderators: list[Moderator]
) -> None:
    """Join the inserted assignments to their session and (in the same order) their locked
    moderators, as if they had been loaded with them: what the mails, the page's message and
    the API's answer show, without reading it all again."""
    for assignment, moderator in zip(assignments, moderators, strict=True):
        set_committed_value(assignment, "session", session)
        set_committed_value(assignment, "moderator", moderator)
    set_committed_value(session, "assignments", [*session.assignments, *assignments])
