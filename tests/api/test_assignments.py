"""Offers through the API: the coordination offers or assigns; only the moderator answers."""

from datetime import timedelta

import pytest

from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.scheduling import services, session_changes
from moderators.scheduling.models import Assignment
from tests.api.conftest import assert_error
from tests.api.scheduling_helpers import audit_rows, count, utc
from tests.conftest import next_weekday_at


@pytest.fixture
def moderator_user(make_user):
    return make_user("moderator")


@pytest.fixture
def moderator_headers(moderator_user, headers_for):
    return headers_for(moderator_user)


def answer(client, headers, assignment, action: str, **kwargs):
    return client.post(f"/api/v1/assignments/{assignment.id}/{action}", headers=headers, **kwargs)


# Offering and assigning ---------------------------------------------------------------


def test_the_coordination_offers_a_session_to_a_moderator(
    client, make_user, headers_for, make_session, make_moderator
):
    coordinator = make_user("coordinator")
    session = make_session()
    moderator = make_moderator()
    response = client.post(
        f"/api/v1/sessions/{session.id}/assignments",
        json={"moderator_id": moderator.id, "mode": "offer"},
        headers=headers_for(coordinator),
    )
    assert response.status_code == 201, response.json
    assignment = db.session.scalar(db.select(Assignment))
    assert response.json == {
        "id": assignment.id,
        "session_id": session.id,
        "moderator_id": moderator.id,
        "status": "offered",
        "starts_at": utc(session.starts_at),
        "ends_at": utc(session.ends_at),
        "offered_at": utc(assignment.offered_at),
        "responded_at": None,
        "decline_reason": "",
    }
    (entry,) = audit_rows("assignment.offer")
    assert entry.actor_id == coordinator.id


def test_assigning_books_at_once(client, coordinator_headers, make_session, make_moderator):
    session = make_session()
    moderator = make_moderator()
    response = client.post(
        f"/api/v1/sessions/{session.id}/assignments",
        json={"moderator_id": moderator.id, "mode": "assign"},
        headers=coordinator_headers,
    )
    assert response.status_code == 201
    assert response.json["status"] == "accepted" and response.json["responded_at"] is not None


def test_assigning_a_moderator_booked_elsewhere_is_409_and_saves_nothing(
    client, coordinator_headers, make_session, make_moderator
):
    moderator = make_moderator()
    start = next_weekday_at(0, 17)
    services.add_assignment(make_session(starts_at=start), moderator, "assign")
    session = make_session(starts_at=start + timedelta(minutes=45))
    before = count(Assignment)
    response = client.post(
        f"/api/v1/sessions/{session.id}/assignments",
        json={"moderator_id": moderator.id, "mode": "assign"},
        headers=coordinator_headers,
    )
    assert_error(response, 409, "conflict")
    assert count(Assignment) == before
    assert len(audit_rows("assignment.assign")) == 1


def test_offering_twice_to_the_same_moderator_is_409(
    client, coordinator_headers, make_session, make_moderator
):
    session = make_session()
    moderator = make_moderator()
    path = f"/api/v1/sessions/{session.id}/assignments"
    body = {"moderator_id": moderator.id, "mode": "offer"}
    assert client.post(path, json=body, headers=coordinator_headers).status_code == 201
    assert_error(client.post(path, json=body, headers=coordinator_headers), 409, "conflict")
    assert count(Assignment) == 1


def test_a_cancelled_session_takes_no_more_offers(
    client, coordinator_headers, make_session, make_moderator
):
    session = make_session()
    session_changes.cancel_session(session, "Ausfall")
    response = client.post(
        f"/api/v1/sessions/{session.id}/assignments",
        json={"moderator_id": make_moderator().id, "mode": "offer"},
        headers=coordinator_headers,
    )
    assert_error(response, 409, "conflict")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"moderator_id": 999_999, "mode": "offer"}, "moderator_id"),
        ({"moderator_id": "1", "mode": "offer"}, "moderator_id"),
        ({"mode": "offer"}, "moderator_id"),
        ({"moderator_id": 1, "mode": "ask"}, "mode"),
        ({"moderator_id": 1}, "mode"),
        ({"moderator_id": 1, "mode": "offer", "note": "x"}, "note"),
    ],
)
def test_a_faulty_offer_is_422_naming_the_field(
    client, coordinator_headers, make_session, body, field
):
    session = make_session()
    response = client.post(
        f"/api/v1/sessions/{session.id}/assignments", json=body, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field=field)


def test_offering_to_an_unknown_session_is_404(client, coordinator_headers, make_moderator):
    response = client.post(
        "/api/v1/sessions/999999/assignments",
        json={"moderator_id": make_moderator().id, "mode": "offer"},
        headers=coordinator_headers,
    )
    assert_error(response, 404, "not_found")


# Answering ----------------------------------------------------------------------------


def test_a_moderator_accepts_their_offer_and_the_log_names_them(
    client, moderator_user, moderator_headers, make_session
):
    session = make_session()
    offer = services.add_assignment(session, moderator_user.moderator, "offer")
    response = answer(client, moderator_headers, offer, "accept")
    assert response.status_code == 200, response.json
    assert (response.json["id"], response.json["status"]) == (offer.id, "accepted")
    (entry,) = audit_rows("assignment.accept")
    assert (entry.actor_id, entry.object_id) == (moderator_user.id, offer.id)


