"""Results that change only when the data does, kept by each worker until it changes.

Every change of state writes an audit-log row in the same transaction (DESIGN.md), so the newest
rows of the audit log tell whether anything may have changed since a result was counted. A
result is kept under the data's version and found again only while that version holds; a worker
that sees a newer version counts again. Each worker keeps its own few results, for its own app:
no worker needs another's, and nothing is kept that a restart would miss.

For counts over years of history (the statistics, the demand), which take the database tens of
milliseconds and are asked for many times between two changes; for results that the passing
of time changes too (the candidates of a request), kept until the moment it does; and for pages
that every reader sees alike (common/kept_pages.py).

All share one worker's KEPT entries and KEPT_BYTES. The largest are a request's match (about
265 KB for 460 speakers at three times) with its page and its API answer: without the bound in
bytes, 70 requests of the large languages looked at in one process without a change between
them took it from 142 to 157 MB resident.
"""

from collections import OrderedDict
from collections.abc import Callable
from functools import cache, wraps
from threading import Lock

from flask import current_app, g, has_app_context, has_request_context
from sqlalchemy import Select, event, func, select

from moderators.common import reading
from moderators.common.audit import AuditLog
from moderators.common.models import utcnow
from moderators.extensions import db

# Ids are handed out when a row is written, not when its transaction commits: a change may
# commit after one with a higher id. It still lands among the newest ids, so their number of
# rows changes even when the newest id does not. Far more than ever run at once.
RECENT_IDS = 1000
KEPT = 64  # results per worker; the oldest used is dropped first
KEPT_BYTES = 4 * 2**20  # about as much as they may take together: ten requests' candidates
VERSION = "data_version"  # on `g`, which each request has for itself: the version it read
COUNTING = "kept_counting"  # on `g`: of each result being counted, the moment it expires


def data_version() -> tuple[int | None, int]:
    """The newest audit row's id and how many rows the newest RECENT_IDS ids hold (one
    statement, on the primary key's index).

    A request reads it once: every result its page keeps is found under the same version. A
    request that commits reads it again, since its own change has moved it.
    """
    if has_request_context() and VERSION in g:
        return g.get(VERSION)
    newest_id, count = db.session.execute(_version_statement()).one()
    if has_request_context():
        setattr(g, VERSION, (newest_id, count))
    return newest_id, count


@event.listens_for(reading.Session, "after_commit")
def _a_commit_moves_it(session) -> None:
    if has_app_context():
        g.pop(VERSION, None)


@cache
def _version_statement() -> Select:
    """Built once: building it took longer than the database takes to answer it."""
    newest = select(func.max(AuditLog.id)).scalar_subquery()
    recent = (
        select(func.count())
        .select_from(AuditLog)
        .where(AuditLog.id > newest - RECENT_IDS)
        .scalar_subquery()
    )
    return select(newest, recent)


class Results:
    """A worker's kept results, the most recently used last: at most `size` of them, and no
    more than about `budget` bytes (size_of) together."""

    def __init__(self, size: int = KEPT, budget: int = KEPT_BYTES):
        self.size, self.budget, self.lock = size, budget, Lock()
        self.kept, self.sizes, self.total = OrderedDict(), {}, 0
        self.version = None

    def hold(self, version) -> None:
        """Let go of the results kept under another version of the data: none of them can be
        found again once a newer one is seen (each key holds its version, so a request that
        still reads an older one is never given a newer result, nor the other way round)."""
        with self.lock:
            if version != self.version:
                self._empty()
                self.version = version

    def get(self, key, default=None):
        with self.lock:
            if key not in self.kept:
                return default
            self.kept.move_to_end(key)
            return self.kept[key]

    def put(self, key, value, size: int = 0) -> None:
        with self.lock:
            self.total += size - self.sizes.get(key, 0)
            self.kept[key], self.sizes[key] = value, size
            self.kept.move_to_end(key)
            while len(self.kept) > self.size or (self.total > self.budget and len(self.kept) > 1):
                oldest, _ = self.kept.popitem(last=False)
                self.total -= self.sizes.pop(oldest)

    def clear(self) -> None:
        with self.lock:
            self._empty()

    def _empty(self) -> None:
        self.kept.clear()
        self.sizes.clear()
        self.total = 0


def size_of(value) -> int:
    """About how many bytes a kept result takes: its text (pages, JSON) and what a result says
    of itself (`kept_size`, a request's match). Counts and figures are small: they count as
    nothing."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, tuple | list):
        return sum(size_of(item) for item in value)
    return getattr(value, "kept_size", 0)


def kept_results() -> Results:
    return current_app.extensions.setdefault("kept_results", Results())


def until_data_changes(function: Callable) -> Callable:
    """`function`'s result for the same arguments (hashable ones), kept until the data changes.
    The result is shared between requests: it must not be changed by whoever reads it."""
    return _kept(function, lambda *args: (function(*args), None))


def until_data_or_time_changes(function: Callable) -> Callable:
    """As until_data_changes, for a result that the passing of time changes as well: `function`
    returns the result and the moment (UTC) from which it may differ, or None if only a change
    of the data can change it. The result is kept while the data holds and that moment is
    still to come."""
    return _kept(function, function)


def _kept(function: Callable, result_until: Callable) -> Callable:
    @wraps(function)
    def kept(*args):
        key = (function.__module__, function.__qualname__, args)
        return keep(key, lambda: result_until(*args))

    return kept


def keep(key: tuple, result_until: Callable[[], tuple]):
    """The result kept under `key` for the data's version; else the first of what
    `result_until()` returns, kept until the data changes or the second (a moment in UTC, or
    None) comes. `key` holds everything else the result depends on.

    A result counted from other kept results is kept no longer than the first of them.
    """
    # The version is read before the result is counted: a change that commits in between
    # is in the result at worst, never missing from one kept under a newer version.
    version = data_version()
    key = (*key, version)
    results = kept_results()
    results.hold(version)
    entry = results.get(key)
    if entry is None or (entry[1] is not None and utcnow() >= entry[1]):
        counting = g.setdefault(COUNTING, [])
        counting.append(None)
        try:
            value, until = result_until()
        finally:
            used = counting.pop()
        entry = (value, _earlier(until, used))
        results.put(key, entry, size_of(value))
    expires_at(entry[1])
    return entry[0]


def expires_at(moment) -> None:
    """The result being counted, if any, may differ from `moment` (UTC) on: keep it no longer."""
    counting = g.get(COUNTING)
    if counting:
        counting[-1] = _earlier(counting[-1], moment)


def _earlier(one, other):
    return other if one is None or (other is not None and other < one) else one
