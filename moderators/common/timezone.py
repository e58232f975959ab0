"""Times are stored in UTC and shown in the app's time zone (Europe/Berlin)."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Europe/Berlin"


def app_timezone() -> ZoneInfo:
    name = current_app.config["BABEL_DEFAULT_TIMEZONE"] if has_app_context() else DEFAULT_TIMEZONE
    return ZoneInfo(name)


def local_datetime(day: date, at: time) -> datetime:
    """A wall-clock time in Hamburg as an aware UTC datetime."""
    return datetime.combine(day, at, tzinfo=app_timezone()).astimezone(UTC)


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(app_timezone())


def local_today() -> date:
    """Today in the app's time zone, not the server's."""
    return datetime.now(app_timezone()).date()
