"""`flask backup` and `flask restore` bring back every row, and refuse what would lose data."""

import pytest
from sqlalchemy import func, inspect, select, table, text

from moderators import backup
from moderators.auth.models import User
from moderators.demo import COORDINATOR_EMAIL, load_demo_data
from moderators.extensions import db
from moderators.roster.models import Moderator


def row_counts() -> dict[str, int]:
    """Rows per table, the migrations' own table included."""
    with db.engine.connect() as connection:
        names = inspect(connection).get_table_names()
        return {
            name: connection.execute(select(func.count()).select_from(table(name))).scalar()
            for name in sorted(names)
        }


def wipe() -> None:
    db.session.remove()
    with db.engine.begin() as connection:
        for model_table in reversed(db.metadata.sorted_tables):
            connection.execute(model_table.delete())


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def test_backup_and_restore_bring_back_the_demo_data_row_for_row(app, runner, tmp_path):
    load_demo_data(2007)
    before = row_counts()
    assert before["moderator"] > 50 and before["assignment"] > 0 and before["event_report"] > 0
    path = tmp_path / "demo.backup"

    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert "written to" in result.output and path.stat().st_size > 0

    wipe()
    assert row_counts()["moderator"] == 0
    result = runner.invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    assert "Restored" in result.output and "flask db upgrade" not in result.output

    assert row_counts() == before
    coordinator = db.session.scalar(select(User).filter_by(email=COORDINATOR_EMAIL))
    assert coordinator is not None and coordinator.role == "coordinator"


def test_restore_asks_first_and_changes_nothing_when_told_no(app, runner, tmp_path, make_moderator):
    path = tmp_path / "empty.backup"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    make_moderator(first_name="Ayşe")
    db.session.remove()

    result = runner.invoke(args=["restore", str(path)], input="n\n")

    assert "replaces everything" in result.output
    assert result.exit_code == 1  # aborted
    assert db.session.scalar(select(Moderator.first_name)) == "Ayşe"


def test_a_backup_never_overwrites_a_file(app, runner, tmp_path):
    path = tmp_path / "taken.backup"
    path.write_text("wichtig")
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 1
    assert "exists already" in result.output
    assert path.read_text() == "wichtig"


def test_a_backup_goes_into_the_instance_folder_by_default(app, runner, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    result = runner.invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    (written,) = (tmp_path / "backups").iterdir()
    assert written.name.startswith("moderators-")
    assert not written.name.endswith(".partial")


def test_a_file_that_is_no_backup_is_refused_and_the_data_stays(
    app, runner, tmp_path, make_moderator
):
    make_moderator(first_name="Dilan")
    db.session.remove()
    path = tmp_path / "notes.txt"
    path.write_text("Das ist keine Sicherung.\n" * 100)

    result = runner.invoke(args=["restore", str(path), "--yes"])

    assert result.exit_code == 1
    assert "not a" in result.output
    assert db.session.scalar(select(Moderator.first_name)) == "Dilan"
    with db.engine.connect() as connection:  # the schema is untouched, too
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1


def test_without_the_postgresql_client_programs_the_refusal_says_what_to_install(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    monkeypatch.setattr(backup, "PG_BIN_GLOB", str(tmp_path / "*" / "bin"))
    with pytest.raises(backup.BackupError, match="pg_dump was not found.*postgresql-client"):
        backup.find_pg_tool("pg_dump")


def test_the_newest_client_programs_are_chosen_when_none_is_on_the_path(tmp_path, monkeypatch):
    for version in ("9.6", "15", "13"):
        tool = tmp_path / version / "bin" / "pg_dump"
        tool.parent.mkdir(parents=True)
        tool.write_text("#!/bin/sh\n")
        tool.chmod(0o755)
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    monkeypatch.setattr(backup, "PG_BIN_GLOB", str(tmp_path / "*" / "bin"))
    assert backup.find_pg_tool("pg_dump") == str(tmp_path / "15" / "bin" / "pg_dump")
