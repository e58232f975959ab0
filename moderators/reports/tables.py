"""The tables that exports write, one per CSV file or spreadsheet sheet, filled by the queries."""

from dataclasses import dataclass, field

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from moderators.reports.allowances import allowance_list, moderator_year
from moderators.reports.demand import demand
from moderators.reports.statistics import (
    BREAKDOWNS,
    ActivityRow,
    Figures,
    Period,
    Totals,
    breakdown_label,
    figures,
)

# What a column holds; the writers format each kind (hours come as minutes, euros as cents).
TEXT, COUNT, HOURS, EUROS, DAY = "text", "count", "hours", "euros", "day"

# Names in file names: ASCII, and the same in every locale, so scripts can find the files.
SLUGS = {
    "totals": "kennzahlen",
    "activities": "taetigkeiten",
    "language": "sprache",
    "district": "bezirk",
    "topic": "thema",
    "school_type": "einrichtungsart",
    "month": "monat",
    "demand": "bedarf",
}
STATISTICS_TABLES = ("totals", "activities", *BREAKDOWNS, "demand")

SHEET_TITLES = {
    "totals": _l("Kennzahlen"),
    "activities": _l("Tätigkeiten"),
    "language": _l("Nach Sprache"),
    "district": _l("Nach Bezirk"),
    "topic": _l("Nach Thema"),
    "school_type": _l("Nach Art der Einrichtung"),
    "month": _l("Nach Monat"),
    "demand": _l("Bedarf"),
}


@dataclass
class Column:
    label: str
    kind: str = COUNT
    width: int = 16  # in characters, for the spreadsheet


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)


def statistics_tables(period: Period, names: tuple[str, ...] = STATISTICS_TABLES) -> list[Table]:
    """The tables of STATISTICS_TABLES named, for the period, from one count of it."""
    counted = figures(period, tuple(name for name in names if name in BREAKDOWNS))
    return [_statistics_table(period, counted, name) for name in names]


def statistics_table(period: Period, name: str) -> Table:
    """One of STATISTICS_TABLES for the period."""
    return statistics_tables(period, (name,))[0]


def _statistics_table(period: Period, counted: Figures, name: str) -> Table:
    title = str(SHEET_TITLES[name])
    if name == "totals":
        return _totals_table(period, counted.totals, title)
    if name == "activities":
        return _activities_table(counted.activities, title)
    if name == "demand":
        return _demand_table(period, title)
    table = Table(title, [Column(str(breakdown_label(name)), TEXT, 36), *_measures()])
    table.rows = [[r.label, r.sessions, r.parents, r.minutes] for r in counted.breakdowns[name]]
    return table


def _measures() -> list[Column]:
    return [
        Column(_("Veranstaltungen")),
        Column(_("Eltern erreicht")),
        Column(_("Stunden"), HOURS),
    ]


def _totals_table(period: Period, result: Totals, title: str) -> Table:
    """One row: the period and its figures, so a sheet printed alone still says what it counts."""
    columns = [
        Column(_("Beginn"), DAY, 12),
        Column(_("Ende"), DAY, 12),
        *_measures(),
        Column(_("Schulen und Einrichtungen"), COUNT, 26),
        Column(_("Aktive Moderator*innen"), COUNT, 24),
    ]
    row = [
        period.start,
        period.end,
        result.sessions,
        result.parents,
        result.minutes,
        result.schools,
        result.moderators,
    ]
    return Table(title, columns, [row])


def _activities_table(activities: list[ActivityRow], title: str) -> Table:
    columns = [
        Column(_("Art der Tätigkeit"), TEXT, 30),
        Column(_("Anzahl")),
        Column(_("Personen erreicht"), COUNT, 18),
        Column(_("Stunden"), HOURS),
    ]
    rows = [[r.label, r.count, r.people, r.minutes] for r in activities]
    return Table(title, columns, rows)


def _demand_table(period: Period, title: str) -> Table:
    columns = [
        Column(_("Sprache"), TEXT, 28),
        Column(_("Kürzel"), TEXT, 8),
        Column(_("Anfragen")),
        Column(_("Veranstaltungen geplant"), COUNT, 24),
        Column(_("unbesetzt")),
        Column(_("offen")),
        Column(_("Aktive Moderator*innen"), COUNT, 24),
    ]
    rows = [
        [r.label, r.code, r.requests, r.sessions, r.unfilled, r.open, r.moderators]
        for r in demand(period)
    ]
    return Table(title, columns, rows)


def allowance_table(period: Period) -> Table:
    """Per moderator: sessions held, activities, hours with travel, amount; a total at the end."""
    columns = [
        Column(_("Nr."), COUNT, 8),
        Column(_("Name"), TEXT, 32),
        Column(_("Veranstaltungen")),
        Column(_("Tätigkeiten")),
        Column(_("Stunden (mit Fahrzeit)"), HOURS, 22),
        Column(_("Betrag"), EUROS, 14),
    ]
    rows = [
        [r.moderator_id, r.name, r.sessions, r.activities, r.minutes, r.cents]
        for r in allowance_list(period)
    ]
    sums = [sum(row[i] for row in rows) for i in range(2, 6)]
    title = f"{_('Aufwandsentschädigung')} {period.start:%Y-%m}"
    return Table(title, columns, [*rows, [None, _("Summe"), *sums]])


def own_year_table(moderator_id: int, year: int) -> Table:
    """A moderator's approved work of a calendar year by month, with the year's total."""
    columns = [
        Column(_("Monat"), TEXT, 20),
        Column(_("Veranstaltungen")),
        Column(_("Eltern erreicht")),
        Column(_("Tätigkeiten")),
        Column(_("Aufwandsentschädigung"), EUROS, 22),
    ]
    months = moderator_year(moderator_id, year)
    rows = [
        [format_date(m.month, "MMMM yyyy"), m.sessions, m.parents, m.activities, m.cents]
        for m in months
    ]
    sums = [sum(row[i] for row in rows) for i in range(1, 5)]
    return Table(str(year), columns, [*rows, [_("Summe"), *sums]])


def period_slug(period: Period) -> str:
    return f"{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}"
