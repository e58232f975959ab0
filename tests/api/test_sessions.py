"""Sessions through the API: planning one without a request, listing, showing."""

from datetime import timedelta

import pytest

from moderators.common.timezone import to_local
from moderators.extensions import db
from moderators.roster.models import Moderator
from moderators.scheduling import services
from moderators.scheduling.models import InfoSession
from tests.api.conftest import assert_error
from tests.api.scheduling_helpers import VENUE, audit_rows, count, first_topic, utc
from tests.conftest import count_queries, next_weekday_at


def new_session(**fields) -> dict:
    return {
        "language": "ar",
        "topic_id": first_topic().id,
        "starts_at": next_weekday_at(2, 18).isoformat(),
        "duration_minutes": 120,
        **fields,
    }


def test_the_coordination_plans_a_session_at_another_place(client, make_user, headers_for):
    coordinator = make_user("coordinator")
    start = next_weekday_at(2, 18)
    body = new_session(
        starts_at=start.isoformat(),
        venue=VENUE,
        moderators_needed=2,
        public=True,
        expected_parents=40,
        notes="Mit Kinderbetreuung",
    )
    response = client.post("/api/v1/sessions", json=body, headers=headers_for(coordinator))
    assert response.status_code == 201, response.json
    session = db.session.scalar(db.select(InfoSession))
    assert response.headers["Location"].endswith(f"/api/v1/sessions/{session.id}")
    assert response.json == {
        "id": session.id,
        "request_id": None,
        "school_id": None,
        "venue": {"name": VENUE["name"], "address": VENUE["address"]},
        "district": "Hamburg-Mitte",
        "language": "ar",
        "topic_id": first_topic().id,
        "starts_at": utc(start),
        "ends_at": utc(start + timedelta(minutes=120)),
        "duration_minutes": 120,
        "moderators_needed": 2,
        "expected_parents": 40,
        "status": "planned",
        "status_reason": "",
        "public": True,
        "notes": "Mit Kinderbetreuung",
        "assignments": [],
    }
    (entry,) = audit_rows("session.create")
    assert entry.actor_id == coordinator.id


def test_a_session_at_a_school_takes_its_place(client, coordinator_headers, make_school):
    school = make_school(district_name="Bergedorf")
    body = new_session(school_id=school.id)
    created = client.post("/api/v1/sessions", json=body, headers=coordinator_headers).json
    assert (created["school_id"], created["district"]) == (school.id, "Bergedorf")
    assert created["venue"] == {"name": school.name, "address": school.address}
    assert (created["moderators_needed"], created["public"]) == (1, False)


def test_a_school_may_host_a_session_described_as_another_place(
    client, coordinator_headers, make_school
):
    school = make_school()
    body = new_session(school_id=school.id, venue=VENUE)
    created = client.post("/api/v1/sessions", json=body, headers=coordinator_headers).json
    assert (created["school_id"], created["venue"]["name"]) == (school.id, VENUE["name"])
    assert created["district"] == "Hamburg-Mitte"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"school_id": None}, "school_id"),
        ({"school_id": 999_999}, "school_id"),
        ({"language": "xx"}, "language"),
        ({"topic_id": 999_999}, "topic_id"),
        ({"starts_at": "2031-03-03T18:00"}, "starts_at"),
        ({"duration_minutes": 20}, "duration_minutes"),
        ({"moderators_needed": 0}, "moderators_needed"),
        ({"moderators_needed": 11}, "moderators_needed"),
        ({"public": 1}, "public"),
        ({"venue": {"name": "Halle", "district": "Gotham"}}, "venue.district"),
        ({"reason": "weil"}, "reason"),
    ],
)
def test_a_faulty_session_is_422_naming_the_field_and_nothing_is_saved(
    client, coordinator_headers, make_school, change, field
):
    body = new_session(**{"school_id": make_school().id, **change})
    response = client.post("/api/v1/sessions", json=body, headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field=field)
    assert count(InfoSession) == 0


def test_a_session_needs_a_school_or_a_place(client, coordinator_headers):
    response = client.post("/api/v1/sessions", json=new_session(), headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field="venue")


@pytest.mark.parametrize("missing", ["language", "topic_id", "starts_at", "duration_minutes"])
def test_each_required_field_of_a_session_is_named(client, coordinator_headers, missing):
    body = new_session(venue=VENUE)
    del body[missing]
    response = client.post("/api/v1/sessions", json=body, headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field=missing)


# Listing ------------------------------------------------------------------------------


