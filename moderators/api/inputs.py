"""Checking JSON request bodies and turning them into the keyword arguments of the services.

Only the shape is checked here (types, formats, lengths); the rules of the domain (known
languages and districts, statuses, overlapping windows) stay in the services.
"""

import re
from datetime import date, time
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from moderators.api.errors import validation_error

EMAIL_FIELDS = frozenset({"email", "contact_email"})
READ_ONLY = frozenset({"id"})  # sent back unchanged by clients that PATCH what they GET
# NUL and other control characters: PostgreSQL refuses NUL, and no name or address needs them.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Text fields: the longest value the column holds, and whether null/"" may clear it.
MODERATOR_TEXT = {
    "first_name": (100, False),
    "last_name": (100, False),
    "email": (254, True),
    "phone": (60, True),
}
SCHOOL_TEXT = {
    "name": (200, False),
    "address": (300, True),
    "contact_name": (160, True),
    "contact_email": (254, True),
    "contact_phone": (60, True),
}


def moderator_fields(body: dict[str, Any]) -> dict[str, Any]:
    """A moderator body → arguments of create_moderator / update_moderator."""
    fields: dict[str, Any] = {}
    for key, value in body.items():
        if key in READ_ONLY:
            continue
        if key in MODERATOR_TEXT:
            fields[key] = text(key, value, *MODERATOR_TEXT[key])
        elif key == "status":
            fields[key] = text(key, value, 20, False)
        elif key == "languages":
            fields[key] = _languages(value)
        elif key == "districts":
            fields[key] = _strings(key, value)
        elif key == "availability":
            fields[key] = [_window(item) for item in _objects(key, value)]
        elif key == "absences":
            fields[key] = [_absence(item) for item in _objects(key, value)]
        else:
            raise validation_error(key, _("Unbekanntes Feld."))
    return fields


def school_fields(body: dict[str, Any]) -> dict[str, Any]:
    """A school body → arguments of create_school / update_school (district by German name)."""
    fields: dict[str, Any] = {}
    for key, value in body.items():
        if key in READ_ONLY:
            continue
        if key in SCHOOL_TEXT:
            fields[key] = text(key, value, *SCHOOL_TEXT[key])
        elif key in ("type", "district"):
            fields[key] = text(key, value, 80, False)
        elif key == "active":
            if not isinstance(value, bool):
                raise validation_error(key, _("Erwartet wird true oder false."))
            fields[key] = value
        else:
            raise validation_error(key, _("Unbekanntes Feld."))
    return fields


def text(field: str, value: Any, max_length: int, optional: bool) -> str:
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise validation_error(field, _("Erwartet wird eine Zeichenkette."))
    value = value.strip()
    if CONTROL.search(value):
        raise validation_error(field, _("Steuerzeichen sind nicht erlaubt."))
    if not value and not optional:
        raise validation_error(field, _("Bitte ausfüllen."))
    if len(value) > max_length:
        raise validation_error(field, _("Höchstens %(max)d Zeichen.", max=max_length))
    if value and field in EMAIL_FIELDS:
        try:
            validate_email(value, check_deliverability=False)
        except EmailNotValidError:
            message = _("Bitte geben Sie eine gültige E-Mail-Adresse an.")
            raise validation_error(field, message) from None
    return value


def _strings(field: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise validation_error(field, _("Erwartet wird eine Liste von Zeichenketten."))
    return [text(field, item, 80, False) for item in value]


def _objects(field: str, value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise validation_error(field, _("Erwartet wird eine Liste von Objekten."))
    return value


def _languages(value: Any) -> dict[str, str]:
    """[{code, level}] → {code: level}; a code may appear once."""
    levels: dict[str, str] = {}
    for item in _objects("languages", value):
        code, level = item.get("code"), item.get("level")
        if not isinstance(code, str) or not isinstance(level, str):
            raise validation_error(
                "languages", _("Jede Sprache braucht „code“ und „level“ als Zeichenketten.")
            )
        if code in levels:
            raise validation_error("languages", _("Sprache doppelt: %(code)s", code=code))
        levels[code] = level
    return levels


def _window(item: dict[str, Any]) -> tuple[int, time, time]:
    weekday = item.get("weekday")
    if not isinstance(weekday, int) or isinstance(weekday, bool):
        raise validation_error(
            "availability", _("„weekday“ muss eine ganze Zahl sein (0 = Montag).")
        )
    return weekday, _time(item.get("from")), _time(item.get("to"))


def _time(value: Any) -> time:
    if not isinstance(value, str) or not TIME.fullmatch(value):
        raise validation_error("availability", _("Uhrzeiten im Format HH:MM angeben."))
    return time.fromisoformat(value)


def _absence(item: dict[str, Any]) -> tuple[date, date]:
    return _date(item.get("from")), _date(item.get("to"))


def _date(value: Any) -> date:
    if isinstance(value, str) and DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise validation_error("absences", _("Datumsangaben im Format JJJJ-MM-TT angeben."))
