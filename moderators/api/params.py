"""Reading a request: the JSON body, paging and filter arguments, the reader's locale."""

import re
from typing import Any

from babel import Locale, UnknownLocaleError
from flask import request
from flask_babel import gettext as _
from sqlalchemy import Select

from moderators.api.errors import bad_request, validation_error
from moderators.api.inputs import CONTROL
from moderators.extensions import db

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100  # a larger per_page is refused with 422, not clamped: the client learns why
MAX_PAGE = 1_000_000  # keeps the offset inside what every database accepts
DEFAULT_LOCALE = "de"
MAX_TEXT_ARG = 200


def json_object() -> dict[str, Any]:
    """The request body as a JSON object; anything else is a 400."""
    if not request.is_json:
        raise bad_request(_("Der Inhalt muss JSON sein (Content-Type: application/json)."))
    body = request.get_json(silent=True)
    if body is None:
        raise bad_request(_("Der Inhalt ist kein gültiges JSON."))
    if not isinstance(body, dict):
        raise bad_request(_("Der Inhalt muss ein JSON-Objekt sein."))
    return body


def positive_int_arg(name: str, default: int, maximum: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"[0-9]{1,9}", raw) or not 1 <= int(raw) <= maximum:
        raise validation_error(
            name, _("Erwartet wird eine ganze Zahl von 1 bis %(max)d.", max=maximum)
        )
    return int(raw)


def text_arg(name: str) -> str | None:
    value = request.args.get(name, "").strip()
    if CONTROL.search(value) or len(value) > MAX_TEXT_ARG:
        raise validation_error(name, _("Ungültiger Wert."))
    return value or None


def choice_arg(name: str, choices) -> str | None:
    value = text_arg(name)
    if value is not None and value not in choices:
        raise validation_error(name, _("Unbekannter Wert: %(value)s", value=value))
    return value


def existing_arg(name: str, column) -> str | None:
    """A filter value that must name an existing row, e.g. a language code or district name."""
    value = text_arg(name)
    if value is not None and db.session.scalar(db.select(column).where(column == value)) is None:
        raise validation_error(name, _("Unbekannter Wert: %(value)s", value=value))
    return value


def paginated(query: Select, serialize) -> dict[str, Any]:
    """`{items, total, page, per_page}`: the total is counted in SQL, one page is loaded."""
    page = positive_int_arg("page", 1, MAX_PAGE)
    per_page = positive_int_arg("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    result = db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)
    return {
        "items": [serialize(item) for item in result.items],
        "total": result.total,
        "page": page,
        "per_page": per_page,
    }


def reader_locale() -> str:
    """`?lang=` (422 if it is no locale), else the best Accept-Language CLDR knows, else German."""
    requested = request.args.get("lang")
    if requested:
        locale = _parse_locale(requested)
        if locale is None:
            raise validation_error("lang", _("Unbekannte Sprachcodes: %(codes)s", codes=requested))
        return locale
    for value, _quality in request.accept_languages:
        locale = _parse_locale(value)
        if locale is not None:
            return locale
    return DEFAULT_LOCALE


def _parse_locale(value: str) -> str | None:
    """`en-US` → `en`, `zh-Hant-TW` → `zh_Hant`: names of languages differ by script, not region."""
    try:
        locale = Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    return "_".join(part for part in (locale.language, locale.script) if part)
