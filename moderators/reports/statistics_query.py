"""The one statement that counts a period for the statistics (statistics.py reads its rows).

A UNION ALL with a branch per part: the totals, the active moderators, the activities by type and
each breakdown asked for. Every branch has the same columns (see `_branch`); the first names the
part. The sessions held in the period are a common table expression the branches share, one row
per session with the largest parents and minutes any of its approved reports gives. The
statement is built once per set of breakdowns, with the period as the parameters `start` and
`end`.
"""

from functools import cache

from sqlalchemy import (
    Date,
    Integer,
    Select,
    String,
    bindparam,
    cast,
    distinct,
    extract,
    func,
    literal_column,
    null,
    select,
    union_all,
)

from moderators.common.models import District
from moderators.languages.models import Language
from moderators.logbook.models import APPROVED, Activity, EventReport, report_language
from moderators.scheduling.models import InfoSession
from moderators.schools.models import School
from moderators.topics.models import Topic

BREAKDOWNS = ("language", "district", "topic", "school_type", "month")
# The parts of the statement, numbered in its first column.
TOTALS, MODERATORS, ACTIVITIES = "totals", "moderators", "activities"
PARTS = (TOTALS, MODERATORS, ACTIVITIES, *BREAKDOWNS)


@cache
def statement(breakdowns: tuple[str, ...]) -> Select:
    """The statement for these breakdowns, built once: the period comes as the parameters
    `start` and `end`, so that a page does not pay for building and compiling it again."""
    held = _held_sessions()
    return union_all(
        _totals_branch(held),
        _moderators_branch(),
        _activities_branch(),
        *(_BRANCHES[by](held) for by in breakdowns),
    )


def _in_period(day):
    return day.between(bindparam("start", type_=Date), bindparam("end", type_=Date))


def _approved_held():
    """Approved reports of sessions that took place within the period."""
    return (
        EventReport.status == APPROVED,
        EventReport.took_place.is_(True),
        _in_period(EventReport.held_on),
    )


def _held_sessions():
    """One row per session held in the period: where it was, on what, its local date, and the
    most parents and minutes any of its approved reports gives."""
    return (
        select(
            EventReport.session_id.label("session_id"),
            InfoSession.school_id.label("school_id"),
            InfoSession.district_id.label("district_id"),
            InfoSession.topic_id.label("topic_id"),
            func.max(EventReport.held_on).label("held_on"),
            func.max(EventReport.parents_reached).label("parents"),
            func.max(EventReport.duration_minutes).label("minutes"),
        )
        .join(InfoSession, InfoSession.id == EventReport.session_id)
        .where(*_approved_held())
        .group_by(
            EventReport.session_id,
            InfoSession.school_id,
            InfoSession.district_id,
            InfoSession.topic_id,
        )
        .cte("held")
    )


def _branch(part: str, key=None, number=None, label=None, label_en=None, measures=(), extra=None):
    """The columns every branch of the statement has, in its order; what a part does not use
    is a NULL cast to the column's type, so that PostgreSQL finds one type for each column."""

    def typed(value, kind):
        return cast(null(), kind) if value is None else value

    a, b, c = (*measures, None, None, None)[:3]
    return (
        literal_column(str(PARTS.index(part)), Integer).label("part"),
        typed(key, String).label("key"),
        typed(number, Integer).label("number"),
        typed(label, String).label("label"),
        typed(label_en, String).label("label_en"),
        typed(a, Integer).label("a"),
        typed(b, Integer).label("b"),
        typed(c, Integer).label("c"),
        typed(extra, Integer).label("d"),
    )


def _held_measures(held) -> tuple:
    """Sessions, parents and minutes of a group of held sessions."""
    return (
        func.count(held.c.session_id).label("sessions"),
        func.coalesce(func.sum(held.c.parents), 0).label("parents"),
        func.coalesce(func.sum(held.c.minutes), 0).label("minutes"),
    )


def _totals_branch(held) -> Select:
    schools = func.count(distinct(held.c.school_id))
    return select(*_branch(TOTALS, measures=_held_measures(held), extra=schools))


def _moderators_branch() -> Select:
    moderators = func.count(distinct(EventReport.moderator_id))
    return select(*_branch(MODERATORS, measures=(moderators,))).where(*_approved_held())


def _activities_branch() -> Select:
    measures = (
        func.count(),
        func.coalesce(func.sum(Activity.people_reached), 0),
        func.coalesce(func.sum(Activity.duration_minutes), 0),
    )
    return (
        select(*_branch(ACTIVITIES, key=Activity.type, measures=measures))
        .where(Activity.status == APPROVED, _in_period(Activity.held_on))
        .group_by(Activity.type)
    )


def _by_language(held) -> Select:
    """A session counts under every language its approved reports say was used."""
    used = (
        select(EventReport.session_id, report_language.c.language_id)
        .join(report_language, report_language.c.report_id == EventReport.id)
        .where(*_approved_held())
        .distinct()
        .subquery()
    )
    grouped = _grouped_by(held, used.c.language_id, used, used.c.session_id == held.c.session_id)
    columns = _branch("language", Language.code, None, Language.name_de, None, _sums(grouped))
    return select(*columns).join_from(grouped, Language, Language.id == grouped.c.group)


def _by_district(held) -> Select:
    grouped = _grouped_by(held, held.c.district_id)
    columns = _branch("district", District.name, measures=_sums(grouped))
    return select(*columns).join_from(grouped, District, District.id == grouped.c.group)


def _by_topic(held) -> Select:
    grouped = _grouped_by(held, held.c.topic_id)
    columns = _branch("topic", None, Topic.id, Topic.name_de, Topic.name_en, _sums(grouped))
    return select(*columns).join_from(grouped, Topic, Topic.id == grouped.c.group)


def _by_school_type(held) -> Select:
    """Summed per school first: a school's type is then looked up once, not per session."""
    grouped = _grouped_by(held, held.c.school_id)
    measures = [cast(func.sum(measure), Integer) for measure in _sums(grouped)]
    columns = _branch("school_type", School.type, measures=measures)
    return (
        select(*columns)
        .select_from(grouped)
        .outerjoin(School, School.id == grouped.c.group)
        .group_by(School.type)
    )


def _grouped_by(held, group, join=None, on=None):
    """Sessions, parents and minutes of the held sessions per `group` (a key of a session, or of
    `join`); the names behind the keys are joined to these few rows afterwards."""
    query = select(group.label("group"), *_held_measures(held)).select_from(held)
    if join is not None:
        query = query.join(join, on)
    return query.group_by(group).subquery()


def _sums(grouped) -> tuple:
    return (grouped.c.sessions, grouped.c.parents, grouped.c.minutes)


def _by_month(held) -> Select:
    """Keyed by year * 100 + month."""
    year, month_of_year = extract("year", held.c.held_on), extract("month", held.c.held_on)
    # PostgreSQL's extract gives numerics; the factor is written out, not bound, so that the
    # GROUP BY repeats the select's expression exactly.
    month = cast(year * literal_column("100", Integer) + month_of_year, Integer)
    columns = _branch("month", None, month, measures=_held_measures(held))
    return select(*columns).group_by(month)


_BRANCHES = {
    "language": _by_language,
    "district": _by_district,
    "topic": _by_topic,
    "school_type": _by_school_type,
    "month": _by_month,
}