def test_sessions_are_listed_soonest_first_and_filtered(
    client, coordinator_headers, make_session, make_school, make_moderator
):
    monday, tuesday = next_weekday_at(0, 17), next_weekday_at(1, 17)
    late_monday = next_weekday_at(0, 19)
    a = make_session(starts_at=tuesday)
    b = make_session(
        starts_at=monday, language_code="ar", school=make_school(district_name="Harburg")
    )
    c = make_session(starts_at=late_monday)
    moderator = make_moderator()
    services.add_assignment(c, moderator, "offer")

    def ids(query: str = "") -> list[int]:
        response = client.get(f"/api/v1/sessions{query}", headers=coordinator_headers)
        assert response.status_code == 200, response.json
        return [item["id"] for item in response.json["items"]]

    day = to_local(monday).date().isoformat()
    assert ids() == [b.id, c.id, a.id]
    assert ids(f"?from={day}&to={day}") == [b.id, c.id]
    assert ids(f"?from={to_local(tuesday).date().isoformat()}") == [a.id]
    assert ids(f"?to={day}") == [b.id, c.id]
    # exact times: from included, to excluded; + encoded, or sent raw and read as a space
    assert ids(f"?from={utc(late_monday)}") == [c.id, a.id]
    local = to_local(late_monday).isoformat()
    assert ids(f"?to={local.replace('+', '%2B')}") == [b.id]
    assert ids(f"?to={local}") == [b.id]
    assert ids("?language=ar") == [b.id]
    assert ids("?district=Harburg") == [b.id]
    assert ids(f"?moderator_id={moderator.id}") == [c.id]
    assert ids("?status=cancelled") == []
    body = client.get("/api/v1/sessions?per_page=2&page=2", headers=coordinator_headers).json
    assert ([i["id"] for i in body["items"]], body["total"], body["per_page"]) == ([a.id], 3, 2)


def test_withdrawn_and_declined_assignments_do_not_count_for_the_moderator_filter(
    client, coordinator_headers, make_session, make_moderator
):
    session = make_session()
    moderator = make_moderator()
    assignment = services.add_assignment(session, moderator, "offer")
    services.decline(assignment, "krank")
    body = client.get(f"/api/v1/sessions?moderator_id={moderator.id}", headers=coordinator_headers)
    assert body.json["items"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=tomorrow", "from"),
        ("from=2030-02-30", "from"),
        ("to=2030-03-01T18:00", "to"),
        ("language=xx", "language"),
        ("district=Gotham", "district"),
        ("moderator_id=999999", "moderator_id"),
        ("moderator_id=x", "moderator_id"),
        ("status=open", "status"),
    ],
)
def test_bad_session_filters_are_422_naming_them(client, coordinator_headers, query, field):
    response = client.get(f"/api/v1/sessions?{query}", headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field=field)


def test_listing_sessions_takes_the_same_queries_for_2_and_8(
    client, coordinator_headers, make_session, make_moderator
):
    moderator_ids = [make_moderator().id, make_moderator().id]

    def sessions(number: int) -> None:
        for n in range(number):
            session = make_session(starts_at=next_weekday_at(n % 5, 17, weeks_ahead=2 + n))
            for moderator_id in moderator_ids:
                moderator = db.session.get(Moderator, moderator_id)
                services.add_assignment(session, moderator, "offer")

    def listed(total: int) -> list[str]:
        with count_queries() as statements:
            body = client.get("/api/v1/sessions?per_page=100", headers=coordinator_headers).json
        assert body["total"] == total
        assert all(len(item["assignments"]) == 2 for item in body["items"])
        return statements

    sessions(2)
    few = listed(2)
    sessions(6)
    many = listed(8)
    assert len(many) == len(few)


def test_only_the_coordination_sees_sessions(client, make_user, headers_for, make_session):
    session = make_session()
    for role in ("school", "moderator"):
        headers = headers_for(make_user(role))
        assert_error(client.get("/api/v1/sessions", headers=headers), 403, "forbidden")
        response = client.get(f"/api/v1/sessions/{session.id}", headers=headers)
        assert_error(response, 403, "forbidden")


def test_one_session_and_an_unknown_one(client, coordinator_headers, make_session):
    session = make_session()
    response = client.get(f"/api/v1/sessions/{session.id}", headers=coordinator_headers)
    assert response.status_code == 200 and response.json["id"] == session.id
    response = client.get("/api/v1/sessions/999999", headers=coordinator_headers)
    assert_error(response, 404, "not_found")
