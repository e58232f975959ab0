"""Backup and restore of the whole database: `flask backup [PATH]` and `flask restore PATH`.

SQLite is copied with its online backup API, PostgreSQL with pg_dump/pg_restore; both give a
consistent snapshot while the app keeps running. A restore replaces what is there: stop the
app (every worker) first, so that no open transaction holds the tables.
"""

import glob
import os
import shutil
import sqlite3
import subprocess  # nosec B404
from datetime import datetime
from pathlib import Path

import click
from alembic.script import ScriptDirectory
from flask import Flask, current_app
from sqlalchemy import URL, text

from moderators.extensions import db

# Debian and Ubuntu keep the client programs of each major version here, off the PATH.
PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
# A restore that waits for a lock this long gives up instead of hanging: the app still runs.
LOCK_TIMEOUT_MS = 30_000


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the operator."""


def register_backup_commands(app: Flask) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


@click.command("backup")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path | None):
    """Write a consistent copy of the whole database to PATH (default: instance/backups/)."""
    path = path or default_backup_path()
    try:
        written = backup_database(path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Backup of {describe_database()} written to {written} ({written.stat().st_size} bytes)."
    )


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Restore without asking first.")
def restore_command(path: Path, yes: bool):
    """Replace everything in the database with the backup in PATH."""
    if not yes:
        click.confirm(
            f"This replaces everything in {describe_database()} with {path}. Continue?",
            abort=True,
        )
    try:
        restore_database(path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    revision, head = schema_revision(), _head_revision()
    click.echo(f"Restored {describe_database()} from {path} (schema {revision}).")
    if revision != head:
        click.echo(f"The code expects schema {head}: run `flask db upgrade`.")


def describe_database() -> str:
    return db.engine.url.render_as_string(hide_password=True)


def default_backup_path() -> Path:
    suffix = "sqlite" if _dialect() == "sqlite" else "dump"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(current_app.instance_path) / "backups" / f"moderators-{stamp}.{suffix}"


def backup_database(path: Path) -> Path:
    """Copy the database to `path`, which must not exist yet (a backup never overwrites a file,
    least of all the database itself). Written under a temporary name and then renamed, so a
    file with the final name is always complete."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists already; choose a new file name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if _dialect() == "sqlite":
            _sqlite_backup(partial)
        else:
            _pg_backup(partial)
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def restore_database(path: Path) -> None:
    """Replace the database's contents with the backup in `path`, checked before anything is
    dropped. The app's own pooled connections are closed first and afterwards."""
    path = Path(path)
    db.session.remove()
    db.engine.dispose()
    try:
        if _dialect() == "sqlite":
            _sqlite_restore(path)
        else:
            _pg_restore(path)
    finally:
        db.engine.dispose()


def schema_revision() -> str | None:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _head_revision() -> str | None:
    config = current_app.extensions["migrate"].migrate.get_config()
    return ScriptDirectory.from_config(config).get_current_head()


def _dialect() -> str:
    name = db.engine.dialect.name
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups of {name} databases are not supported.")
    return name


# SQLite -----------------------------------------------------------------------------------


def _sqlite_backup(target_path: Path) -> None:
    source = db.engine.raw_connection()
    try:
        target = sqlite3.connect(target_path)
        try:
            source.driver_connection.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _sqlite_restore(path: Path) -> None:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be opened: {error}") from error
    try:
        try:
            source.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error as error:
            raise BackupError(f"{path} is not a backup of this app's database.") from error
        target = db.engine.raw_connection()
        try:
            source.backup(target.driver_connection)
        finally:
            target.close()
    finally:
        source.close()


# PostgreSQL -------------------------------------------------------------------------------


def find_pg_tool(name: str) -> str:
    """pg_dump or pg_restore: on the PATH, else the newest under PG_BIN_GLOB (a newer client
    reads older servers; an older one refuses a newer server)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = [Path(d) / name for d in glob.glob(PG_BIN_GLOB)]
    candidates = [c for c in candidates if os.access(c, os.X_OK)]
    if not candidates:
        raise BackupError(
            f"{name} was not found: install the PostgreSQL client programs "
            "(Debian: apt-get install postgresql-client), matching the server's version or newer."
        )
    return str(max(candidates, key=lambda c: _version_key(c.parent.parent.name)))


def _version_key(version: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def _libpq() -> tuple[str, dict[str, str]]:
    """The connection for the client programs: a URL without the password, which goes into
    the environment instead (never onto a command line that `ps` shows)."""
    url = db.engine.url
    plain = URL.create(
        "postgresql",
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    env = dict(os.environ, PGOPTIONS=f"-c lock_timeout={LOCK_TIMEOUT_MS}")
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return plain.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict[str, str]) -> str:
    # The program is found by find_pg_tool and the arguments are ours: no shell, no user input.
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # nosec B603
    if result.returncode != 0:
        tool = Path(args[0]).name
        raise BackupError(f"{tool} failed: {result.stderr.strip() or result.returncode}")
    return result.stdout


def _pg_backup(target_path: Path) -> None:
    conninfo, env = _libpq()
    _run(
        [
            find_pg_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={target_path}",
            f"--dbname={conninfo}",
        ],
        env,
    )


def _pg_restore(path: Path) -> None:
    conninfo, env = _libpq()
    pg_restore = find_pg_tool("pg_restore")
    try:
        _run([pg_restore, "--list", str(path)], env)  # reads the archive, changes nothing
    except BackupError as error:
        raise BackupError(f"{path} is not a pg_dump archive ({error}).") from error
    # One transaction: if anything fails, the database stays as it was.
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={conninfo}",
            str(path),
        ],
        env,
    )
