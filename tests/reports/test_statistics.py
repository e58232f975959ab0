"""The statistics, checked against a small world counted by hand."""

from datetime import date, timedelta

import pytest

from moderators.common.timezone import local_today
from moderators.logbook import services
from moderators.reports.allowances import allowance_list, moderator_year, waiting_for_review
from moderators.reports.demand import demand
from moderators.reports.statistics import (
    Period,
    activities_by_type,
    breakdown,
    months,
    totals,
)
from tests.conftest import language


@pytest.fixture
def counted(make_held_session, make_report, make_moderator, make_school, login_as):
    """Four sessions; what the statistics must say about them is written beside each.

    A: Turkish at a Stadtteilschule in Altona, two moderators reporting 20 and 25 parents,
       90 and 100 minutes, Kurdish also used by one of them: counts once, 25 parents, 100 min.
    B: Arabic at a Gymnasium in Wandsbek, 12 parents, 60 minutes.
    C: Turkish, did not take place (approved): not a session held.
    D: Arabic, 30 parents, submitted but not approved: not counted.
    """
    login_as("coordinator")
    ayla, deniz, rana = (
        make_moderator(),
        make_moderator(),
        make_moderator(languages=[("ar", "native")]),
    )
    wandsbek = make_school(type="gymnasium", district_name="Wandsbek")
    a = make_held_session(days_ago=10, moderators=[ayla, deniz])
    b = make_held_session(days_ago=9, moderators=[rana], language_code="ar", school=wandsbek)
    c = make_held_session(days_ago=8, moderators=[ayla])
    d = make_held_session(days_ago=7, moderators=[rana], language_code="ar")
    first = make_report(a.accepted[0], parents_reached=20, duration_minutes=90)
    second = make_report(
        a.accepted[1],
        parents_reached=25,
        duration_minutes=100,
        languages=[language("tr"), language("ku")],
    )
    third = make_report(b.accepted[0], parents_reached=12, duration_minutes=60, travel_minutes=0)
    fourth = make_report(c.accepted[0], took_place=False, reason_if_not="Schule geschlossen")
    make_report(d.accepted[0], parents_reached=30)
    for report in (first, second, third, fourth):
        services.approve_report(report)
    activity = services.log_activity(
        ayla,
        type="counselling",
        held_on=local_today() - timedelta(days=5),
        duration_minutes=45,
        languages=[language("tr")],
        people_reached=3,
    )
    services.approve_activity(activity)
    today = local_today()
    return {
        "period": Period(today - timedelta(days=30), today),
        "moderators": (ayla, deniz, rana),
        "sessions": (a, b, c, d),
    }


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
