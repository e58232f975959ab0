"""Entering a session after the fact through the API: plan it in the past, assign its
moderators directly, report on it (the moderator, or the coordination for them), approve."""

from datetime import time, timedelta

import pytest

from moderators.common.timezone import local_datetime, local_today
from moderators.logbook.models import EventReport
from moderators.scheduling.models import Assignment
from tests.api.conftest import assert_error
from tests.api.scheduling_helpers import count, first_topic

REPORT = {
    "took_place": True,
    "parents_reached": 14,
    "languages": ["tr"],
    "duration_minutes": 80,
    "travel_minutes": 20,
}


@pytest.fixture
def moderator_user(make_user):
    return make_user("moderator")


@pytest.fixture
def past_session(client, coordinator_headers, make_school):
    """A session held last week, entered by the coordination through the API."""
    starts_at = local_datetime(local_today() - timedelta(days=7), time(18))
    response = client.post(
        "/api/v1/sessions",
        json={
            "language": "tr",
            "topic_id": first_topic().id,
            "starts_at": starts_at.isoformat(),
            "duration_minutes": 90,
            "school_id": make_school().id,
        },
        headers=coordinator_headers,
    )
    assert response.status_code == 201, response.json
    assert response.json["status"] == "planned"
    return response.json


def assign(client, headers, session, moderator_id, mode="assign"):
    return client.post(
        f"/api/v1/sessions/{session['id']}/assignments",
        json={"moderator_id": moderator_id, "mode": mode},
        headers=headers,
    )


def test_a_past_session_is_staffed_by_assigning_not_by_offering(
    client, coordinator_headers, past_session, moderator_user
):
    offered = assign(
        client, coordinator_headers, past_session, moderator_user.moderator_id, "offer"
    )
    assert_error(offered, 409, "conflict")
    assert count(Assignment) == 0
    assigned = assign(client, coordinator_headers, past_session, moderator_user.moderator_id)
    assert assigned.status_code == 201, assigned.json
    assert assigned.json["status"] == "accepted"


def test_the_moderator_reports_and_the_coordination_approves(
    client, coordinator_headers, past_session, moderator_user, headers_for
):
    assign(client, coordinator_headers, past_session, moderator_user.moderator_id)
    report = client.post(
        f"/api/v1/sessions/{past_session['id']}/report",
        json=REPORT,
        headers=headers_for(moderator_user),
    )
    assert report.status_code == 201, report.json
    assert report.json["held_on"] == (local_today() - timedelta(days=7)).isoformat()
    approved = client.post(
        f"/api/v1/reports/{report.json['id']}/approve", headers=coordinator_headers
    )
    assert approved.status_code == 200
    session = client.get(f"/api/v1/sessions/{past_session['id']}", headers=coordinator_headers)
    assert session.json["status"] == "held"


def test_the_coordination_enters_the_report_on_the_moderators_behalf(
    client, coordinator_headers, past_session, moderator_user, headers_for
):
    assign(client, coordinator_headers, past_session, moderator_user.moderator_id)
    response = client.post(
        f"/api/v1/sessions/{past_session['id']}/report",
        json={"moderator_id": moderator_user.moderator_id, **REPORT},
        headers=coordinator_headers,
    )
    assert response.status_code == 201, response.json
    # The moderator finds it among their own reports and may still correct it.
    own = client.get("/api/v1/reports", headers=headers_for(moderator_user)).json
    assert [item["id"] for item in own["items"]] == [response.json["id"]]
    corrected = client.patch(
        f"/api/v1/reports/{response.json['id']}",
        json={"parents_reached": 15},
        headers=headers_for(moderator_user),
    )
    assert corrected.json["parents_reached"] == 15


def test_a_session_that_did_not_take_place_is_cancelled_on_approval(
    client, coordinator_headers, past_session, moderator_user
):
    assign(client, coordinator_headers, past_session, moderator_user.moderator_id)
    response = client.post(
        f"/api/v1/sessions/{past_session['id']}/report",
        json={
            "moderator_id": moderator_user.moderator_id,
            "took_place": False,
            "reason_if_not": "Niemand kam",
            "travel_minutes": 20,
        },
        headers=coordinator_headers,
    )
    assert response.status_code == 201, response.json
    client.post(f"/api/v1/reports/{response.json['id']}/approve", headers=coordinator_headers)
    session = client.get(f"/api/v1/sessions/{past_session['id']}", headers=coordinator_headers)
    assert (session.json["status"], session.json["status_reason"]) == ("cancelled", "Niemand kam")


def test_no_report_before_anyone_is_assigned(
    client, coordinator_headers, past_session, moderator_user, headers_for
):
    path = f"/api/v1/sessions/{past_session['id']}/report"
    assert_error(
        client.post(path, json=REPORT, headers=headers_for(moderator_user)), 403, "forbidden"
    )
    response = client.post(
        path,
        json={"moderator_id": moderator_user.moderator_id, **REPORT},
        headers=coordinator_headers,
    )
    assert_error(response, 422, "validation_error", field="moderator_id")
    assert count(EventReport) == 0