def test_accepting_fills_the_session_and_withdraws_the_other_offers(
    client, moderator_user, moderator_headers, make_session, make_moderator, headers_for
):
    session = make_session()
    own = services.add_assignment(session, moderator_user.moderator, "offer")
    other = services.add_assignment(session, make_moderator(), "offer")
    assert answer(client, moderator_headers, own, "accept").status_code == 200
    db.session.refresh(other)
    assert other.status == "withdrawn"


def test_a_moderator_cannot_answer_someone_elses_offer(
    client, moderator_headers, make_session, make_moderator
):
    offer = services.add_assignment(make_session(), make_moderator(), "offer")
    for action in ("accept", "decline"):
        assert_error(answer(client, moderator_headers, offer, action, json={}), 403, "forbidden")
    db.session.refresh(offer)
    assert offer.status == "offered"
    # an assignment that does not exist looks the same
    response = client.post("/api/v1/assignments/999999/accept", headers=moderator_headers)
    assert_error(response, 403, "forbidden")


@pytest.mark.parametrize("role", ["coordinator", "school"])
def test_only_moderators_answer_offers(
    client, make_user, headers_for, make_session, make_moderator, role
):
    offer = services.add_assignment(make_session(), make_moderator(), "offer")
    headers = headers_for(make_user(role))
    for action in ("accept", "decline"):
        assert_error(answer(client, headers, offer, action), 403, "forbidden")


def test_accepting_an_offer_that_overlaps_a_booking_is_409(
    client, moderator_user, moderator_headers, make_session
):
    moderator = moderator_user.moderator
    start = next_weekday_at(0, 17)
    services.add_assignment(make_session(starts_at=start), moderator, "assign")
    offer = services.add_assignment(
        make_session(starts_at=start + timedelta(minutes=30)), moderator, "offer"
    )
    assert_error(answer(client, moderator_headers, offer, "accept"), 409, "conflict")
    db.session.refresh(offer)
    assert offer.status == "offered"
    assert audit_rows("assignment.accept") == []


def test_a_withdrawn_offer_is_gone(
    client, moderator_user, moderator_headers, make_session, make_moderator
):
    session = make_session()
    own = services.add_assignment(session, moderator_user.moderator, "offer")
    services.accept(services.add_assignment(session, make_moderator(), "offer"))
    for action in ("accept", "decline"):
        assert_error(answer(client, moderator_headers, own, action), 410, "gone")


def test_an_answered_offer_is_gone(client, moderator_user, moderator_headers, make_session):
    offer = services.add_assignment(make_session(), moderator_user.moderator, "offer")
    assert answer(client, moderator_headers, offer, "decline").status_code == 200
    assert_error(answer(client, moderator_headers, offer, "accept"), 410, "gone")
    assert_error(answer(client, moderator_headers, offer, "decline"), 410, "gone")


def test_an_offer_of_a_cancelled_session_is_gone(
    client, moderator_user, moderator_headers, make_session
):
    session = make_session()
    offer = services.add_assignment(session, moderator_user.moderator, "offer")
    session_changes.cancel_session(session, "Ausfall")
    assert_error(answer(client, moderator_headers, offer, "accept"), 410, "gone")


def test_an_offer_whose_session_has_begun_is_gone(
    client, moderator_user, moderator_headers, make_session
):
    offer = services.add_assignment(make_session(), moderator_user.moderator, "offer")
    offer.starts_at = utcnow() - timedelta(minutes=5)  # as if time had passed
    offer.session.starts_at = offer.starts_at
    db.session.commit()
    assert_error(answer(client, moderator_headers, offer, "accept"), 410, "gone")
    db.session.refresh(offer)
    assert offer.status == "offered"


def test_a_moderator_declines_with_a_reason(
    client, moderator_user, moderator_headers, make_session
):
    offer = services.add_assignment(make_session(), moderator_user.moderator, "offer")
    response = answer(client, moderator_headers, offer, "decline", json={"reason": "Urlaub"})
    assert response.status_code == 200, response.json
    assert (response.json["status"], response.json["decline_reason"]) == ("declined", "Urlaub")
    (entry,) = audit_rows("assignment.decline")
    assert entry.actor_id == moderator_user.id


def test_declining_needs_no_body(client, moderator_user, moderator_headers, make_session):
    offer = services.add_assignment(make_session(), moderator_user.moderator, "offer")
    response = answer(client, moderator_headers, offer, "decline")
    assert response.status_code == 200 and response.json["decline_reason"] == ""


@pytest.mark.parametrize(
    ("body", "field"), [({"reason": "x" * 501}, "reason"), ({"grund": "x"}, "grund")]
)
def test_a_faulty_decline_is_422_and_leaves_the_offer_open(
    client, moderator_user, moderator_headers, make_session, body, field
):
    offer = services.add_assignment(make_session(), moderator_user.moderator, "offer")
    response = answer(client, moderator_headers, offer, "decline", json=body)
    assert_error(response, 422, "validation_error", field=field)
    db.session.refresh(offer)
    assert offer.status == "offered"


def test_a_decline_body_that_is_not_json_is_400(
    client, moderator_user, moderator_headers, make_session
):
    offer = services.add_assignment(make_session(), moderator_user.moderator, "offer")
    response = answer(client, moderator_headers, offer, "decline", data="Urlaub")
    assert_error(response, 400, "bad_request")
