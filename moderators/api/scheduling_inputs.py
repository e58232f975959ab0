"""Checking the JSON bodies and filters of the scheduling endpoints: requests, sessions, offers.

As in inputs.py only the shape is checked here; the rules of scheduling (times ahead, one of the
preferred starts, nobody booked twice) stay in moderators.scheduling.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from flask import request
from flask_babel import gettext as _

from moderators.api.errors import validation_error
from moderators.api.inputs import DATE, READ_ONLY, text
from moderators.api.params import json_object
from moderators.api.training_inputs import (
    DATETIME,
    MAX_ID,
    integer_value,
    notes_value,
    parse_datetime,
    require_fields,
)
from moderators.common.timezone import local_datetime
from moderators.scheduling.booking import ASSIGN, OFFER
from moderators.scheduling.models import MAX_DURATION, MIN_DURATION

MODES = (OFFER, ASSIGN)
MAX_PARENTS = 10_000
MAX_MODERATORS = 10  # the services allow 1..10 moderators per session
MAX_OFFERS = 50  # moderators offered a session at once
REASON_LENGTH = 500
VENUE_TEXT = {"name": (200, False), "address": (300, True), "district": (80, False)}
REQUEST_REQUIRED = (
    "language",
    "topic_id",
    "preferred_starts",
    "duration_minutes",
    "expected_parents",
)
SESSION_REQUIRED = ("language", "topic_id", "starts_at", "duration_minutes")


def request_fields(body: dict[str, Any]) -> dict[str, Any]:
    """A new request → arguments of create_request, with `school_id`, `language` (a code),
    `topic_id` and `venue` ({name, address, district}) still for the view to look up."""
    fields: dict[str, Any] = {}
    for key, value in body.items():
        if key in READ_ONLY:
            continue
        if key not in REQUEST_FIELDS:
            raise validation_error(key, _("Unbekanntes Feld."))
        fields[key] = REQUEST_FIELDS[key](key, value)
    require_fields(fields, REQUEST_REQUIRED)
    return fields


def schedule_fields(body: dict[str, Any]) -> tuple[datetime, list[int], str]:
    """`{starts_at, moderator_ids, mode}` → those three, each checked for its shape."""
    _only(body, ("starts_at", "moderator_ids", "mode"))
    require_fields(body, ("starts_at", "moderator_ids", "mode"))
    ids = body["moderator_ids"]
    if not isinstance(ids, list) or not 1 <= len(ids) <= MAX_OFFERS:
        raise validation_error(
            "moderator_ids",
            _("Erwartet wird eine Liste von 1 bis %(max)d Personen.", max=MAX_OFFERS),
        )
    moderator_ids = [integer_value("moderator_ids", item, 1, MAX_ID) for item in ids]
    return parse_datetime("starts_at", body["starts_at"]), moderator_ids, _mode(body["mode"])


def assignment_fields(body: dict[str, Any]) -> tuple[int, str]:
    """`{moderator_id, mode}` → those two."""
    _only(body, ("moderator_id", "mode"))
    require_fields(body, ("moderator_id", "mode"))
    return integer_value("moderator_id", body["moderator_id"], 1, MAX_ID), _mode(body["mode"])


def session_fields(body: dict[str, Any], new: bool = False) -> dict[str, Any]:
    """A session body → its fields, checked for shape.

    A new session takes what plan_session takes (`school_id`, `venue`, `language` and
    `topic_id` still to be looked up); a change takes the time (starts_at, duration_minutes,
    and a reason for moving it) and what update_session changes.
    """
    parsers = NEW_SESSION_FIELDS if new else SESSION_CHANGES
    fields: dict[str, Any] = {}
    for key, value in body.items():
        if key in READ_ONLY:
            continue
        if key not in parsers:
            raise validation_error(key, _("Unbekanntes Feld."))
        fields[key] = parsers[key](key, value)
    if new:
        require_fields(fields, SESSION_REQUIRED)
        if "school_id" not in fields and "venue" not in fields:
            raise validation_error("venue", _("Bitte eine Schule oder einen Ort angeben."))
    elif "reason" in fields and not {"starts_at", "duration_minutes"} & set(fields):
        raise validation_error(
            "reason", _("Einen Grund gibt es nur beim Verschieben (starts_at, duration_minutes).")
        )
    return fields


def optional_reason() -> str:
    """The `reason` of an optional JSON body `{reason?}`; no body at all means no reason."""
    if not request.get_data():
        return ""
    body = json_object()
    _only(body, ("reason",))
    return text("reason", body.get("reason"), REASON_LENGTH, True)


def required_reason() -> str:
    """The `reason` of a body `{reason}`; an empty reason is left to the service to refuse."""
    body = json_object()
    _only(body, ("reason",))
    return text("reason", body.get("reason"), REASON_LENGTH, True)


def time_arg(name: str, end: bool = False) -> datetime | None:
    """A date (a whole day in Europe/Berlin) or a time with offset, as a bound of a time range.

    A date as the lower bound is the start of that day; as the upper bound (`end`), the start
    of the next day, so that the day is included. A "+" of the offset that arrived as a space
    (not percent-encoded in the query string) is read as the "+" it was meant to be.
    """
    value = request.args.get(name, "").strip()
    if not value:
        return None
    if DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
            return local_datetime(day + timedelta(days=1) if end else day, time())
        except (ValueError, OverflowError):
            pass
    else:
        value = value.replace(" ", "+")
        if DATETIME.fullmatch(value):
            return parse_datetime(name, value)
    raise validation_error(
        name, _("Erwartet wird ein Datum (JJJJ-MM-TT) oder ein Zeitpunkt mit Zeitzone.")
    )


def _venue(field: str, value: Any) -> dict[str, str]:
    """`{name, address?, district}`; the district by its German name, looked up by the view.

    A fault inside names its part: `venue.name`, `venue.district`, ...
    """
    if not isinstance(value, dict):
        raise validation_error(
            field, _("Erwartet wird ein Objekt mit „name“, „address“ und „district“.")
        )
    for key in value:
        if key not in VENUE_TEXT:
            raise validation_error(f"{field}.{key}", _("Unbekanntes Feld."))
    return {
        key: text(f"{field}.{key}", value.get(key), *limits) for key, limits in VENUE_TEXT.items()
    }


def _mode(value: Any) -> str:
    if value not in MODES:
        raise validation_error("mode", _("Erwartet wird „offer“ oder „assign“."))
    return value


def _identifier(field: str, value: Any) -> int:
    return integer_value(field, value, 1, MAX_ID)


def _duration(field: str, value: Any) -> int:
    return integer_value(field, value, MIN_DURATION, MAX_DURATION)


def _parents(field: str, value: Any) -> int:
    return integer_value(field, value, 0, MAX_PARENTS)


def _moderators_needed(field: str, value: Any) -> int:
    return integer_value(field, value, 1, MAX_MODERATORS)


def _language(field: str, value: Any) -> str:
    return text(field, value, 20, False)


def _starts(field: str, value: Any) -> list[datetime]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise validation_error(field, _("Erwartet wird eine Liste von Zeichenketten."))
    return [parse_datetime(field, item) for item in value]


def _reason(field: str, value: Any) -> str:
    return text(field, value, REASON_LENGTH, True)


def _boolean(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise validation_error(field, _("Erwartet wird true oder false."))
    return value


def _notes_field(field: str, value: Any) -> str:
    return notes_value(value)


# Each field a body may carry, with the function that checks it and returns its value.
REQUEST_FIELDS = {
    "school_id": _identifier,
    "language": _language,
    "topic_id": _identifier,
    "preferred_starts": _starts,
    "duration_minutes": _duration,
    "expected_parents": _parents,
    "venue": _venue,
    "notes": _notes_field,
    "public": _boolean,
}
SESSION_CHANGES = {
    "starts_at": parse_datetime,
    "duration_minutes": _duration,
    "reason": _reason,
    "venue": _venue,
    "topic_id": _identifier,
    "moderators_needed": _moderators_needed,
    "expected_parents": _parents,
    "notes": _notes_field,
    "public": _boolean,
}
NEW_SESSION_FIELDS = {
    **{key: parse for key, parse in SESSION_CHANGES.items() if key != "reason"},
    "language": _language,
    "school_id": _identifier,
}


def _only(body: dict[str, Any], names: tuple[str, ...]) -> None:
    for key in body:
        if key not in READ_ONLY and key not in names:
            raise validation_error(key, _("Unbekanntes Feld."))
