"""The GET forms of the report pages: a period of days, a month, a year; wrong input falls back."""

import re
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField
from wtforms.validators import Optional

from moderators.reports.statistics import Period

# Dates outside these are typing mistakes; they would also overflow the time-zone arithmetic.
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)
LONGEST_YEARS = 20  # a longer period gives charts of hundreds of months and says nothing more


class PeriodForm(FlaskForm):
    """From and to day (`?from=…&to=…`); a day left out is taken from the school year of the
    other one, or of the default period when both are."""

    class Meta:
        csrf = False

    start = DateField(_l("Von"), name="from", validators=[Optional()])
    end = DateField(_l("Bis einschließlich"), name="to", validators=[Optional()])

    def period(self, default: Period) -> Period:
        """The period asked for; `default` where a day is missing, and all of it when a day is
        wrong (the error then stands next to its field)."""
        self.validate()
        for field in (self.start, self.end):
            if field.errors:
                # WTForms' own message is English; ours says what is expected
                field.errors = [_("Bitte geben Sie ein Datum an, zum Beispiel 2026-08-01.")]
            elif field.data and not EARLIEST <= field.data <= LATEST:
                field.errors = [
                    _(
                        "Bitte wählen Sie ein Datum zwischen %(first)s und %(last)s.",
                        first=EARLIEST.year,
                        last=LATEST.year,
                    )
                ]
        if self.start.errors or self.end.errors:
            return default
        start, end = self.start.data, self.end.data
        if start and not end:  # the rest of that school year
            end = Period.school_year_of(start).end
        elif end and not start:
            start = Period.school_year_of(end).start
        period = Period(start or default.start, end or default.end)
        if period.start > period.end:
            self.end.errors = [_("Das Ende liegt vor dem Beginn.")]
            return default
        if period.end - period.start > timedelta(days=366 * LONGEST_YEARS):
            self.end.errors = [
                _("Der Zeitraum darf höchstens %(years)d Jahre umfassen.", years=LONGEST_YEARS)
            ]
            return default
        self.start.data, self.end.data = period.start, period.end  # show what is counted
        return period


class MonthForm(FlaskForm):
    """A calendar month (`?month=2026-07`)."""

    class Meta:
        csrf = False

    month = StringField(_l("Monat"), description=_l("Jahr und Monat, zum Beispiel 2026-07"))

    def first_day(self, default: date) -> date:
        """The first day of the month asked for, or `default` (with an error) when it is wrong."""
        text = (self.month.data or "").strip()
        if not text:
            return default
        day = parse_month(text)
        if day is None:
            self.month.errors = [_("Bitte geben Sie Jahr und Monat an, zum Beispiel 2026-07.")]
            return default
        return day


def parse_month(text: str) -> date | None:
    """`2026-07` as 1 July 2026; None for anything else or a month outside the years we keep."""
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", text)
    if match is None or not 1 <= int(match[2]) <= 12:
        return None
    day = date(int(match[1]), int(match[2]), 1)
    return day if EARLIEST <= day <= LATEST else None


def parse_year(text: str | None, default: int) -> int:
    """A year from the query string, or `default` for anything that is not a year we keep."""
    if text and re.fullmatch(r"[0-9]{4}", text) and EARLIEST.year <= int(text) <= LATEST.year:
        return int(text)
    return default


def month_period(first: date) -> Period:
    """The calendar month that begins on `first`."""
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return Period(first, following - timedelta(days=1))


def previous_month(first: date) -> date:
    return (first - timedelta(days=1)).replace(day=1)


def next_month(first: date) -> date:
    return month_period(first).end + timedelta(days=1)


def quick_periods(today: date) -> list[tuple[str, Period]]:
    """The periods one asks for most, with their link text."""
    this_year = Period.school_year_of(today)
    last_year = Period.school_year_of(this_year.start - timedelta(days=1))
    return [
        (_("Dieses Schuljahr"), this_year),
        (_("Letztes Schuljahr"), last_year),
        (_("Dieses Kalenderjahr"), Period(date(today.year, 1, 1), date(today.year, 12, 31))),
    ]
