"""Counts, hours and months on the report pages in the reader's locale, for pages with hundreds.

The text is that of Flask-Babel's format_decimal and format_date and of the format_hours
template helper. Those look the request's locale up for each value; a `ReaderFormats` looks it up
once, and the text of a value in a locale is kept: the same few values recur on every page.
"""

from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel import dates, numbers
from flask_babel import get_locale

HOURS_FORMAT = "#,##0.0"  # as moderators.common.templating.format_hours


class ReaderFormats:
    """Values in one locale: the reader's when it was made."""

    def __init__(self):
        locale = get_locale()
        # the locale's identifier, a cheap key ("pt_BR"); None outside a request, as Babel's
        self.locale = str(locale) if locale is not None else None

    def count(self, value) -> str:
        return _count(value, self.locale)

    def hours(self, minutes: int | None) -> str:
        """Minutes as hours with one decimal ("1,5")."""
        return _hours(minutes or 0, self.locale)

    def day(self, day: date, pattern: str) -> str:
        """A day in a CLDR pattern of its own ("MMMM yyyy"), not a named length."""
        return _day(day, pattern, self.locale)


@lru_cache(maxsize=4096)
def _count(value, locale: str | None) -> str:
    return numbers.format_decimal(value, locale=locale)


@lru_cache(maxsize=4096)
def _hours(minutes: int, locale: str | None) -> str:
    return numbers.format_decimal(Decimal(minutes) / 60, format=HOURS_FORMAT, locale=locale)


@lru_cache(maxsize=4096)
def _day(day: date, pattern: str, locale: str | None) -> str:
    return dates.format_date(day, pattern, locale=locale)
