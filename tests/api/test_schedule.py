"""Turning a request into a session: offered or assigned, and never booking anyone twice."""

from datetime import timedelta

import pytest

from moderators.extensions import db
from moderators.notifications.models import OutboxMail
from moderators.scheduling import services
from moderators.scheduling.models import Assignment, InfoSession, SessionRequest
from tests.api.conftest import assert_error
from tests.api.scheduling_helpers import audit_rows, count, utc
from tests.conftest import next_weekday_at


def schedule(client, headers, request, **body):
    return client.post(f"/api/v1/requests/{request.id}/schedule", json=body, headers=headers)


def test_a_request_becomes_a_session_offered_to_moderators(
    client, make_user, headers_for, make_request, make_moderator
):
    coordinator = make_user("coordinator")
    start, later = next_weekday_at(0, 17), next_weekday_at(0, 17, weeks_ahead=3)
    request = make_request(starts=[start, later], notes="Raum 12", public=True)
    first, second = make_moderator(), make_moderator()
    response = schedule(
        client,
        headers_for(coordinator),
        request,
        starts_at=utc(later),
        moderator_ids=[first.id, second.id],
        mode="offer",
    )
    assert response.status_code == 201, response.json
    session = db.session.scalar(db.select(InfoSession))
    assert response.headers["Location"].endswith(f"/api/v1/sessions/{session.id}")
    body = response.json
    offers = body.pop("assignments")
    school = request.school
    assert body == {
        "id": session.id,
        "request_id": request.id,
        "school_id": school.id,
        "venue": {"name": school.name, "address": school.address},
        "district": "Altona",
        "language": "tr",
        "topic_id": request.topic_id,
        "starts_at": utc(later),
        "ends_at": utc(later + timedelta(minutes=90)),
        "duration_minutes": 90,
        "moderators_needed": 1,
        "expected_parents": 20,
        "status": "planned",
        "status_reason": "",
        "public": True,
        "notes": "Raum 12",
    }
    assert [(a["moderator_id"], a["status"]) for a in offers] == [
        (first.id, "offered"),
        (second.id, "offered"),
    ]
    assert all(a["session_id"] == session.id and a["responded_at"] is None for a in offers)
    db.session.refresh(request)
    assert request.status == "scheduled"
    shown = client.get(f"/api/v1/requests/{request.id}", headers=headers_for(coordinator)).json
    assert (shown["status"], shown["session_id"]) == ("scheduled", session.id)
    # each offer is mailed to its moderator; the log names the coordinator
    recipients = set(db.session.scalars(db.select(OutboxMail.recipient)))
    assert {first.email, second.email} <= recipients
    (created,) = audit_rows("session.create")
    assert created.actor_id == coordinator.id
    assert {entry.actor_id for entry in audit_rows("assignment.offer")} == {coordinator.id}


def test_assigning_books_the_moderator_at_once(
    client, coordinator_headers, make_request, make_moderator
):
    request = make_request()
    moderator = make_moderator()
    start = request.slots[0].starts_at
    response = schedule(
        client,
        coordinator_headers,
        request,
        starts_at=start.isoformat(),
        moderator_ids=[moderator.id],
        mode="assign",
    )
    assert response.status_code == 201, response.json
    (assignment,) = response.json["assignments"]
    assert (assignment["moderator_id"], assignment["status"]) == (moderator.id, "accepted")


def test_assigning_a_moderator_booked_elsewhere_is_409_and_saves_nothing(
    client, coordinator_headers, make_request, make_session, make_moderator
):
    start = next_weekday_at(0, 17)
    moderator = make_moderator()
    elsewhere = make_session(starts_at=start + timedelta(minutes=30))
    services.add_assignment(elsewhere, moderator, "assign")
    request = make_request(starts=[start])
    sessions, assignments, mails = count(InfoSession), count(Assignment), count(OutboxMail)
    response = schedule(
        client,
        coordinator_headers,
        request,
        starts_at=utc(start),
        moderator_ids=[moderator.id],
        mode="assign",
    )
    assert_error(response, 409, "conflict")
    assert (count(InfoSession), count(Assignment), count(OutboxMail)) == (
        sessions,
        assignments,
        mails,
    )
    db.session.refresh(request)
    assert request.status == "open"
    assert len(audit_rows("session.create")) == 1  # only the session elsewhere
    # offering instead is fine: the moderator may still say no to the other one
    response = schedule(
        client,
        coordinator_headers,
        request,
        starts_at=utc(start),
        moderator_ids=[moderator.id],
        mode="offer",
    )
    assert response.status_code == 201


def test_assigning_more_moderators_than_needed_is_409_and_saves_nothing(
    client, coordinator_headers, make_request, make_moderator
):
    request = make_request()
    response = schedule(
        client,
        coordinator_headers,
        request,
        starts_at=utc(request.slots[0].starts_at),
        moderator_ids=[make_moderator().id, make_moderator().id],
        mode="assign",
    )
    assert_error(response, 409, "conflict")
    assert count(InfoSession) == 0


def test_a_request_that_is_not_open_cannot_be_scheduled(
    client, coordinator_headers, make_request, make_moderator
):
    request = make_request()
    services.cancel_request(request)
    response = schedule(
        client,
        coordinator_headers,
        request,
        starts_at=utc(request.slots[0].starts_at),
        moderator_ids=[make_moderator().id],
        mode="offer",
    )
    assert_error(response, 409, "conflict")
    assert count(InfoSession) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts_at": "other"}, "starts_at"),
        ({"starts_at": "2031-03-03T17:00"}, "starts_at"),
        ({"starts_at": None}, "starts_at"),
        ({"moderator_ids": []}, "moderator_ids"),
        ({"moderator_ids": "1"}, "moderator_ids"),
        ({"moderator_ids": ["1"]}, "moderator_ids"),
        ({"moderator_ids": [999_999]}, "moderator_ids"),
        ({"mode": "book"}, "mode"),
        ({"mode": None}, "mode"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_a_faulty_schedule_is_422_naming_the_field(
    client, coordinator_headers, make_request, make_moderator, change, field
):
    request = make_request()
    start = request.slots[0].starts_at
    body = {"starts_at": utc(start), "moderator_ids": [make_moderator().id], "mode": "offer"}
    body.update(change)
    if body["starts_at"] == "other":  # an hour after the preferred start
        body["starts_at"] = utc(start + timedelta(hours=1))
    response = schedule(client, coordinator_headers, request, **body)
    assert_error(response, 422, "validation_error", field=field)
    assert count(InfoSession) == 0


@pytest.mark.parametrize("missing", ["starts_at", "moderator_ids", "mode"])
def test_each_part_of_a_schedule_is_required(
    client, coordinator_headers, make_request, make_moderator, missing
):
    request = make_request()
    body = {
        "starts_at": utc(request.slots[0].starts_at),
        "moderator_ids": [make_moderator().id],
        "mode": "offer",
    }
    del body[missing]
    response = schedule(client, coordinator_headers, request, **body)
    assert_error(response, 422, "validation_error", field=missing)


def test_only_the_coordination_schedules(client, make_user, headers_for, make_request):
    school_user = make_user("school")
    request = make_request(school=school_user.school)
    for user in (school_user, make_user("moderator")):
        response = schedule(client, headers_for(user), request, starts_at="x")
        assert_error(response, 403, "forbidden")
    assert db.session.get(SessionRequest, request.id).status == "open"


def test_scheduling_an_unknown_request_is_404(client, coordinator_headers):
    response = client.post("/api/v1/requests/999999/schedule", json={}, headers=coordinator_headers)
    assert_error(response, 404, "not_found")
