"""Checking the JSON bodies and filters of the logbook endpoints: reports, activities, reviews.

As in inputs.py only the shape is checked here (types, ranges, formats); the rules of the
logbook (a reason if it did not take place, nothing after approval, no date ahead) stay in
moderators.logbook.rules and moderators.logbook.services.
"""

from datetime import date
from typing import Any

from flask import request
from flask_babel import gettext as _
from sqlalchemy import select

from moderators.api.errors import validation_error
from moderators.api.inputs import DATE, READ_ONLY, text
from moderators.api.params import json_object
from moderators.api.training_inputs import (
    NOTES_CONTROL,
    integer_value,
    require_fields,
)
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.logbook.models import ACTIVITY_TYPES, MAX_MINUTES, MAX_PEOPLE
from moderators.logbook.rules import TEXT_LENGTH

REASON_LENGTH = 500  # the column of reason_if_not
COMMENT_LENGTH = 2000  # what the services keep of a review comment
MAX_LANGUAGES = 30  # more than the programme has
# Without these a report says nothing; if the session did not take place only the reason and
# the travel time matter.
REPORT_REQUIRED = ("took_place", "travel_minutes")
HELD_REQUIRED = ("parents_reached", "languages", "duration_minutes")
ACTIVITY_REQUIRED = ("type", "date", "duration_minutes", "languages", "people_reached")


def report_fields(body: dict[str, Any], new: bool = False) -> dict[str, Any]:
    """A report body → arguments of submit_report / update_report.

    Languages are still codes here (see `languages_by_code`). Only a new report may name a
    `moderator_id` (whose report it is, checked by the view), not a change.
    """
    fields = _parsed(body, REPORT_FIELDS, new)
    if new:
        require_fields(fields, REPORT_REQUIRED)
        if fields["took_place"]:
            require_fields(fields, HELD_REQUIRED)
        else:  # nobody reached, no time spent there: what the services store for it anyway
            fields = {"parents_reached": 0, "duration_minutes": 0, "languages": []} | fields
    return fields


def activity_fields(body: dict[str, Any], new: bool = False) -> dict[str, Any]:
    """An activity body → arguments of log_activity / update_activity.

    The body's `date` is the services' `held_on`; `moderator_id` as for a report.
    """
    fields = _parsed(body, ACTIVITY_FIELDS, new)
    if new:
        require_fields(fields, ACTIVITY_REQUIRED)
    if "date" in fields:
        fields["held_on"] = fields.pop("date")
    return fields


def review_comment(required: bool) -> str:
    """The `comment` of a body `{comment}`; an approval may come without any body at all.

    An empty comment where one is needed is left to the service to refuse.
    """
    if not required and not request.get_data():
        return ""
    body = json_object()
    for key in body:
        if key not in READ_ONLY and key != "comment":
            raise validation_error(key, _("Unbekanntes Feld."))
    return long_text("comment", body.get("comment"), COMMENT_LENGTH)


def languages_by_code(codes: list[str]) -> list[Language]:
    """The languages of these codes, in the order given; an unknown code is a 422."""
    found = {
        language.code: language
        for language in db.session.scalars(select(Language).where(Language.code.in_(codes)))
    }
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise validation_error(
            "languages", _("Unbekannte Sprachcodes: %(codes)s", codes=", ".join(unknown))
        )
    return [found[code] for code in codes]


def date_range_args() -> tuple[date | None, date | None]:
    """`from` and `to` as dates, both included; `to` before `from` is a 422 naming `to`."""
    start, end = date_arg("from"), date_arg("to")
    if start is not None and end is not None and end < start:
        raise validation_error("to", _("Das Ende darf nicht vor dem Beginn liegen."))
    return start, end


def date_arg(name: str) -> date | None:
    value = request.args.get(name, "").strip()
    return date_value(name, value) if value else None


def date_value(field: str, value: Any) -> date:
    if isinstance(value, str) and DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise validation_error(field, _("Datumsangaben im Format JJJJ-MM-TT angeben."))


def long_text(field: str, value: Any, max_length: int = TEXT_LENGTH) -> str:
    """Free text that may span several lines; null clears it."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise validation_error(field, _("Erwartet wird eine Zeichenkette."))
    if NOTES_CONTROL.search(value):
        raise validation_error(field, _("Steuerzeichen sind nicht erlaubt."))
    if len(value) > max_length:
        raise validation_error(field, _("Höchstens %(max)d Zeichen.", max=max_length))
    return value.strip()


def _parsed(body: dict[str, Any], parsers: dict, new: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key, value in body.items():
        if key in READ_ONLY or (key == "moderator_id" and new):
            continue
        if key in parsers:
            fields[key] = parsers[key](key, value)
        else:
            raise validation_error(key, _("Unbekanntes Feld."))
    return fields


def _boolean(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise validation_error(field, _("Erwartet wird true oder false."))
    return value


def _people(field: str, value: Any) -> int:
    return integer_value(field, value, 0, MAX_PEOPLE)


def _minutes(field: str, value: Any) -> int:
    return integer_value(field, value, 0, MAX_MINUTES)


def _activity_minutes(field: str, value: Any) -> int:
    return integer_value(field, value, 1, MAX_MINUTES)


def _reason(field: str, value: Any) -> str:
    return text(field, value, REASON_LENGTH, True)


def _codes(field: str, value: Any) -> list[str]:
    """Language codes, each once."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise validation_error(field, _("Erwartet wird eine Liste von Zeichenketten."))
    if len(value) > MAX_LANGUAGES:
        raise validation_error(field, _("Höchstens %(max)d Einträge.", max=MAX_LANGUAGES))
    codes: list[str] = []
    for item in value:
        code = text(field, item, 20, False)
        if code in codes:
            raise validation_error(field, _("Sprache doppelt: %(code)s", code=code))
        codes.append(code)
    return codes


def _type(field: str, value: Any) -> str:
    if value not in ACTIVITY_TYPES:
        raise validation_error(
            field, _("Erwartet wird eines von: %(values)s", values=", ".join(ACTIVITY_TYPES))
        )
    return value


# Each field a body may carry, with the function that checks it and returns its value.
REPORT_FIELDS = {
    "took_place": _boolean,
    "reason_if_not": _reason,
    "parents_reached": _people,
    "languages": _codes,
    "duration_minutes": _minutes,
    "travel_minutes": _minutes,
    "topics_covered": long_text,
    "questions": long_text,
    "notes": long_text,
}
ACTIVITY_FIELDS = {
    "type": _type,
    "date": date_value,
    "duration_minutes": _activity_minutes,
    "languages": _codes,
    "people_reached": _people,
    "notes": long_text,
}
