"""The hand-counted world that the statistics tests and the report page tests share."""

from datetime import timedelta

import pytest

from moderators.common.timezone import local_today
from moderators.logbook import services
from moderators.reports.statistics import Period
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


@pytest.fixture
def paid(make_held_session, make_report, make_moderator, login_as):
    """One month's work, all done three days ago, by two moderators named like formulas.

    Eva: a session, 90 minutes + 30 travel, 18 parents, approved: 20 € + 2 h at 12 € = 44,00 €.
    Sam: counselling, 45 minutes, approved: 15 € + 1 h = 27,00 €; and a report still waiting.
    """
    login_as("coordinator")
    day = local_today() - timedelta(days=3)
    eva = make_moderator(first_name="Eva", last_name='=HYPERLINK("http://example.org")')
    sam = make_moderator(first_name="Sam", last_name="@SUM(A1)")
    held = make_held_session(days_ago=3, moderators=[eva])
    services.approve_report(make_report(held.accepted[0], parents_reached=18))
    activity = services.log_activity(
        sam,
        type="counselling",
        held_on=day,
        duration_minutes=45,
        languages=[language("tr")],
        people_reached=2,
    )
    services.approve_activity(activity)
    waiting = make_held_session(days_ago=3, moderators=[sam])
    make_report(waiting.accepted[0])
    return {"month": day.replace(day=1), "eva": eva, "sam": sam}
