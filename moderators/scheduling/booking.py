"""Booking a moderator: the one place that guarantees nobody is booked twice."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from moderators.common.audit import record
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.roster.models import Moderator
from moderators.scheduling.matching import travel_buffer
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
    locked (SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises writers), so of two
    overlapping accepts at the same moment exactly one succeeds. An exclusion constraint on
    PostgreSQL backs this up in the database itself. Returns the offers to others that were
    withdrawn because the session is now fully staffed. Only a coordinator entering a session
    that already took place books for one that has begun (`started_ok`).
    """
    session = db.session.scalar(
        select(InfoSession)
        .where(InfoSession.id == assignment.session_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    db.session.expire(session, ["assignments"])  # read what others committed before the lock
    db.session.refresh(assignment)
    if assignment.status != OFFERED:
        raise SchedulingError(None, _l("Dieses Angebot ist nicht mehr offen."), gone=True)
    if session.status != PLANNED or (session.starts_at <= utcnow() and not started_ok):
        raise SchedulingError(
            None, _l("Die Veranstaltung hat schon begonnen oder findet nicht statt."), gone=True
        )
    if sum(a.status == ACCEPTED for a in session.assignments) >= session.moderators_needed:
        raise SchedulingError(None, _l("Die Veranstaltung ist schon besetzt."), gone=True)
    ensure_free(assignment, assignment.starts_at, assignment.ends_at)
    assignment.status = ACCEPTED
    assignment.responded_at = utcnow()
    db.session.flush()
    return withdraw_open_offers(session)


def ensure_free(assignment: Assignment, starts_at, ends_at) -> None:
    """Lock the moderator's row, then refuse if they hold another accepted assignment within
    the travel buffer of starts_at..ends_at. Nothing is flushed before the check."""
    with db.session.no_autoflush:
        db.session.execute(
            select(Moderator.id).where(Moderator.id == assignment.moderator_id).with_for_update()
        )
        buffer = travel_buffer()
        clash = db.session.scalar(
            select(Assignment.id)
            .where(
                Assignment.moderator_id == assignment.moderator_id,
                Assignment.status == ACCEPTED,
                Assignment.id != assignment.id,
                Assignment.starts_at < ends_at + buffer,
                Assignment.ends_at > starts_at - buffer,
            )
            .limit(1)
        )
    if clash is not None:
        raise SchedulingError(
            None,
            _l(
                "%(name)s hat zu dieser Zeit schon eine andere Veranstaltung.",
                name=assignment.moderator.full_name,
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


def lock_for_staffing(session: InfoSession, moderator_ids: list[int]) -> None:
    """Lock the session, then the moderators (by id), before anything is inserted: the order
    book() takes them in. An insert's foreign-key check share-locks those rows first, and two
    transactions that each hold a share lock and then want the row lock deadlock."""
    if session.id is not None:
        db.session.execute(
            select(InfoSession.id).where(InfoSession.id == session.id).with_for_update()
        )
        db.session.refresh(session, ["status", "starts_at"])
        db.session.expire(session, ["assignments"])  # read offers others committed meanwhile
    db.session.execute(
        select(Moderator.id)
        .where(Moderator.id.in_(moderator_ids))
        .order_by(Moderator.id)
        .with_for_update()
    )


def staff(session: InfoSession, moderator_ids: list[int], mode: str) -> list[Assignment]:
    """Offer the session to these moderators, or book them directly ("assign"); the caller
    commits. Only active moderators, each once per session. A session that has begun (one
    entered afterwards, for the record) can only be assigned: nobody can accept an offer for it.
    """
    if mode not in (OFFER, ASSIGN):
        raise SchedulingError("mode", _l("Erwartet wird „offer“ oder „assign“."))
    lock_for_staffing(session, moderator_ids)
    if session.status != PLANNED:
        raise SchedulingError(None, _l("Die Veranstaltung ist nicht mehr geplant."), conflict=True)
    if session.starts_at <= utcnow() and mode != ASSIGN:
        raise SchedulingError(
            "mode",
            _l("Eine Veranstaltung, die schon begonnen hat, kann nur direkt zugewiesen werden."),
            conflict=True,
        )
    ids = list(dict.fromkeys(moderator_ids))
    moderators = {
        m.id: m for m in db.session.scalars(select(Moderator).where(Moderator.id.in_(ids)))
    }
    if set(ids) - set(moderators):
        raise SchedulingError("moderator_ids", _l("Unbekannte Moderator*in."))
    taken = {a.moderator_id for a in session.assignments if a.status in BOOKED}
    created = []
    inactive = [m.full_name for m in moderators.values() if m.status != "active"]
    if inactive:
        raise SchedulingError(
            "moderator_ids",
            _l(
                "Nur aktive Moderator*innen können eingeplant werden: %(names)s",
                names=", ".join(inactive),
            ),
        )
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
        assignment = Assignment(
            session=session,
            moderator=moderators[moderator_id],
            status=OFFERED,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
        )
        db.session.add(assignment)
        db.session.flush()
        if mode == ASSIGN:
            book(assignment, started_ok=True)
        record(f"assignment.{mode}", assignment, session_id=session.id, moderator_id=moderator_id)
        created.append(assignment)
    return created
