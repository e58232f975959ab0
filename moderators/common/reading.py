"""Requests that only read (GET, HEAD, OPTIONS) read without a transaction.

PostgreSQL runs at READ COMMITTED: each statement sees the data as committed when it begins,
inside a transaction or not, so a page reads the same either way. What the transaction added
to a page were two round trips to the server, `BEGIN` and the `ROLLBACK` that hands the
connection back: about a quarter of the signed-in empty page. SQLite's driver already reads
outside a transaction, so there nothing changes.

Forms and API calls that change data are POST, PUT, PATCH or DELETE and keep their transaction.
The GET requests that write at all write one row (the audit row of a data export, a new
two-factor secret), which commits by itself as their commit did. A GET request that starts
while the session already holds a transaction (only tests do that) goes on in it.
"""

from functools import lru_cache

from flask import Flask, g, request
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import Engine

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
READING = "reading_without_transaction"  # set on `g` for a reading request


class Session(FlaskSession):
    """db.session's class: a reading request's session connects in autocommit."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        engine = super().get_bind(mapper, clause, bind, **kwargs)
        if isinstance(engine, Engine) and g.get(READING):
            return _autocommit(engine)
        return engine


@lru_cache(maxsize=8)
def _autocommit(engine: Engine) -> Engine:
    """The engine with autocommit connections from the same pool, made once per engine."""
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def init_app(app: Flask, db) -> None:
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            # Its driver begins a transaction only before a write; switching its connections
            # to autocommit and back on every request would cost more than it saves.
            return

    @app.before_request
    def read_without_transaction():
        # A request's session is made when it first reads: not here, for requests that don't.
        if request.method in SAFE_METHODS and not (
            db.session.registry.has() and db.session().in_transaction()
        ):
            g.setdefault(READING, True)

    @app.teardown_request
    def end_reading(error=None):
        # The connection goes back to the pool with the request: the session's next use, a
        # write perhaps, begins a transaction of its own.
        if g.pop(READING, False) and db.session.registry.has():
            db.session.rollback()
