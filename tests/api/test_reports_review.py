"""Reports through the API, the coordination's side: listing them (a moderator their own),
approving and returning them."""

from datetime import timedelta

import pytest

from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.logbook import services
from moderators.logbook.models import EventReport
from moderators.scheduling.models import InfoSession
from tests.api.conftest import assert_error
from tests.api.scheduling_helpers import audit_rows
from tests.conftest import count_queries, language


@pytest.fixture
def moderator_user(make_user):
    return make_user("moderator")


@pytest.fixture
def moderator_headers(moderator_user, headers_for):
    return headers_for(moderator_user)


@pytest.fixture
def held(make_held_session, moderator_user):
    return make_held_session(moderators=[moderator_user.moderator])


@pytest.fixture
def report(held, make_report):
    """Submitted: 90 minutes, 20 parents, Turkish, 30 minutes of travel."""
    return make_report(held.accepted[0])


# Listing --------------------------------------------------------------------------------


def test_the_coordination_lists_reports_oldest_submission_first_with_filters(
    client, coordinator_headers, make_held_session, make_report, make_moderator
):
    ayla, deniz = make_moderator(), make_moderator()
    old = make_report(make_held_session(days_ago=20, moderators=[ayla]).accepted[0])
    recent = make_report(make_held_session(days_ago=2, moderators=[deniz]).accepted[0])
    approved = make_report(make_held_session(days_ago=5, moderators=[ayla]).accepted[0])
    services.approve_report(approved)

    def ids(query: str = "") -> list[int]:
        response = client.get(f"/api/v1/reports?{query}", headers=coordinator_headers)
        assert response.status_code == 200, response.json
        return [item["id"] for item in response.json["items"]]

    assert ids() == [old.id, recent.id, approved.id]
    assert ids("status=submitted") == [old.id, recent.id]
    assert ids(f"moderator_id={ayla.id}") == [old.id, approved.id]
    since = (local_today() - timedelta(days=5)).isoformat()
    assert ids(f"from={since}") == [recent.id, approved.id]
    assert ids(f"to={since}") == [old.id, approved.id]
    assert ids(f"from={since}&to={since}") == [approved.id]
    page = client.get("/api/v1/reports?per_page=2&page=2", headers=coordinator_headers).json
    assert (page["total"], [item["id"] for item in page["items"]]) == (3, [approved.id])


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=open", "status"),
        ("moderator_id=999999", "moderator_id"),
        ("moderator_id=abc", "moderator_id"),
        ("from=2026-13-01", "from"),
        ("to=gestern", "to"),
        ("from=2026-05-02&to=2026-05-01", "to"),
        ("per_page=500", "per_page"),
    ],
)
def test_bad_filters_are_422_naming_them(client, coordinator_headers, query, field):
    response = client.get(f"/api/v1/reports?{query}", headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field=field)


def test_a_moderator_lists_only_their_own_reports(
    client, report, moderator_user, moderator_headers, make_held_session, make_report
):
    make_report(make_held_session().accepted[0])  # someone else's
    response = client.get("/api/v1/reports", headers=moderator_headers)
    assert [item["id"] for item in response.json["items"]] == [report.id]
    own = client.get(
        f"/api/v1/reports?moderator_id={moderator_user.moderator_id}", headers=moderator_headers
    )
    assert own.json["total"] == 1


def test_a_moderator_asking_for_someone_elses_reports_gets_403(
    client, moderator_headers, make_moderator
):
    response = client.get(
        f"/api/v1/reports?moderator_id={make_moderator().id}", headers=moderator_headers
    )
    assert_error(response, 403, "forbidden")


def test_listing_reports_takes_the_same_queries_however_many_there_are(
    client, coordinator_headers, make_held_session, make_report, make_moderator
):
    def add_reports(n: int) -> None:
        for _ in range(n):
            moderator = make_moderator()
            session = make_held_session(moderators=[moderator])
            make_report(session.accepted[0], languages=[language("tr"), language("ar")])

    def listed() -> tuple[int, int]:
        with count_queries() as statements:
            response = client.get("/api/v1/reports?per_page=50", headers=coordinator_headers)
        assert response.status_code == 200
        return len(statements), response.json["total"]

    add_reports(2)
    few, total = listed()
    assert total == 2
    add_reports(10)
    many, total = listed()
    assert total == 12
    assert many == few <= 6


# Reviewing ------------------------------------------------------------------------------


def test_approving_fixes_the_allowance_and_marks_the_session_held(
    client, report, held, make_user, headers_for
):
    coordinator = make_user("coordinator")
    response = client.post(
        f"/api/v1/reports/{report.id}/approve",
        json={"comment": "Danke!"},
        headers=headers_for(coordinator),
    )
    assert response.status_code == 200, response.json
    assert response.json["status"] == "approved"
    assert response.json["review_comment"] == "Danke!"
    assert response.json["allowance_cents"] == 2000 + 2 * 1200  # 90 + 30 minutes: two hours
    assert response.json["reviewed_at"] is not None
    db.session.expire_all()
    assert db.session.get(InfoSession, held.id).status == "held"
    (entry,) = audit_rows("report.approve")
    assert entry.actor_id == coordinator.id


def test_approving_needs_no_body_and_happens_once(client, report, coordinator_headers):
    path = f"/api/v1/reports/{report.id}/approve"
    assert client.post(path, headers=coordinator_headers).status_code == 200
    assert_error(client.post(path, headers=coordinator_headers), 409, "conflict")


def test_returning_needs_a_comment(client, report, coordinator_headers):
    path = f"/api/v1/reports/{report.id}/return"
    for body in ({}, {"comment": "  "}):
        assert_error(
            client.post(path, json=body, headers=coordinator_headers),
            422,
            "validation_error",
            field="comment",
        )
    assert db.session.get(EventReport, report.id).status == "submitted"
    response = client.post(
        path, json={"comment": "Bitte Dauer prüfen"}, headers=coordinator_headers
    )
    assert response.status_code == 200
    assert (response.json["status"], response.json["review_comment"]) == (
        "returned",
        "Bitte Dauer prüfen",
    )
    assert_error(
        client.post(path, json={"comment": "noch mal"}, headers=coordinator_headers),
        409,
        "conflict",
    )


def test_only_the_coordination_reviews(client, report, moderator_headers, coordinator_headers):
    for action, body in (("approve", {}), ("return", {"comment": "x"})):
        path = f"/api/v1/reports/{report.id}/{action}"
        assert_error(client.post(path, json=body, headers=moderator_headers), 403, "forbidden")
        missing = client.post(
            f"/api/v1/reports/999999/{action}", json=body, headers=coordinator_headers
        )
        assert_error(missing, 404, "not_found")
    assert db.session.get(EventReport, report.id).status == "submitted"


def test_the_documented_fields_are_the_fields_sent(
    client, report, coordinator_headers, moderator_user
):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    activity = services.log_activity(
        moderator_user.moderator,
        type="training",
        held_on=local_today(),
        duration_minutes=60,
        languages=[],
        people_reached=0,
    )
    sent = {
        "Report": client.get(f"/api/v1/reports/{report.id}", headers=coordinator_headers),
        "Activity": client.get(f"/api/v1/activities/{activity.id}", headers=coordinator_headers),
        "Statistics": client.get("/api/v1/stats", headers=coordinator_headers),
    }
    for name, response in sent.items():
        assert set(response.json) == set(schemas[name]["properties"]), name
        assert set(schemas[name]["required"]) == set(response.json), name
