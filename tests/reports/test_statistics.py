"""The statistics, checked against a small world counted by hand (the `counted` fixture in
conftest.py)."""

from datetime import date, timedelta

import pytest

from moderators.common.timezone import local_today
from moderators.reports.allowances import allowance_list, moderator_year, waiting_for_review
from moderators.reports.demand import demand
from moderators.reports.statistics import (
    BREAKDOWNS,
    Period,
    activities_by_type,
    breakdown,
    figures,
    months,
    totals,
)
from tests.conftest import count_queries


def test_totals_count_each_session_held_once(counted):
    result = totals(counted["period"])
    assert (result.sessions, result.parents, result.minutes) == (2, 25 + 12, 100 + 60)
    assert result.hours == 2.7
    assert result.schools == 2
    assert result.moderators == 3  # ayla, deniz (session A) and rana (session B)


def test_by_language_counts_every_language_used(counted):
    rows = {
        row.key: (row.sessions, row.parents, row.minutes)
        for row in breakdown(counted["period"], "language")
    }
    assert rows == {"tr": (1, 25, 100), "ku": (1, 25, 100), "ar": (1, 12, 60)}


def test_by_district_topic_school_type_and_month(counted):
    period = counted["period"]
    districts = {row.key: row.sessions for row in breakdown(period, "district")}
    assert districts == {"Altona": 1, "Wandsbek": 1}
    types = {row.key: row.parents for row in breakdown(period, "school_type")}
    assert types == {"stadtteilschule": 25, "gymnasium": 12}
    topics = breakdown(period, "topic")
    assert [row.sessions for row in topics] == [2]
    by_month = breakdown(period, "month")
    assert [row.key for row in by_month] == [f"{m:%Y-%m}" for m in months(period)]
    assert sum(row.sessions for row in by_month) == 2


def test_an_empty_period_counts_nothing(counted):
    nothing = Period(date(2001, 8, 1), date(2002, 7, 31))
    assert totals(nothing).sessions == 0
    assert breakdown(nothing, "language") == []
    assert len(breakdown(nothing, "month")) == 12


def test_all_figures_come_from_one_statement_as_plain_integers(counted):
    period = counted["period"]
    with count_queries() as statements:
        result = figures(period)
    version, counting = statements  # the data's version, then one count of everything
    assert "audit_log" in version and "audit_log" not in counting
    assert result.totals == totals(period)
    assert result.activities == activities_by_type(period)
    assert result.breakdowns == {by: breakdown(period, by) for by in BREAKDOWNS}
    numbers = [result.totals.sessions, result.totals.parents, result.totals.minutes]
    numbers += [result.totals.schools, result.totals.moderators]
    for rows in result.breakdowns.values():
        numbers += [n for row in rows for n in (row.sessions, row.parents, row.minutes)]
    numbers += [n for row in result.activities for n in (row.count, row.people, row.minutes)]
    # not Decimal (PostgreSQL's sums of sums), which the API would send as strings
    assert {type(n) for n in numbers} == {int}
    (topic,) = result.breakdowns["topic"]
    assert isinstance(topic.key, int)


def test_a_breakdown_it_does_not_know_is_refused():
    with pytest.raises(ValueError):
        figures(Period(date(2025, 8, 1), date(2026, 7, 31)), ("school",))


def test_activities_count_by_type(counted):
    (row,) = activities_by_type(counted["period"])
    assert (row.key, row.count, row.people, row.minutes) == ("counselling", 1, 3, 45)


def test_the_allowance_list_pays_every_approved_entry(counted):
    ayla, deniz, rana = counted["moderators"]
    rows = {row.moderator_id: row for row in allowance_list(counted["period"])}
    # ayla: session A (90 + 30 min: 20 € + 2 h) + C not held (30 min travel: 1 h)
    #       + counselling 45 min (15 € + 1 h); at 12 € an hour.
    assert rows[ayla.id].cents == (2000 + 2 * 1200) + 1200 + (1500 + 1200)
    assert (rows[ayla.id].sessions, rows[ayla.id].activities) == (1, 1)
    assert rows[ayla.id].minutes == 120 + 30 + 45
    assert rows[rana.id].cents == 2000 + 1200  # B: 60 minutes, no travel; D not approved
    assert waiting_for_review(counted["period"]) == 1


def test_a_moderators_year_by_month(counted):
    ayla = counted["moderators"][0]
    today = local_today()
    years = sorted({(today - timedelta(days=10)).year, today.year})  # early January spans two
    months_ = [row for year in years for row in moderator_year(ayla.id, year)]
    assert len(months_) == 12 * len(years)
    assert sum(row.cents for row in months_) == 2000 + 2 * 1200 + 1200 + 1500 + 1200
    assert sum(row.sessions for row in months_) == 1


def test_demand_per_language(counted, make_request):
    make_request(language_code="ar")
    rows = {row.code: row for row in demand(counted["period"])}
    assert rows["ar"].requests == 1
    assert rows["ar"].sessions == 2  # B and D, both not cancelled
    assert rows["tr"].sessions == 1  # A; C was cancelled by its report
    assert rows["ar"].moderators == 1


def test_school_year_runs_from_august_to_july():
    assert Period.school_year_of(date(2026, 11, 25)) == Period(date(2026, 8, 1), date(2027, 7, 31))
    assert Period.school_year_of(date(2027, 7, 31)) == Period(date(2026, 8, 1), date(2027, 7, 31))
