"""`flask privacy purge`: anonymise what is past the retention period; a dry run by default."""

import click
from flask import current_app

from moderators.privacy import services


@click.group("privacy")
def privacy():
    """Privacy (DSGVO): retention of personal data."""


@privacy.command("purge")
@click.option("--apply", "apply", is_flag=True, help="Anonymise; without it nothing changes.")
@click.option(
    "--years",
    type=click.IntRange(min=1),
    help="Retention period in years (default: PRIVACY_RETENTION_YEARS, 3).",
)
def purge(apply: bool, years: int | None):
    """Anonymise retired moderators and school contacts inactive for longer than the retention
    period. Prints counts and ids, never names."""
    years = years or current_app.config["PRIVACY_RETENTION_YEARS"]
    plan = services.purge(years, apply=apply)
    verb = "Anonymised" if apply else "Would anonymise"
    click.echo(f"Retention {years} years: last activity before {plan.cutoff.isoformat()}.")
    click.echo(f"{verb} {len(plan.moderator_ids)} moderators{_ids(plan.moderator_ids)}.")
    click.echo(f"{verb} {len(plan.school_ids)} school contacts{_ids(plan.school_ids, 'school')}.")
    if plan.booked_moderator_ids:
        click.echo(
            f"Skipped {len(plan.booked_moderator_ids)} retired moderators booked for sessions "
            f"ahead{_ids(plan.booked_moderator_ids)}."
        )
    if plan.not_retired_ids:
        click.echo(
            f"Not retired but inactive as long: {len(plan.not_retired_ids)} moderators"
            f"{_ids(plan.not_retired_ids)}; set them to retired to include them."
        )
    if not apply:
        click.echo("Dry run: nothing changed. Run with --apply to anonymise.")


def _ids(ids: list[int], kind: str = "moderator") -> str:
    return f" ({kind} ids: {', '.join(map(str, ids))})" if ids else ""


def register_privacy_commands(app) -> None:
    app.cli.add_command(privacy)
