"""What the programme reached in a period, counted by the database from approved reports.

A session counts once, however many of its moderators reported on it: its parents reached and
its duration are the largest any of its approved reports gives (two moderators at one evening
met the same parents). Sessions that did not take place are not counted here; the allowance list
(allowances.py) pays for them. By language, a session counts under every language its reports
say was used, so those rows may add up to more than the totals.
"""

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l

from moderators.common.results import until_data_changes
from moderators.extensions import db
from moderators.i18n import current_locale, language_name
from moderators.logbook.models import activity_type_label
from moderators.reports.formats import ReaderFormats
from moderators.reports.statistics_query import (
    ACTIVITIES,
    BREAKDOWNS,
    MODERATORS,
    PARTS,
    TOTALS,
    statement,
)
from moderators.schools.models import SCHOOL_TYPES
from moderators.topics.models import Topic


def breakdown_label(by: str):
    return {
        "language": _l("Sprache"),
        "district": _l("Bezirk"),
        "topic": _l("Thema"),
        "school_type": _l("Art der Einrichtung"),
        "month": _l("Monat"),
    }[by]


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date

    @classmethod
    def school_year_of(cls, day: date) -> "Period":
        """Hamburg's school year, 1 August to 31 July, that `day` falls in."""
        first = day.year if day.month >= 8 else day.year - 1
        return cls(date(first, 8, 1), date(first + 1, 7, 31))


@dataclass
class Totals:
    sessions: int
    parents: int
    minutes: int
    schools: int
    moderators: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


@dataclass
class Row:
    key: str | None
    label: str
    sessions: int
    parents: int
    minutes: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


@dataclass
class ActivityRow:
    key: str
    label: str
    count: int
    people: int
    minutes: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


@dataclass
class Figures:
    """What the statistics count for a period: its totals, its activities by type and the
    breakdowns asked for (by name, see BREAKDOWNS)."""

    totals: Totals
    activities: list[ActivityRow]
    breakdowns: dict[str, list[Row]]


def figures(period: Period, breakdowns: tuple[str, ...] = BREAKDOWNS) -> Figures:
    """Totals, activities and the breakdowns asked for, counted by the database in one
    statement: one branch of a UNION ALL per part, over the period's sessions held."""
    unknown = set(breakdowns) - set(BREAKDOWNS)
    if unknown:
        raise ValueError(sorted(unknown)[0])
    counted = _count(period, tuple(breakdowns))
    (total,), (moderators,) = counted[TOTALS], counted[MODERATORS]
    return Figures(
        Totals(total.a, total.b, total.c, total.d, moderators.a),
        _activity_rows(counted[ACTIVITIES]),
        {by: _rows(by, counted[by], period) for by in breakdowns},
    )


@until_data_changes
def _count(period: Period, breakdowns: tuple[str, ...]) -> dict[str, tuple]:
    """The statement's rows by part, as the database counted them (in no one's language): kept
    until the data changes, as the figures of a school year take the database a while."""
    counted: dict[str, list] = {part: [] for part in PARTS}
    period_params = {"start": period.start, "end": period.end}
    for row in db.session.execute(statement(breakdowns), period_params):
        counted[PARTS[row.part]].append(row)
    return {part: tuple(rows) for part, rows in counted.items()}


def totals(period: Period) -> Totals:
    return figures(period, ()).totals


def breakdown(period: Period, by: str) -> list[Row]:
    """Sessions, parents and minutes per language, district, topic, school type or month."""
    if by not in BREAKDOWNS:
        raise ValueError(by)
    return figures(period, (by,)).breakdowns[by]


def activities_by_type(period: Period) -> list[ActivityRow]:
    """Approved activities of the period, per type, the most frequent first."""
    return figures(period, ()).activities


def _activity_rows(counted: list) -> list[ActivityRow]:
    rows = [ActivityRow(r.key, activity_type_label(r.key), r.a, r.b, r.c) for r in counted]
    return sorted(rows, key=lambda row: -row.count)


def _rows(by: str, counted: list, period: Period) -> list[Row]:
    """The rows of a breakdown, labelled in the reader's language: the largest group first,
    or every month of the period in order, the empty ones too."""
    if by == "month":
        return _month_rows(counted, period)
    if by == "language":
        locale = current_locale()  # once: display_language would look it up per language
        rows = [Row(r.key, _language_name(r, locale), r.a, r.b, r.c) for r in counted]
    elif by == "district":
        rows = [Row(r.key, r.key, r.a, r.b, r.c) for r in counted]
    elif by == "topic":
        locale = current_locale()
        rows = [Row(r.number, _topic_name(r, locale), r.a, r.b, r.c) for r in counted]
    else:
        rows = [Row(r.key, school_type_label(r.key), r.a, r.b, r.c) for r in counted]
    return sorted(rows, key=lambda row: (-row.sessions, row.label.casefold()))


def school_type_label(kind: str | None) -> str:
    if kind is None:
        return str(_l("ohne Schule (anderer Ort)"))
    return str(SCHOOL_TYPES.get(kind, kind))


def _language_name(row, locale: str) -> str:
    """As display_language names a language."""
    return language_name(row.key, locale) or row.label or row.key


def _topic_name(row, locale: str) -> str:
    """Named as Topic.name_in names a topic, from the names the statement read of it."""
    return Topic.name_in(SimpleNamespace(name_de=row.label, name_en=row.label_en), locale)


def _month_rows(counted: list, period: Period) -> list[Row]:
    by_month = {r.number: (r.a, r.b, r.c) for r in counted}
    day, rows = ReaderFormats().day, []
    for first in months(period):
        sessions, parents, minutes = by_month.get(first.year * 100 + first.month, (0, 0, 0))
        label = day(first, "MMMM yyyy")
        rows.append(Row(f"{first:%Y-%m}", label, sessions, parents, minutes))
    return rows


def months(period: Period) -> list[date]:
    """The first day of each month the period touches."""
    first, result = period.start.replace(day=1), []
    while first <= period.end:
        result.append(first)
        first = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return result
