"""The coordinator's queue of requests: a page of plain rows and its total, in few statements."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Select, bindparam, func, null, select, union_all

from moderators.common.pagination import LAST_PAGE, Page
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.scheduling.models import (
    OPEN,
    InfoSession,
    RequestSlot,
    SessionRequest,
)
from moderators.schools.models import School


@dataclass
class QueueEntry:
    """A request as a row of the queue shows it: plain values, no ORM objects."""

    id: int
    created_at: datetime
    school_id: int
    school_name: str
    venue_name: str
    district_id: int
    language_code: str
    topic_id: int
    duration_minutes: int
    expected_parents: int
    status: str
    slots: list[datetime] = field(default_factory=list)  # the preferred starts, earliest first
    session_ids: list[int] = field(default_factory=list)

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)


def request_queue(
    status: str = OPEN,
    language: str | None = None,
    district_id: int | None = None,
    topic_id: int | None = None,
    page: int = 1,
    per_page: int = 25,
) -> Page:
    """Requests in one state, a page of them: open ones oldest first, so that the school that
    has waited longest comes first; the others latest change first. Two queries: the rows with
    the total, then the preferred times and sessions of the rows. A page number past the last
    page gives an empty page; one too large for the database, the last page it can count to."""
    page = min(max(page, 1), LAST_PAGE)
    filters = {"language": language, "district_id": district_id, "topic_id": topic_id}
    filters = {name: value for name, value in filters.items() if value}
    parameters = filters | {"status": status, "limit": per_page, "offset": (page - 1) * per_page}
    rows = db.session.execute(
        _queue_statement(status == OPEN, frozenset(filters)), parameters
    ).all()
    entries = [QueueEntry(*row[:-1]) for row in rows]
    total = rows[0].total if rows else 0
    if not rows and page > 1:  # past the last page: no row carries the total
        total = db.session.scalar(_queue_count_statement(frozenset(filters)), parameters)
    if entries:
        _add_times(entries, with_sessions=status != OPEN)
    return Page(entries, total, page, per_page)


def _queue_conditions(filters: frozenset[str]) -> list:
    conditions = [SessionRequest.status == bindparam("status")]
    if "language" in filters:
        code = select(Language.id).where(Language.code == bindparam("language"))
        conditions.append(SessionRequest.language_id == code.scalar_subquery())
    if "district_id" in filters:
        conditions.append(SessionRequest.district_id == bindparam("district_id"))
    if "topic_id" in filters:
        conditions.append(SessionRequest.topic_id == bindparam("topic_id"))
    return conditions


# Built once per combination of filters and reused with other values: building and keying a
# statement costs about as much as running it.
@cache
def _queue_count_statement(filters: frozenset[str]) -> Select:
    # count(*), not count(id): the indexes of state and age answer it without the table's rows.
    return select(func.count()).select_from(SessionRequest).where(*_queue_conditions(filters))


@cache
def _queue_statement(oldest_first: bool, filters: frozenset[str]) -> Select:
    if oldest_first:
        order = (SessionRequest.created_at, SessionRequest.id)
    else:
        order = (SessionRequest.updated_at.desc(), SessionRequest.id.desc())
    # The page's ids first, and only then their schools and languages: sorting thousands of
    # handled requests goes faster without the joined columns.
    page = (
        select(SessionRequest.id)
        .where(*_queue_conditions(filters))
        .order_by(*order)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
    return (
        select(
            SessionRequest.id,
            SessionRequest.created_at,
            SessionRequest.school_id,
            School.name,
            SessionRequest.venue_name,
            SessionRequest.district_id,
            Language.code,
            SessionRequest.topic_id,
            SessionRequest.duration_minutes,
            SessionRequest.expected_parents,
            SessionRequest.status,
            _queue_count_statement(filters).scalar_subquery().label("total"),
        )
        .join(School, School.id == SessionRequest.school_id)
        .join(Language, Language.id == SessionRequest.language_id)
        .where(SessionRequest.id.in_(page))
        .order_by(*order)
    )


@cache
def _times_statement(with_sessions: bool):
    """The preferred starts of some requests, and with `with_sessions` the ids of their
    sessions, in one query: a session's row has no start."""
    ids = bindparam("ids", expanding=True)
    slots = select(RequestSlot.request_id, RequestSlot.id, RequestSlot.starts_at).where(
        RequestSlot.request_id.in_(ids)
    )
    if not with_sessions:
        return slots
    sessions = select(InfoSession.request_id, InfoSession.id, null()).where(
        InfoSession.request_id.in_(ids)
    )
    return union_all(slots, sessions)


def _add_times(entries: list[QueueEntry], with_sessions: bool) -> None:
    by_id = {entry.id: entry for entry in entries}
    rows = db.session.execute(_times_statement(with_sessions), {"ids": list(by_id)}).all()
    for request_id, row_id, starts_at in sorted(rows, key=lambda row: row[1]):
        if starts_at is None:
            by_id[request_id].session_ids.append(row_id)
        else:
            by_id[request_id].slots.append(starts_at)
    for entry in entries:
        entry.slots.sort()
