"""Rows that a block records to store together when it ends (audit rows, queued mails)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


@contextmanager
def collecting(rows_of: ContextVar[list | None]) -> Iterator[list]:
    """Point `rows_of` at a new list while the block runs and hand it over; the list it pointed
    at before is back afterwards, also when the block is left by an exception."""
    rows: list = []
    token = rows_of.set(rows)
    try:
        yield rows
    finally:
        rows_of.reset(token)
