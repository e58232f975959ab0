"""Checks every report and activity must pass: known fields, numbers in range, texts of bounded
length, a reason when a session did not take place, no date ahead.

services.py hands the fields it is given to these checks, which lay the checked values onto the
entry or raise LogbookError, the error of every logbook rule (services.py raises it too, for an
entry that may no longer change); its `field` names the input at fault.
"""

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from moderators.common.timezone import local_today
from moderators.logbook.models import ACTIVITY_TYPES, MAX_MINUTES, MAX_PEOPLE, Activity, EventReport

TEXT_LENGTH = 5000
REPORT_FIELDS = (
    "took_place",
    "reason_if_not",
    "parents_reached",
    "languages",
    "duration_minutes",
    "travel_minutes",
    "topics_covered",
    "questions",
    "notes",
)
ACTIVITY_FIELDS = ("type", "held_on", "duration_minutes", "languages", "people_reached", "notes")


class LogbookError(ValueError):
    """A report or activity that breaks a rule; `field` names the input at fault.

    `conflict`: it clashes with the state of things (approved already; the API answers 409).
    """

    def __init__(self, field, message, conflict: bool = False):
        super().__init__(str(message))
        self.field = field
        self.message = message
        self.conflict = conflict


def apply_report(report: EventReport, values: dict[str, Any]) -> None:
    took_place = bool(values["took_place"])
    reason = _text("reason_if_not", values["reason_if_not"], 500)
    if not took_place and not reason:
        raise LogbookError("reason_if_not", _l("Bitte angeben, warum sie nicht stattfand."))
    parents = _count("parents_reached", values["parents_reached"], 0, MAX_PEOPLE)
    duration = _count("duration_minutes", values["duration_minutes"], 0, MAX_MINUTES)
    travel = _count("travel_minutes", values["travel_minutes"], 0, MAX_MINUTES)
    languages = list(dict.fromkeys(values["languages"] or []))
    if took_place and duration == 0:
        raise LogbookError("duration_minutes", _l("Bitte die Dauer in Minuten angeben."))
    if took_place and not languages:
        raise LogbookError("languages", _l("Bitte mindestens eine Sprache angeben."))
    report.took_place = took_place
    report.reason_if_not = "" if took_place else reason
    # What did not take place reached nobody and lasted no time; the travel still counts.
    report.parents_reached = parents if took_place else 0
    report.duration_minutes = duration if took_place else 0
    report.travel_minutes = travel
    report.languages = languages
    for key in ("topics_covered", "questions", "notes"):
        setattr(report, key, _text(key, values[key], TEXT_LENGTH))


def apply_activity(activity: Activity, values: dict[str, Any]) -> None:
    if values["type"] not in ACTIVITY_TYPES:
        raise LogbookError("type", _l("Unbekannte Art von Tätigkeit."))
    held_on = values["held_on"]
    if not isinstance(held_on, date):
        raise LogbookError("date", _l("Bitte ein Datum angeben."))
    if held_on > local_today():
        raise LogbookError("date", _l("Das Datum liegt in der Zukunft."))
    activity.type = values["type"]
    activity.held_on = held_on
    activity.duration_minutes = _count(
        "duration_minutes", values["duration_minutes"], 1, MAX_MINUTES
    )
    activity.people_reached = _count("people_reached", values["people_reached"], 0, MAX_PEOPLE)
    activity.languages = list(dict.fromkeys(values["languages"] or []))
    activity.notes = _text("notes", values["notes"], TEXT_LENGTH)


def full_fields(fields: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """All fields of a new entry; what is left out takes its default."""
    _known(fields, names)
    defaults = {"took_place": True, "languages": [], "travel_minutes": 0}
    defaults |= {"parents_reached": 0, "people_reached": 0}
    return {name: fields.get(name, defaults.get(name, "")) for name in names}


def merged_fields(item, fields: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The item's current values with the changed ones laid over them."""
    current = {name: getattr(item, name) for name in names}
    return current | _known(fields, names)


def review_comment(comment: str) -> str:
    """A reviewer's comment, stripped; it may be empty."""
    return _text("comment", comment, 2000)


def required_comment(comment: str) -> str:
    text = review_comment(comment)
    if not text:
        raise LogbookError("comment", _l("Bitte schreiben, was zu ändern ist."))
    return text


def _known(fields: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(fields) - set(names)
    if unknown:
        raise LogbookError(sorted(unknown)[0], _l("Dieses Feld gibt es nicht."))
    return fields


def _count(field: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise LogbookError(
            field, _l("Bitte eine Zahl von %(low)d bis %(high)d angeben.", low=low, high=high)
        )
    return value


def _text(field: str, value: Any, length: int) -> str:
    text = (value or "").strip()
    if len(text) > length:
        raise LogbookError(field, _l("Höchstens %(n)d Zeichen.", n=length))
    return text
