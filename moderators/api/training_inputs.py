"""Checking the JSON bodies of the training endpoints: cohorts, modules, enrolments, attendance.

As in inputs.py only the shape is checked here; the rules of the training (dates inside the
cohort, places left, who is enrolled) stay in moderators.training.
"""

import re
from datetime import date, datetime
from typing import Any

from flask import request
from flask_babel import gettext as _

from moderators.api.errors import bad_request, validation_error
from moderators.api.inputs import DATE, READ_ONLY, moderator_fields, text
from moderators.common.routing import MAX_ID
from moderators.common.timezone import to_local
from moderators.training.models import ATTENDANCE_STATUSES, CANCELLED, DROPPED, PLANNED, Cohort

MAX_CAPACITY = 1000
MAX_POSITION = 1000
NOTES_LENGTH = 10_000
# Like inputs.CONTROL, but notes may run over several lines.
NOTES_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# RFC 3339: a date, a time and an offset ("Z" or ±HH:MM); a time without offset is refused.
DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})"
)
DEFAULT_CAPACITY = Cohort.__table__.c.capacity.default.arg

COHORT_TEXT = {"name": (160, False), "venue": (300, True), "trainers": (500, True)}
COHORT_REQUIRED = ("name", "starts_on", "ends_on")
MODULE_REQUIRED = ("title", "starts_at", "ends_at")
MODULE_STATUSES = (PLANNED, CANCELLED)
TRAINEE_FIELDS = frozenset({"first_name", "last_name", "email", "phone", "languages", "districts"})


def json_array() -> list[Any]:
    """The request body as a JSON array; anything else is a 400 (see params.json_object)."""
    if not request.is_json:
        raise bad_request(_("Der Inhalt muss JSON sein (Content-Type: application/json)."))
    body = request.get_json(silent=True)
    if body is None:
        raise bad_request(_("Der Inhalt ist kein gültiges JSON."))
    if not isinstance(body, list):
        raise bad_request(_("Der Inhalt muss eine JSON-Liste sein."))
    return body


def cohort_fields(body: dict[str, Any], new: bool = False) -> dict[str, Any]:
    """A cohort body → arguments of create_cohort / update_cohort."""
    fields: dict[str, Any] = {}
    for key, value in body.items():
        if key in READ_ONLY:
            continue
        if key in COHORT_TEXT:
            fields[key] = text(key, value, *COHORT_TEXT[key])
        elif key in ("starts_on", "ends_on"):
            fields[key] = _date(key, value)
        elif key == "capacity":
            fields[key] = integer_value(key, value, 1, MAX_CAPACITY)
        elif key == "notes":
            fields[key] = notes_value(value)
        else:
            raise validation_error(key, _("Unbekanntes Feld."))
    if new:
        require_fields(fields, COHORT_REQUIRED)
        fields.setdefault("capacity", DEFAULT_CAPACITY)
    return fields


def module_fields(body: dict[str, Any], new: bool = False) -> tuple[dict[str, Any], str | None]:
    """A module body → (arguments of add_module / update_module, the status asked for or None).

    Only a change (`new` false) may carry a status: "cancelled" or "planned" (reinstate).
    """
    fields: dict[str, Any] = {}
    status = None
    for key, value in body.items():
        if key in READ_ONLY:
            continue
        if key == "title":
            fields[key] = text(key, value, 200, False)
        elif key in ("starts_at", "ends_at"):
            fields[key] = parse_datetime(key, value)
        elif key == "topic_id":
            fields[key] = None if value is None else integer_value(key, value, 1, MAX_ID)
        elif key == "position":
            fields[key] = integer_value(key, value, 0, MAX_POSITION)
        elif key == "status" and not new:
            if value not in MODULE_STATUSES:
                raise validation_error(key, _("Erwartet wird „planned“ oder „cancelled“."))
            status = value
        else:
            raise validation_error(key, _("Unbekanntes Feld."))
    if new:
        require_fields(fields, MODULE_REQUIRED)
    return fields, status


def enrollment_request(body: dict[str, Any]) -> int | dict[str, Any]:
    """`{moderator_id}` → that id; a new trainee's data → arguments of enroll_new_trainee."""
    if "moderator_id" in body:
        others = sorted(set(body) - {"moderator_id"})
        if others:
            raise validation_error(
                others[0],
                _("Entweder „moderator_id“ oder die Angaben einer neuen Person senden."),
            )
        return integer_value("moderator_id", body["moderator_id"], 1, MAX_ID)
    unknown = sorted(set(body) - TRAINEE_FIELDS)
    if unknown:
        raise validation_error(unknown[0], _("Unbekanntes Feld."))
    fields = moderator_fields(body)
    require_fields(fields, ("first_name", "last_name"))
    return fields


def drop_request(body: dict[str, Any]) -> str:
    """`{status: "dropped", reason}` → the reason; an empty reason is left to the service."""
    for key in body:
        if key not in READ_ONLY and key not in ("status", "reason"):
            raise validation_error(key, _("Unbekanntes Feld."))
    if body.get("status") != DROPPED:
        raise validation_error("status", _("Möglich ist nur „dropped“ mit einem Grund."))
    return text("reason", body.get("reason"), 500, True)


def attendance_marks(items: list[Any]) -> dict[int, str]:
    """`[{moderator_id, status}]` → {moderator_id: status}; each person at most once."""
    marks: dict[int, str] = {}
    for item in items:
        if not isinstance(item, dict):
            raise validation_error("body", _("Erwartet wird eine Liste von Objekten."))
        unknown = sorted(set(item) - {"moderator_id", "status"})
        if unknown:
            raise validation_error(unknown[0], _("Unbekanntes Feld."))
        moderator_id = integer_value("moderator_id", item.get("moderator_id"), 1, MAX_ID)
        status = item.get("status")
        if status not in ATTENDANCE_STATUSES:
            raise validation_error("status", _("Unbekannter Wert: %(value)s", value=status))
        if moderator_id in marks:
            raise validation_error("moderator_id", _("Person doppelt: %(id)d", id=moderator_id))
        marks[moderator_id] = status
    return marks


def require_fields(fields: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        if name not in fields:
            raise validation_error(name, _("Bitte ausfüllen."))


def integer_value(field: str, value: Any, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise validation_error(
            field,
            _("Erwartet wird eine ganze Zahl von %(min)d bis %(max)d.", min=minimum, max=maximum),
        )
    return value


def notes_value(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise validation_error("notes", _("Erwartet wird eine Zeichenkette."))
    if NOTES_CONTROL.search(value):
        raise validation_error("notes", _("Steuerzeichen sind nicht erlaubt."))
    if len(value) > NOTES_LENGTH:
        raise validation_error("notes", _("Höchstens %(max)d Zeichen.", max=NOTES_LENGTH))
    return value.strip()


def _date(field: str, value: Any) -> date:
    if isinstance(value, str) and DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise validation_error(field, _("Datumsangaben im Format JJJJ-MM-TT angeben."))


def parse_datetime(field: str, value: Any) -> datetime:
    """An ISO 8601 time with offset, as given (aware); naive times are refused, not guessed."""
    if isinstance(value, str) and DATETIME.fullmatch(value):
        try:
            moment = datetime.fromisoformat(value.upper())
            to_local(moment)  # a time at the very edge of the calendar overflows here
            return moment
        except (ValueError, OverflowError):
            pass
    raise validation_error(
        field,
        _("Erwartet wird ein Zeitpunkt nach ISO 8601 mit Zeitzone, z. B. 2030-03-01T18:00+01:00."),
    )
