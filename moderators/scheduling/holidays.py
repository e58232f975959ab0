"""Hamburg's school holidays and public holidays, to warn when a date falls on one."""

from datetime import date
from functools import lru_cache

import holidays

from moderators.i18n import current_locale


@lru_cache(maxsize=16)
def _hamburg_calendar(year: int, language: str) -> holidays.HolidayBase:
    """One year's holidays; built once per worker and year, never changed afterwards."""
    return holidays.country_holidays(
        "DE",
        subdiv="HH",
        years=year,
        categories=("public", "school"),
        language=language,
        expand=False,
    )


def holiday_on(day: date) -> str | None:
    """The name(s) of the Hamburg school or public holiday on `day`, in the reader's language
    (German for German readers, English for everyone else); None on an ordinary day."""
    language = "de" if current_locale().startswith("de") else "en_US"
    names = _hamburg_calendar(day.year, language).get_list(day)
    return ", ".join(names) or None
