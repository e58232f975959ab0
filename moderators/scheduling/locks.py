"""Row locks for changes to requests and sessions, and reading under them.

A change takes the request's or the session's row first, then the moderators' rows by id
(SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises writers), and reads what it decides on
only after that. Each row is locked once per transaction: a lock held is not asked for again.
"""

from sqlalchemy import select
from sqlalchemy.orm import aliased, contains_eager, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from moderators.common.locks import lock_once, locks_held
from moderators.extensions import db
from moderators.roster.models import Moderator
from moderators.scheduling.matching import travel_buffer
from moderators.scheduling.models import ACCEPTED, Assignment, InfoSession, SessionRequest
from moderators.schools.models import School


def lock_request(request_id: int) -> SessionRequest | None:
    """Lock the request's row, unless this transaction holds it already; the request as read
    when the lock was taken (None if there is none), in one statement with its preferred times
    (which never change), its sessions, and what scheduling it and its mails read: its school
    (and the school's accounts), language, topic and district."""
    return lock_once(
        "scheduling",
        SessionRequest,
        request_id,
        joinedload(SessionRequest.school).joinedload(School.users),
        joinedload(SessionRequest.language),
        joinedload(SessionRequest.topic),
        joinedload(SessionRequest.district),
        joinedload(SessionRequest.slots),
        joinedload(SessionRequest.sessions),
    )


def locked_offer(assignment_id: int, moderator_id: int | None) -> Assignment | None:
    """The moderator's own assignment, its session locked; None if it is not theirs (or not
    there). The assignment's own columns may predate the lock: whoever decides on them reads
    them again (fresh_session)."""
    if moderator_id is None:
        return None
    assignment = db.session.scalar(
        select(Assignment)
        .join(Assignment.session)
        .where(Assignment.id == assignment_id, Assignment.moderator_id == moderator_id)
        .options(contains_eager(Assignment.session))
        .with_for_update(of=InfoSession)
        .execution_options(populate_existing=True)
    )
    if assignment is not None:
        locks_held("scheduling").add((InfoSession, assignment.session_id))
    return assignment


def lock_session(session_id: int) -> InfoSession | None:
    """Lock the session's row, unless this transaction holds it already; the session as read
    when the lock was taken (None if there is none)."""
    return lock_once("scheduling", InfoSession, session_id)


def lock_moderators(moderator_ids) -> dict[int, Moderator]:
    """Lock the moderators' rows this transaction does not hold yet, by id; returns the
    moderators found (with their accounts, where the mails go), as they were when locked."""
    held = locks_held("scheduling")
    wanted = sorted({i for i in moderator_ids if (Moderator, i) not in held})
    found = {}
    if wanted:
        found = {
            moderator.id: moderator
            for moderator in db.session.scalars(
                select(Moderator)
                .where(Moderator.id.in_(wanted))
                .order_by(Moderator.id)
                .options(joinedload(Moderator.user))
                .with_for_update(of=Moderator)
                .execution_options(populate_existing=True)
            )
        }
        held.update((Moderator, i) for i in found)
    for moderator_id in set(moderator_ids) - set(found):
        if (Moderator, moderator_id) in held:
            found[moderator_id] = db.session.get(Moderator, moderator_id)
    return found


def with_session_graph():
    """A session with what the changes to it read and their mails show: its school (and the
    school's accounts), language, topic and district, and its assignments with their
    moderators and the moderators' accounts."""
    return (
        joinedload(InfoSession.school).joinedload(School.users),
        joinedload(InfoSession.language),
        joinedload(InfoSession.topic),
        joinedload(InfoSession.district),
        joinedload(InfoSession.assignments)
        .joinedload(Assignment.moderator)
        .joinedload(Moderator.user),
    )


def fresh_session(session_id: int, clash_for: Assignment | None = None):
    """The session read afresh with its graph (with_session_graph), in one statement; with
    `clash_for`, also (as a second value) whether that assignment's moderator holds another
    accepted assignment within the travel buffer of the session's time: not None if so.

    Call it once the rows are locked: what it reads is then what the change decides on.
    """
    columns = [InfoSession]
    if clash_for is not None:
        session = db.session.get(InfoSession, session_id)
        columns.append(
            clashes([clash_for], session.starts_at, session.ends_at).limit(1).scalar_subquery()
        )
    row = (
        db.session.execute(
            select(*columns)
            .where(InfoSession.id == session_id)
            .options(*with_session_graph())
            .execution_options(populate_existing=True)
        )
        .unique()
        .one()
    )
    session = row[0]
    for assignment in session.assignments:
        # Each assignment holds on to its session: what the mails read goes through them.
        set_committed_value(assignment, "session", session)
    return row if clash_for is not None else session


def clashes(assignments, starts_at, ends_at):
    """Accepted assignments of the moderators of `assignments` (other than these) that come
    within the travel buffer of starts_at..ends_at: the moderator id of each."""
    return booked_near(
        [a.moderator_id for a in assignments], starts_at, ends_at, [a.id for a in assignments]
    )


def booked_near(moderator_ids, starts_at, ends_at, other_than=()):
    """Accepted assignments of these moderators (other than those with the ids `other_than`)
    that come within the travel buffer of starts_at..ends_at: the moderator id of each."""
    buffer = travel_buffer()
    other = aliased(Assignment)
    query = select(other.moderator_id).where(
        other.moderator_id.in_(moderator_ids),
        other.status == ACCEPTED,
        other.starts_at < ends_at + buffer,
        other.ends_at > starts_at - buffer,
    )
    return query.where(other.id.not_in(other_than)) if other_than else query
