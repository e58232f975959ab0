"""No page and no API call sends more than QUERY_BUDGET statements, whatever the data size.

The walk is the access test's (every route, every role allowed to use it) over its world plus a
few more rows of every kind that lists show, so that a query per row would break the budget.
"""

import pytest
from flask import url_for

from moderators.auth.access import PUBLIC
from moderators.auth.models import User
from moderators.auth.services import issue_api_token
from moderators.extensions import db
from moderators.scheduling import services as scheduling
from tests.conftest import count_queries, next_weekday_at
from tests.test_access import ROLES, view_rules, world  # noqa: F401

QUERY_BUDGET = 8
ROWS = 4  # more of each kind than any page shows without a list
# The benchmark's routes with the filters it uses, beside the bare URLs of the walk.
FILTERED = (
    ("coordinator", "/moderators?language=tr"),
    ("coordinator", "/requests?language=tr"),
    ("coordinator", "/statistics?from=2020-08-01&to=2040-07-31"),
    ("coordinator", "/statistics.xlsx?from=2020-08-01&to=2040-07-31"),
    ("coordinator", "/api/v1/moderators?language=tr"),
    ("coordinator", "/api/v1/stats?from=2025-08-01&to=2030-07-31&by=language"),
)


@pytest.fixture
def busy_world(
    world,  # noqa: F811 (the access test's fixture, imported above)
    make_moderator,
    make_school,
    make_request,
    make_session,
    make_held_session,
    make_report,
):
    """The access world, plus ROWS moderators, schools, requests, sessions and reports more."""
    from moderators.common.timezone import local_today
    from moderators.logbook.services import log_activity

    moderator = world["users"]["moderator"].moderator
    school = world["users"]["school"].school
    for number in range(ROWS):
        colleague = make_moderator(languages=(("tr", "native"), ("ar", "fluent")))
        other_school = make_school()
        make_request(school=school)
        make_request(school=other_school, language_code="ar")
        upcoming = make_session(
            school=school, starts_at=next_weekday_at(1, 17, weeks_ahead=2 + number)
        )
        scheduling.add_assignment(upcoming, moderator, "assign")
        scheduling.add_assignment(upcoming, colleague, "offer")
        held = make_held_session(
            days_ago=5 + number, moderators=[moderator, colleague], school=school
        )
        for assignment in held.accepted:
            make_report(assignment)
        log_activity(moderator, type="counselling", held_on=local_today(), duration_minutes=30)
    return world


def signed_in_client(app, user_id: int | None, api: bool):
    """A client signed in as the user, fresh each time: the walk signs out and renews tokens."""
    client, headers = app.test_client(), {}
    if user_id is not None:
        user = db.session.get(User, user_id)
        if api:
            headers = {"Authorization": f"Bearer {issue_api_token(user)}"}
        with client.session_transaction() as session:
            session["_user_id"] = user.session_id()
    return client, headers


def test_no_route_sends_more_than_the_budget(app, busy_world):
    user_ids = {role: user.id for role, user in busy_world["users"].items()}
    over = []

    def count(role, method, url, **json):
        client, headers = signed_in_client(app, user_ids.get(role), url.startswith("/api/"))
        with count_queries() as statements:
            response = client.open(url, method=method, headers=headers, **json)
        if len(statements) > QUERY_BUDGET:
            sent = "".join(f"\n    {' '.join(sql.split())[:150]}" for sql in statements)
            over.append(f"{role} {method} {url} -> {response.status_code}: {len(statements)}{sent}")
        return response

    for role, url in FILTERED:
        assert count(role, "GET", url).status_code == 200, url
    for rule, view in view_rules(app):
        with app.test_request_context():
            url = url_for(rule.endpoint, **{a: busy_world["args"][a] for a in rule.arguments})
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS", "HEAD"})[0]
        body = {"json": {}} if url.startswith("/api/") and method != "GET" else {}
        for role in ROLES:
            if view.access == PUBLIC or role in view.access:
                count(role, method, url, **body)
    assert over == [], "\n".join(over)
