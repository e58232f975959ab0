"""How many statements changing and reviewing reports and activities costs, through the pages
and the API: within the budget of every request, whatever is changed."""

from datetime import timedelta

import pytest

from moderators.auth.models import User
from moderators.common.audit import AuditLog
from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.logbook import services
from moderators.logbook.models import APPROVED, RETURNED, Activity, EventReport
from moderators.notifications.models import OutboxMail
from tests.conftest import count_queries

QUERY_BUDGET = 8  # as tests/test_query_budget.py


@pytest.fixture
def logbook(app, make_user, make_held_session, make_report, headers_for):
    """A moderator with three submitted reports, three sessions still to report on and three
    activities; a coordinator; their bearer tokens; ids only (count_queries empties the
    session)."""
    moderator_user = make_user("moderator")
    coordinator = make_user("coordinator")
    moderator = moderator_user.moderator
    reports = [
        make_report(make_held_session(days_ago=3 + n, moderators=[moderator]).accepted[0]).id
        for n in range(3)
    ]
    unreported = [make_held_session(days_ago=20 + n, moderators=[moderator]) for n in range(3)]
    activities = [
        services.log_activity(
            moderator,
            type="counselling",
            held_on=local_today() - timedelta(days=1),
            duration_minutes=60,
        ).id
        for _ in range(3)
    ]
    turkish = db.session.scalar(db.select(Language.id).where(Language.code == "tr"))
    return {
        "moderator_id": moderator.id,
        "moderator_user_id": moderator_user.id,
        "coordinator_id": coordinator.id,
        "reports": reports,
        "sessions": [session.id for session in unreported],
        "assignments": [session.accepted[0].id for session in unreported],
        "activities": activities,
        "turkish": turkish,
        "coordinator": headers_for(coordinator),
        "moderator": headers_for(moderator_user),
    }


def sent(client, method: str, url: str, **body) -> tuple[int, list[str]]:
    with count_queries() as statements:
        response = client.open(url, method=method, **body)
    assert response.status_code < 400, response.get_data(as_text=True)
    return response.status_code, statements


def test_reviewing_on_the_pages_stays_within_the_budget(client, login_as, logbook):
    login_as(user=db.session.get(User, logbook["coordinator_id"]))
    report, returned, _ = logbook["reports"]
    activity, sent_back, _ = logbook["activities"]
    requests = [
        ("POST", f"/reports/{report}/approve", {}),
        ("POST", f"/reports/{returned}/return", {"data": {"return-comment": "Bitte ergänzen"}}),
        ("POST", f"/activities/{activity}/approve", {}),
        ("POST", f"/activities/{sent_back}/return", {"data": {"return-comment": "Dauer?"}}),
        ("GET", f"/reports/{report}", {}),
        ("GET", f"/activities/{activity}", {}),
    ]
    for method, url, body in requests:
        _status, statements = sent(client, method, url, **body)
        assert len(statements) <= QUERY_BUDGET, (url, statements)

    assert db.session.get(EventReport, report).status == APPROVED
    assert db.session.get(EventReport, returned).status == RETURNED
    assert db.session.get(Activity, activity).status == APPROVED
    assert db.session.get(Activity, sent_back).status == RETURNED
    actions = set(db.session.scalars(db.select(AuditLog.action)))
    assert {"report.approve", "report.return", "activity.approve", "activity.return"} <= actions


def test_reviewing_through_the_api_stays_within_the_budget(app, logbook):
    client = app.test_client()  # a bearer token only, as API clients send
    headers = logbook["coordinator"]
    (report, returned, _), (activity, sent_back, _) = logbook["reports"], logbook["activities"]
    requests = [
        ("POST", f"/api/v1/reports/{report}/approve", {}),
        ("POST", f"/api/v1/reports/{returned}/return", {"comment": "Bitte ergänzen"}),
        ("POST", f"/api/v1/activities/{activity}/approve", {}),
        ("POST", f"/api/v1/activities/{sent_back}/return", {"comment": "Dauer?"}),
    ]
    for method, url, body in requests:
        _status, statements = sent(client, method, url, json=body, headers=headers)
        assert len(statements) <= QUERY_BUDGET - 1, (url, statements)
    mails = db.session.scalars(db.select(OutboxMail.subject)).all()
    assert sum("freigegeben" in subject for subject in mails) == 2


@pytest.mark.parametrize("role", ["coordinator", "moderator"])
def test_correcting_through_the_api_stays_within_the_budget(app, logbook, role):
    client, headers = app.test_client(), logbook[role]
    report, activity = logbook["reports"][2], logbook["activities"][2]
    requests = [
        ("PATCH", f"/api/v1/reports/{report}", {}),
        ("PATCH", f"/api/v1/reports/{report}", {"languages": ["ar"], "notes": "Neu"}),
        ("PATCH", f"/api/v1/activities/{activity}", {}),
        ("PATCH", f"/api/v1/activities/{activity}", {"languages": ["ar"], "notes": "Neu"}),
        ("GET", f"/api/v1/reports/{report}", None),
        ("GET", f"/api/v1/activities/{activity}", None),
    ]
    for method, url, body in requests:
        _status, statements = sent(client, method, url, json=body, headers=headers)
        assert len(statements) <= QUERY_BUDGET, (url, statements)
    assert [lang.code for lang in db.session.get(EventReport, report).languages] == ["ar"]


def test_logging_through_the_api_stays_within_the_budget(app, logbook):
    client, headers = app.test_client(), logbook["coordinator"]
    report = {"moderator_id": logbook["moderator_id"], "took_place": True, "travel_minutes": 0}
    report |= {"parents_reached": 3, "languages": ["tr"], "duration_minutes": 60}
    activity = {"moderator_id": logbook["moderator_id"], "type": "counselling"}
    activity |= {"date": str(local_today()), "duration_minutes": 30, "languages": ["tr"]}
    activity |= {"people_reached": 1}
    requests = [
        (f"/api/v1/sessions/{logbook['sessions'][0]}/report", report),
        ("/api/v1/activities", activity),
    ]
    for url, body in requests:
        status, statements = sent(client, "POST", url, json=body, headers=headers)
        assert status == 201
        assert len(statements) <= QUERY_BUDGET, (url, statements)


def test_the_logbook_forms_stay_within_the_budget(client, login_as, logbook):
    login_as(user=db.session.get(User, logbook["moderator_user_id"]))
    held = {"took_place": "yes", "parents_reached": "4", "languages": [logbook["turkish"]]}
    held |= {"duration_minutes": "60", "travel_minutes": "0"}
    counselling = {"type": "counselling", "held_on": str(local_today())}
    counselling |= {"duration_minutes": "30", "people_reached": "1"}
    report, activity = logbook["reports"][0], logbook["activities"][0]
    requests = [
        ("POST", f"/assignments/{logbook['assignments'][0]}/report", {"data": held}),
        ("GET", f"/reports/{report}/edit", {}),
        ("POST", f"/reports/{report}/edit", {"data": held | {"parents_reached": "9"}}),
        ("GET", f"/activities/{activity}/edit", {}),
        ("POST", f"/activities/{activity}/edit", {"data": counselling}),
        ("POST", "/me/activities/new", {"data": counselling}),
    ]
    for method, url, body in requests:
        _status, statements = sent(client, method, url, **body)
        assert len(statements) <= QUERY_BUDGET, (url, statements)
    assert db.session.get(EventReport, report).parents_reached == 9
