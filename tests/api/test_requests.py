"""Filing a request through the API: for which school, where, when; what is refused and why."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.notifications.models import OutboxMail
from moderators.scheduling.models import SessionRequest
from tests.api.conftest import assert_error
from tests.api.scheduling_helpers import audit_rows, count, first_topic, utc
from tests.conftest import next_weekday_at

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def school_user(make_user):
    return make_user("school")


@pytest.fixture
def school_headers(school_user, headers_for):
    return headers_for(school_user)


def new_request(**fields) -> dict:
    return {
        "language": "tr",
        "topic_id": first_topic().id,
        "preferred_starts": [next_weekday_at(0, 17).isoformat()],
        "duration_minutes": 90,
        "expected_parents": 25,
        **fields,
    }


def test_a_school_files_a_request_held_at_the_school_by_default(
    client, school_user, school_headers, make_user
):
    make_user("coordinator")
    school = school_user.school
    start = next_weekday_at(0, 17)
    body = new_request(preferred_starts=[start.isoformat()], notes="Bitte mit Dolmetscher")
    response = client.post("/api/v1/requests", json=body, headers=school_headers)
    assert response.status_code == 201, response.json
    request = db.session.scalar(db.select(SessionRequest))
    assert response.headers["Location"].endswith(f"/api/v1/requests/{request.id}")
    created = response.json
    assert created == {
        "id": request.id,
        "status": "open",
        "status_reason": "",
        "school_id": school.id,
        "language": "tr",
        "topic_id": first_topic().id,
        "preferred_starts": [utc(start)],
        "duration_minutes": 90,
        "expected_parents": 25,
        "venue": {"name": school.name, "address": school.address, "district": "Altona"},
        "notes": "Bitte mit Dolmetscher",
        "public": False,
        "created_at": utc(request.created_at),
        "session_id": None,
    }
    # the coordination office hears of it, and the log names the school's user
    assert count(OutboxMail) == 1
    (entry,) = audit_rows("request.create")
    assert (entry.actor_id, entry.object_id) == (school_user.id, request.id)


def test_a_request_may_name_another_place_and_be_public(client, school_headers):
    venue = {
        "name": "Bücherhalle Wandsbek",
        "address": "Am Alten Posthaus 2",
        "district": "Wandsbek",
    }
    body = new_request(venue=venue, public=True)
    created = client.post("/api/v1/requests", json=body, headers=school_headers).json
    assert created["venue"] == venue
    assert created["public"] is True


def test_several_preferred_starts_come_back_soonest_first(client, school_headers):
    later, sooner = next_weekday_at(0, 17, weeks_ahead=3), next_weekday_at(0, 17)
    body = new_request(preferred_starts=[later.isoformat(), sooner.isoformat()])
    created = client.post("/api/v1/requests", json=body, headers=school_headers).json
    assert created["preferred_starts"] == [utc(sooner), utc(later)]


def test_a_start_after_the_autumn_clock_change_round_trips_exactly(
    client, school_headers, coordinator_headers, make_moderator
):
    """18:00 on the last Sunday of October is 18:00+01:00 (winter time) in Hamburg."""
    year = local_today().year + 2
    sunday = date(year, 10, 31)
    sunday -= timedelta(days=(sunday.weekday() - 6) % 7)
    sent = f"{sunday.isoformat()}T18:00+01:00"
    created = client.post(
        "/api/v1/requests", json=new_request(preferred_starts=[sent]), headers=school_headers
    ).json
    (returned,) = created["preferred_starts"]
    assert returned == f"{sunday.isoformat()}T17:00:00Z"
    moment = datetime.fromisoformat(returned).astimezone(BERLIN)
    assert (moment.date(), moment.hour, moment.minute) == (sunday, 18, 0)
    assert moment.utcoffset() == timedelta(hours=1)
    shown = client.get(f"/api/v1/requests/{created['id']}", headers=school_headers).json
    assert shown["preferred_starts"] == [returned]
    # 18:00 in summer time would be another moment: not one of the preferred starts
    schedule = f"/api/v1/requests/{created['id']}/schedule"
    moderator = make_moderator()
    body = {"moderator_ids": [moderator.id], "mode": "offer"}
    wrong = {**body, "starts_at": f"{sunday.isoformat()}T18:00+02:00"}
    response = client.post(schedule, json=wrong, headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field="starts_at")
    # what the API sent back is taken back as the same moment
    response = client.post(
        schedule, json={**body, "starts_at": returned}, headers=coordinator_headers
    )
    assert response.status_code == 201, response.json
    assert response.json["starts_at"] == returned
    assert response.json["ends_at"] == f"{sunday.isoformat()}T18:30:00Z"


def test_the_coordination_files_a_request_for_a_named_school(
    client, coordinator_headers, make_school
):
    school = make_school(district_name="Harburg")
    body = new_request(school_id=school.id)
    response = client.post("/api/v1/requests", json=body, headers=coordinator_headers)
    assert response.status_code == 201
    assert (response.json["school_id"], response.json["venue"]["district"]) == (
        school.id,
        "Harburg",
    )


@pytest.mark.parametrize(("school_id", "field"), [(None, "school_id"), (999_999, "school_id")])
def test_the_coordination_must_name_an_existing_school(
    client, coordinator_headers, school_id, field
):
    body = new_request() if school_id is None else new_request(school_id=school_id)
    response = client.post("/api/v1/requests", json=body, headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field=field)


def test_a_school_cannot_file_a_request_for_another_school(client, school_headers, make_school):
    other = make_school()
    response = client.post(
        "/api/v1/requests", json=new_request(school_id=other.id), headers=school_headers
    )
    assert_error(response, 403, "forbidden")
    assert count(SessionRequest) == 0


def test_a_school_may_name_its_own_school(client, school_user, school_headers):
    body = new_request(school_id=school_user.school_id)
    assert client.post("/api/v1/requests", json=body, headers=school_headers).status_code == 201


def test_moderators_cannot_file_or_read_requests(client, make_user, headers_for):
    headers = headers_for(make_user("moderator"))
    assert_error(
        client.post("/api/v1/requests", json=new_request(), headers=headers), 403, "forbidden"
    )
    assert_error(client.get("/api/v1/requests", headers=headers), 403, "forbidden")


def past() -> str:
    return (next_weekday_at(0, 17) - timedelta(weeks=4)).isoformat()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"language": "xx"}, "language"),
        ({"language": 7}, "language"),
        ({"topic_id": 999_999}, "topic_id"),
        ({"topic_id": "1"}, "topic_id"),
        ({"preferred_starts": "past"}, "preferred_starts"),
        ({"preferred_starts": []}, "preferred_starts"),
        ({"preferred_starts": ["2031-03-03T18:00"]}, "preferred_starts"),
        ({"preferred_starts": ["next monday"]}, "preferred_starts"),
        ({"preferred_starts": "2031-03-03T18:00+01:00"}, "preferred_starts"),
        ({"duration_minutes": 29}, "duration_minutes"),
        ({"duration_minutes": 241}, "duration_minutes"),
        ({"duration_minutes": 90.5}, "duration_minutes"),
        ({"expected_parents": -1}, "expected_parents"),
        ({"expected_parents": None}, "expected_parents"),
        ({"public": "yes"}, "public"),
        ({"notes": 5}, "notes"),
        ({"venue": "Bücherhalle"}, "venue"),
        ({"venue": {"name": "Bücherhalle", "district": "Gotham"}}, "venue.district"),
        ({"venue": {"name": "", "district": "Altona"}}, "venue.name"),
        ({"venue": {"name": "Bücherhalle"}}, "venue.district"),
        ({"venue": {"name": "Bücherhalle", "district": "Altona", "x": 1}}, "venue.x"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_a_faulty_request_is_422_naming_the_field_and_nothing_is_saved(
    client, school_headers, change, field
):
    if change.get("preferred_starts") == "past":
        change = {"preferred_starts": [past()]}
    response = client.post("/api/v1/requests", json=new_request(**change), headers=school_headers)
    assert_error(response, 422, "validation_error", field=field)
    assert count(SessionRequest) == 0


@pytest.mark.parametrize(
    "missing", ["language", "topic_id", "preferred_starts", "duration_minutes", "expected_parents"]
)
def test_each_required_field_is_named_when_missing(client, school_headers, missing):
    body = new_request()
    del body[missing]
    response = client.post("/api/v1/requests", json=body, headers=school_headers)
    assert_error(response, 422, "validation_error", field=missing)


def test_an_inactive_language_is_refused(client, db, school_headers):
    from tests.conftest import language

    language("tr").active = False
    db.session.commit()
    response = client.post("/api/v1/requests", json=new_request(), headers=school_headers)
    assert_error(response, 422, "validation_error", field="language")
