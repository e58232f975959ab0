"""Flask commands: seed, demo-data, users, translate."""

import os
import sys
import tempfile
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po
from flask import Flask, current_app

from moderators.backup import register_backup_commands
from moderators.extensions import db
from moderators.notifications.commands import register_mail_commands
from moderators.privacy.commands import register_privacy_commands

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = [
    *("-k", "N_"),
    *("-k", "_l"),
    *("-k", "lazy_gettext"),
    *("-k", "lazy_pgettext:1c,2"),
    *("-k", "lazy_ngettext:1,2"),
]


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed)
    app.cli.add_command(demo_data)
    app.cli.add_command(users)
    app.cli.add_command(translate)
    register_mail_commands(app)
    register_backup_commands(app)
    register_privacy_commands(app)


@click.command("seed")
def seed():
    """Load the reference data (languages, districts, topics); safe to run again."""
    from moderators.seed import seed_reference_data

    added = seed_reference_data()
    click.echo(", ".join(f"{count} {what}" for what, count in added.items()) + " added.")


@click.command("demo-data")
@click.option("--seed", "random_seed", default=2007, show_default=True, help="Random seed.")
@click.option("--force", is_flag=True, help="Add demo data even if the pool is not empty.")
def demo_data(random_seed: int, force: bool):
    """Fill an empty database with a believable pool of moderators and schools."""
    from moderators.demo import COORDINATOR_EMAIL, DEMO_PASSWORD, load_demo_data

    summary = load_demo_data(random_seed, force=force)
    if summary is None:
        click.echo("The database already holds moderators; demo data left as it is.")
    else:
        click.echo(", ".join(f"{count} {what}" for what, count in summary.items()) + " created.")
    click.echo(f"Sign in as coordinator: {COORDINATOR_EMAIL} / {DEMO_PASSWORD}")


@click.group("users")
def users():
    """Manage user accounts."""


@users.command("create")
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice(["coordinator", "moderator", "school"]))
@click.option("--password", help="Asked for when left out.")
@click.option("--moderator-id", type=int)
@click.option("--school-id", type=int)
def create_user(email, role, password, moderator_id, school_id):
    """Create a user; a moderator or school account is linked to its record."""
    from moderators.auth.services import AccountError
    from moderators.auth.services import create_user as create
    from moderators.roster.models import Moderator
    from moderators.schools.models import School

    moderator = school = None
    if moderator_id is not None:
        moderator = db.session.get(Moderator, moderator_id)
        if moderator is None or role != "moderator":
            raise click.UsageError(
                "--moderator-id needs --role moderator and an existing moderator"
            )
    if school_id is not None:
        school = db.session.get(School, school_id)
        if school is None or role != "school":
            raise click.UsageError("--school-id needs --role school and an existing school")
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 12:
        raise click.UsageError("The password needs at least 12 characters.")
    try:
        user = create(email, role, password, moderator=moderator, school=school)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.role} {user.email} (id {user.id}).")


@users.command("token")
@click.argument("email")
def user_token(email):
    """Print a new personal API token for EMAIL; the previous one stops working."""
    from moderators.auth.services import find_user, issue_api_token

    user = find_user(email)
    if user is None:
        raise click.ClickException(f"No user with e-mail {email}.")
    click.echo(issue_api_token(user))


@click.group("translate")
def translate():
    """Extract, update, compile and check the Babel catalogs."""


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def _translations_dir() -> Path:
    return Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])


def _extract(pot: Path) -> None:
    """Extract from the project root, so that catalogs name files by relative paths."""
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        _babel(
            "extract",
            "-F",
            "babel.cfg",
            *KEYWORDS,
            "--add-comments=i18n:",
            "--sort-by-file",
            "--no-wrap",
            "-o",
            str(pot),
            ".",
        )
    finally:
        os.chdir(here)


@translate.command("extract")
def extract():
    """Write translations/messages.pot from the code and templates."""
    pot = _translations_dir() / "messages.pot"
    _extract(pot)
    click.echo(f"Wrote {pot}.")


@translate.command("update")
def update():
    """Merge new strings into every catalog; German, the source language, copies its msgids."""
    pot = _translations_dir() / "messages.pot"
    _extract(pot)
    _babel(
        "update",
        "-i",
        str(pot),
        "-d",
        str(_translations_dir()),
        "--no-wrap",
        "--ignore-obsolete",
        "--no-fuzzy-matching",
    )
    _fill_source_catalog(_translations_dir() / "de" / "LC_MESSAGES" / "messages.po")
    click.echo("Catalogs updated; translate the new strings, then run `flask translate compile`.")


def _fill_source_catalog(po_path: Path) -> None:
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale="de")
    for message in catalog:
        if message.id and not _translated(message):
            message.string = message.id
    with po_path.open("wb") as fh:
        write_po(fh, catalog, width=0, ignore_obsolete=True)


@translate.command("init")
@click.argument("locale")
def init(locale):
    """Start a catalog for LOCALE."""
    pot = _translations_dir() / "messages.pot"
    _extract(pot)
    _babel("init", "-i", str(pot), "-d", str(_translations_dir()), "-l", locale, "--no-wrap")


@translate.command("compile")
def compile_catalogs():
    """Compile the catalogs to .mo files."""
    _babel("compile", "-d", str(_translations_dir()))


def _translated(message) -> bool:
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def shipped_locales() -> list[str]:
    """Every locale with a catalog under translations/, German (the source) first."""
    found = {p.parent.parent.name for p in _translations_dir().glob("*/LC_MESSAGES/messages.po")}
    return sorted(found | {"de"}, key=lambda code: (code != "de", code != "en", code))


def catalog_status(locales) -> dict[str, dict]:
    """Per locale: how many strings the code has, how many the catalog translates, how many
    are fuzzy, and which it lacks (absent, empty or fuzzy)."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        _extract(pot)
        with pot.open("rb") as fh:
            template = [msg for msg in read_po(fh) if msg.id]
    status = {}
    for locale in locales:
        po_path = _translations_dir() / locale / "LC_MESSAGES" / "messages.po"
        if not po_path.exists():
            status[locale] = {"total": len(template), "translated": 0, "fuzzy": 0}
            status[locale]["missing"] = ["(no catalog)"]
            continue
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=locale)
        found = [(msg, catalog.get(msg.id, context=msg.context)) for msg in template]
        status[locale] = {
            "total": len(template),
            "translated": sum(1 for _, f in found if f and not f.fuzzy and _translated(f)),
            "fuzzy": sum(1 for _, f in found if f and f.fuzzy),
            "missing": [
                str(msg.id) for msg, f in found if f is None or f.fuzzy or not _translated(f)
            ],
        }
    return status


@translate.command("check")
@click.argument("locales", nargs=-1)
def check(locales):
    """Per locale (default: every shipped one) the strings, translated and fuzzy; fails when a
    catalog lacks a string of the code, has an empty or a fuzzy one."""
    status = catalog_status(locales or shipped_locales())
    for locale, found in status.items():
        click.echo(
            f"{locale}: {found['total']} strings, {found['translated']} translated, "
            f"{found['fuzzy']} fuzzy"
        )
        for msgid in found["missing"][:20]:
            click.echo(f"{locale}: missing {msgid!r}")
        if len(found["missing"]) > 20:
            click.echo(f"{locale}: ... and {len(found['missing']) - 20} more")
    if any(found["missing"] for found in status.values()):
        sys.exit(1)
    click.echo("Catalogs complete: " + ", ".join(status) + ".")
