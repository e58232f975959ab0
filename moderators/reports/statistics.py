"""What the programme reached in a period, counted by the database from approved reports.

A session counts once, however many of its moderators reported on it: its parents reached and
its duration are the largest any of its approved reports gives (two moderators at one evening
met the same parents). Sessions that did not take place are not counted here; the allowance list
(allowances.py) pays for them. By language, a session counts under every language its reports
say was used, so those rows may add up to more than the totals.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, distinct, extract, func, select

from moderators.common.models import District
from moderators.extensions import db
from moderators.i18n import display_language
from moderators.languages.models import Language
from moderators.logbook.models import (
    APPROVED,
    Activity,
    EventReport,
    activity_type_label,
    report_language,
)
from moderators.scheduling.models import InfoSession
from moderators.schools.models import SCHOOL_TYPES, School
from moderators.topics.models import Topic

BREAKDOWNS = ("language", "district", "topic", "school_type", "month")


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


def _approved_held(period: Period):
    """Approved reports of sessions that took place within the period."""
    return (
        EventReport.status == APPROVED,
        EventReport.took_place.is_(True),
        EventReport.held_on.between(period.start, period.end),
    )


def held_sessions(period: Period):
    """One row per session held in the period: its parents, minutes and local date."""
    return (
        select(
            EventReport.session_id.label("session_id"),
            func.max(EventReport.held_on).label("held_on"),
            func.max(EventReport.parents_reached).label("parents"),
            func.max(EventReport.duration_minutes).label("minutes"),
        )
        .where(*_approved_held(period))
        .group_by(EventReport.session_id)
        .subquery()
    )


def totals(period: Period) -> Totals:
    held = held_sessions(period)
    sessions, parents, minutes, schools = db.session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(held.c.parents), 0),
            func.coalesce(func.sum(held.c.minutes), 0),
            func.count(distinct(InfoSession.school_id)),
        )
        .select_from(held)
        .join(InfoSession, InfoSession.id == held.c.session_id)
    ).one()
    moderators = db.session.scalar(
        select(func.count(distinct(EventReport.moderator_id))).where(*_approved_held(period))
    )
    return Totals(int(sessions), int(parents), int(minutes), int(schools), int(moderators))


def breakdown(period: Period, by: str) -> list[Row]:
    """Sessions, parents and minutes per language, district, topic, school type or month."""
    if by not in BREAKDOWNS:
        raise ValueError(by)
    held = held_sessions(period)
    measures = (
        func.count(held.c.session_id),
        func.coalesce(func.sum(held.c.parents), 0),
        func.coalesce(func.sum(held.c.minutes), 0),
    )
    if by == "month":
        return _by_month(period, held, measures)
    query, label = _grouped(by, period, held, measures)
    rows = [
        Row(key, label(key, item), int(sessions), int(parents), int(minutes))
        for key, item, sessions, parents, minutes in db.session.execute(query)
    ]
    return sorted(rows, key=lambda row: (-row.sessions, row.label.casefold()))


def _grouped(by: str, period: Period, held, measures) -> tuple[Select, Callable]:
    """The query for one breakdown, (key, what the label is made of, *measures) per group, and
    the function that makes the label of a row from its key and that second column."""
    on_session = InfoSession.id == held.c.session_id
    if by == "language":
        used = (
            select(EventReport.session_id, report_language.c.language_id)
            .join(report_language, report_language.c.report_id == EventReport.id)
            .where(*_approved_held(period))
            .distinct()
            .subquery()
        )
        query = (
            select(Language.code, Language.name_de, *measures)
            .select_from(held)
            .join(used, used.c.session_id == held.c.session_id)
            .join(Language, Language.id == used.c.language_id)
            .group_by(Language.code, Language.name_de)
        )
        return query, display_language
    if by == "district":
        query = (
            select(District.name, District.name, *measures)
            .select_from(held)
            .join(InfoSession, on_session)
            .join(District, District.id == InfoSession.district_id)
            .group_by(District.name)
        )
        return query, lambda name, _: name
    if by == "topic":
        query = (
            select(Topic.id, Topic, *measures)
            .select_from(held)
            .join(InfoSession, on_session)
            .join(Topic, Topic.id == InfoSession.topic_id)
            .group_by(Topic.id)
        )
        return query, lambda _, topic: topic.name
    query = (
        select(School.type, School.type, *measures)
        .select_from(held)
        .join(InfoSession, on_session)
        .outerjoin(School, School.id == InfoSession.school_id)
        .group_by(School.type)
    )
    return query, lambda kind, _: school_type_label(kind)


def school_type_label(kind: str | None) -> str:
    if kind is None:
        return str(_l("ohne Schule (anderer Ort)"))
    return str(SCHOOL_TYPES.get(kind, kind))


def _by_month(period: Period, held, measures) -> list[Row]:
    """Every month of the period, the empty ones too, in order."""
    year, month = extract("year", held.c.held_on), extract("month", held.c.held_on)
    counted = {
        (int(y), int(m)): (int(s), int(p), int(minutes))
        for y, m, s, p, minutes in db.session.execute(
            select(year, month, *measures).group_by(year, month)
        )
    }
    rows = []
    for first in months(period):
        sessions, parents, minutes = counted.get((first.year, first.month), (0, 0, 0))
        label = format_date(first, "MMMM yyyy")
        rows.append(Row(f"{first:%Y-%m}", label, sessions, parents, minutes))
    return rows


def months(period: Period) -> list[date]:
    """The first day of each month the period touches."""
    first, result = period.start.replace(day=1), []
    while first <= period.end:
        result.append(first)
        first = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return result


def activities_by_type(period: Period) -> list[ActivityRow]:
    """Approved activities of the period, per type, in the order of the types."""
    query = (
        select(
            Activity.type,
            func.count(),
            func.coalesce(func.sum(Activity.people_reached), 0),
            func.coalesce(func.sum(Activity.duration_minutes), 0),
        )
        .where(Activity.status == APPROVED, Activity.held_on.between(period.start, period.end))
        .group_by(Activity.type)
    )
    counted = {kind: (c, p, m) for kind, c, p, m in db.session.execute(query)}
    return [
        ActivityRow(kind, activity_type_label(kind), *(int(v) for v in counted[kind]))
        for kind in sorted(counted, key=lambda k: -counted[k][0])
    ]
