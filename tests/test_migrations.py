"""Migrations alone build the schema, agree with the models, and each can be undone and redone."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from moderators.extensions import db


def test_migrations_reach_the_models_exactly(app):
    # The session's database was built by `upgrade head` from empty (see conftest).
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_database_is_at_the_single_head(app):
    config = app.extensions["migrate"].migrate.get_config()
    heads = ScriptDirectory.from_config(config).get_heads()
    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    assert len(heads) == 1
    assert tuple(current) == tuple(heads)


def test_every_migration_downgrades_and_upgrades_again(app):
    """base → head → base → head on the test database, which ends at head for the next tests."""
    config = app.extensions["migrate"].migrate.get_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    db.session.remove()  # an open transaction would hold locks that DROP TABLE waits for
    try:
        for target in ("base", "head", "base"):
            walk = command.downgrade if target == "base" else command.upgrade
            walk(config, target)
            with db.engine.connect() as connection:
                tables = set(inspect(connection).get_table_names())
            if target == "base":
                assert tables <= {"alembic_version"}
            else:
                assert {t.name for t in db.metadata.sorted_tables} <= tables
    finally:
        command.upgrade(config, "head")  # even after a failure: the other tests need the schema
        db.engine.dispose()  # no connection keeps plans of the tables as they were
    with db.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        current = MigrationContext.configure(connection).get_current_heads()
    assert {t.name for t in db.metadata.sorted_tables} <= tables
    assert current == (head,)
