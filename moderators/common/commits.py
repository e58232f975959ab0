"""Commits that keep what the transaction loaded, for work that reads on after its commit.

By default a commit expires every loaded object, so that code reading after it sees the
database again. A request that has done its reading (under locks, where it decides) and only
builds its answer or its next mail from those objects would read them all once more. Only such
code uses these; the session's default stays as it is.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from moderators.extensions import db


@contextmanager
def keeping_loaded_objects() -> Iterator[None]:
    """Commits inside the block leave the loaded objects as they are."""
    session = db.session()
    expiring, session.expire_on_commit = session.expire_on_commit, False
    try:
        yield
    finally:
        session.expire_on_commit = expiring


def commit_keeping_loaded_objects() -> None:
    with keeping_loaded_objects():
        db.session.commit()
