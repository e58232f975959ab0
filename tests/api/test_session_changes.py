"""Changing a session through the API: moving it, describing it anew, cancelling it."""

from datetime import timedelta

import pytest

from moderators.extensions import db
from moderators.notifications.models import OutboxMail
from moderators.scheduling import services, session_changes
from moderators.scheduling.models import InfoSession
from moderators.topics.models import Topic
from tests.api.conftest import assert_error
from tests.api.scheduling_helpers import VENUE, audit_rows, count, utc
from tests.conftest import next_weekday_at


def patch(client, headers, session, **body):
    return client.patch(f"/api/v1/sessions/{session.id}", json=body, headers=headers)


def test_moving_a_session_moves_its_bookings_and_tells_the_moderator(
    client, make_user, headers_for, make_session, make_moderator
):
    coordinator = make_user("coordinator")
    session = make_session(starts_at=next_weekday_at(0, 17))
    moderator = make_moderator()
    services.add_assignment(session, moderator, "assign")
    later = next_weekday_at(0, 18)
    mails = count(OutboxMail)
    response = patch(
        client,
        headers_for(coordinator),
        session,
        starts_at=utc(later),
        duration_minutes=60,
        reason="Raum erst ab 18 Uhr frei",
    )
    assert response.status_code == 200, response.json
    body = response.json
    assert (body["starts_at"], body["ends_at"]) == (utc(later), utc(later + timedelta(hours=1)))
    (assignment,) = body["assignments"]
    assert (assignment["status"], assignment["starts_at"]) == ("accepted", utc(later))
    assert count(OutboxMail) > mails
    (entry,) = audit_rows("session.reschedule")
    assert (entry.actor_id, entry.details["reason"]) == (coordinator.id, "Raum erst ab 18 Uhr frei")


def test_moving_onto_another_booking_is_409_and_saves_nothing(
    client, coordinator_headers, make_session, make_moderator
):
    moderator = make_moderator()
    session = make_session(starts_at=next_weekday_at(0, 16))
    other = make_session(starts_at=next_weekday_at(0, 19))
    services.add_assignment(session, moderator, "assign")
    services.add_assignment(other, moderator, "assign")
    before = utc(session.starts_at)
    response = patch(
        client, coordinator_headers, session, starts_at=utc(next_weekday_at(0, 18, 30)), public=True
    )
    assert_error(response, 409, "conflict")
    shown = client.get(f"/api/v1/sessions/{session.id}", headers=coordinator_headers).json
    assert (shown["starts_at"], shown["public"]) == (before, False)
    assert shown["assignments"][0]["starts_at"] == before
    assert audit_rows("session.reschedule") == [] and audit_rows("session.update") == []


def test_changing_what_describes_a_session(client, coordinator_headers, make_session):
    session = make_session()
    topic = Topic(name_de="Übergang Schule–Beruf", position=99)
    db.session.add(topic)
    db.session.commit()
    response = patch(
        client,
        coordinator_headers,
        session,
        venue=VENUE,
        public=True,
        moderators_needed=2,
        notes="Eingang über den Hof",
        topic_id=topic.id,
        expected_parents=12,
    )
    assert response.status_code == 200, response.json
    body = response.json
    assert body["venue"] == {"name": VENUE["name"], "address": VENUE["address"]}
    assert (body["district"], body["public"], body["moderators_needed"]) == (
        "Hamburg-Mitte",
        True,
        2,
    )
    assert (body["notes"], body["topic_id"], body["expected_parents"]) == (
        "Eingang über den Hof",
        topic.id,
        12,
    )
    assert body["starts_at"] == utc(session.starts_at)
    (entry,) = audit_rows("session.update")
    assert set(entry.details["fields"]) >= {"venue_name", "district_id", "public", "topic_id"}
    assert audit_rows("session.reschedule") == []


def test_sending_the_same_time_again_moves_nothing(client, coordinator_headers, make_session):
    session = make_session()
    response = patch(client, coordinator_headers, session, starts_at=utc(session.starts_at))
    assert response.status_code == 200
    assert audit_rows("session.reschedule") == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts_at": "2020-01-06T17:00:00Z"}, "starts_at"),
        ({"duration_minutes": 300}, "duration_minutes"),
        ({"reason": "ohne Verschiebung"}, "reason"),
        ({"topic_id": 999_999}, "topic_id"),
        ({"moderators_needed": "2"}, "moderators_needed"),
        ({"venue": {"name": "Halle", "district": "Gotham"}}, "venue.district"),
        ({"language": "ar"}, "language"),
        ({"school_id": 1}, "school_id"),
    ],
)
def test_a_faulty_change_is_422_naming_the_field(
    client, coordinator_headers, make_session, change, field
):
    session = make_session()
    response = patch(client, coordinator_headers, session, **change)
    assert_error(response, 422, "validation_error", field=field)


def test_a_cancelled_session_cannot_be_changed(client, coordinator_headers, make_session):
    session = make_session()
    session_changes.cancel_session(session, "Schule geschlossen")
    assert_error(patch(client, coordinator_headers, session, public=True), 409, "conflict")
    later = utc(next_weekday_at(0, 19))
    assert_error(patch(client, coordinator_headers, session, starts_at=later), 409, "conflict")


# Cancelling ---------------------------------------------------------------------------


def test_cancelling_withdraws_offers_and_bookings(
    client, make_user, headers_for, make_session, make_moderator
):
    coordinator = make_user("coordinator")
    session = make_session()
    services.add_assignment(session, make_moderator(), "offer")
    path = f"/api/v1/sessions/{session.id}/cancel"
    response = client.post(path, json={"reason": "Streik"}, headers=headers_for(coordinator))
    assert response.status_code == 200, response.json
    body = response.json
    assert (body["status"], body["status_reason"]) == ("cancelled", "Streik")
    assert [a["status"] for a in body["assignments"]] == ["withdrawn"]
    (entry,) = audit_rows("session.cancel")
    assert entry.actor_id == coordinator.id
    again = client.post(path, json={"reason": "Streik"}, headers=headers_for(coordinator))
    assert_error(again, 409, "conflict")


@pytest.mark.parametrize(
    ("body", "field"), [({}, "reason"), ({"reason": "  "}, "reason"), ({"why": "x"}, "why")]
)
def test_cancelling_needs_a_reason(client, coordinator_headers, make_session, body, field):
    session = make_session()
    response = client.post(
        f"/api/v1/sessions/{session.id}/cancel", json=body, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field=field)
    assert db.session.get(InfoSession, session.id).status == "planned"
