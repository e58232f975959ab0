"""Activities through the API: a moderator logs their own (a coordinator on their behalf);
the coordination lists and reviews them; nobody else reads or changes them."""

from datetime import timedelta

import pytest

from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.logbook import services
from moderators.logbook.models import Activity
from tests.api.conftest import assert_error
from tests.api.scheduling_helpers import audit_rows, count, utc
from tests.conftest import count_queries, language

YESTERDAY = (local_today() - timedelta(days=1)).isoformat()
ACTIVITY = {
    "type": "accompaniment",
    "date": YESTERDAY,
    "duration_minutes": 75,
    "languages": ["ar"],
    "people_reached": 2,
    "notes": "Elterngespräch in der Grundschule",
}


@pytest.fixture
def moderator_user(make_user):
    return make_user("moderator")


@pytest.fixture
def moderator_headers(moderator_user, headers_for):
    return headers_for(moderator_user)


@pytest.fixture
def activity(moderator_user):
    return services.log_activity(
        moderator_user.moderator,
        type="counselling",
        held_on=local_today() - timedelta(days=2),
        duration_minutes=60,
        languages=[language("tr")],
        people_reached=3,
    )


def post_activity(client, headers, **body):
    return client.post("/api/v1/activities", json=body, headers=headers)


def test_a_moderator_logs_an_activity(client, moderator_user, moderator_headers):
    response = post_activity(client, moderator_headers, **ACTIVITY)
    assert response.status_code == 201, response.json
    activity = db.session.scalar(db.select(Activity))
    assert response.headers["Location"].endswith(f"/api/v1/activities/{activity.id}")
    assert response.json == {
        "id": activity.id,
        "moderator_id": moderator_user.moderator_id,
        "type": "accompaniment",
        "date": YESTERDAY,
        "duration_minutes": 75,
        "languages": ["ar"],
        "people_reached": 2,
        "notes": "Elterngespräch in der Grundschule",
        "status": "submitted",
        "submitted_at": utc(activity.submitted_at),
        "reviewed_at": None,
        "review_comment": "",
        "allowance_cents": None,
    }
    (entry,) = audit_rows("activity.submit")
    assert entry.actor_id == moderator_user.id


def test_a_moderator_may_name_themself_but_nobody_else(
    client, moderator_user, moderator_headers, make_moderator
):
    own = post_activity(
        client, moderator_headers, moderator_id=moderator_user.moderator_id, **ACTIVITY
    )
    assert own.status_code == 201
    other = post_activity(client, moderator_headers, moderator_id=make_moderator().id, **ACTIVITY)
    assert_error(other, 403, "forbidden")
    assert count(Activity) == 1


def test_a_coordinator_logs_an_activity_for_a_moderator(
    client, coordinator_headers, make_moderator
):
    moderator = make_moderator()
    assert_error(
        post_activity(client, coordinator_headers, **ACTIVITY),
        422,
        "validation_error",
        field="moderator_id",
    )
    assert_error(
        post_activity(client, coordinator_headers, moderator_id=999_999, **ACTIVITY),
        422,
        "validation_error",
        field="moderator_id",
    )
    response = post_activity(client, coordinator_headers, moderator_id=moderator.id, **ACTIVITY)
    assert response.status_code == 201
    assert response.json["moderator_id"] == moderator.id
    assert count(Activity) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "party"}, "type"),
        ({"type": None}, "type"),
        ({"date": (local_today() + timedelta(days=1)).isoformat()}, "date"),
        ({"date": "01.03.2026"}, "date"),
        ({"date": "2026-02-30"}, "date"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 601}, "duration_minutes"),
        ({"people_reached": -1}, "people_reached"),
        ({"people_reached": False}, "people_reached"),
        ({"languages": ["xx"]}, "languages"),
        ({"languages": [1]}, "languages"),
        ({"notes": {"text": "x"}}, "notes"),
        ({"held_on": YESTERDAY}, "held_on"),
    ],
)
def test_invalid_activities_are_422_naming_the_field_and_save_nothing(
    client, moderator_headers, change, field
):
    response = post_activity(client, moderator_headers, **(ACTIVITY | change))
    assert_error(response, 422, "validation_error", field=field)
    assert count(Activity) == 0


@pytest.mark.parametrize(
    "missing", ["type", "date", "duration_minutes", "languages", "people_reached"]
)
def test_a_required_field_left_out_is_422_naming_it(client, moderator_headers, missing):
    body = {key: value for key, value in ACTIVITY.items() if key != missing}
    response = post_activity(client, moderator_headers, **body)
    assert_error(response, 422, "validation_error", field=missing)


def test_an_activity_may_be_in_no_particular_language(client, moderator_headers):
    response = post_activity(client, moderator_headers, **(ACTIVITY | {"languages": []}))
    assert response.status_code == 201 and response.json["languages"] == []


def test_the_owner_corrects_an_activity_until_it_is_approved(client, activity, moderator_headers):
    path = f"/api/v1/activities/{activity.id}"
    response = client.patch(
        path, json={"date": YESTERDAY, "people_reached": 5}, headers=moderator_headers
    )
    assert response.status_code == 200, response.json
    assert (response.json["date"], response.json["people_reached"]) == (YESTERDAY, 5)
    assert response.json["type"] == "counselling"
    assert_error(
        client.patch(path, json={"type": "party"}, headers=moderator_headers),
        422,
        "validation_error",
        field="type",
    )
    services.approve_activity(activity)
    assert_error(
        client.patch(path, json={"people_reached": 9}, headers=moderator_headers), 409, "conflict"
    )
    assert db.session.get(Activity, activity.id).people_reached == 5


def test_a_moderator_never_reads_or_changes_another_moderators_activity(
    client, activity, make_user, headers_for
):
    other = headers_for(make_user("moderator"))
    path = f"/api/v1/activities/{activity.id}"
    assert_error(client.get(path, headers=other), 403, "forbidden")
    assert_error(client.patch(path, json={"notes": "x"}, headers=other), 403, "forbidden")
    assert_error(client.get("/api/v1/activities/999999", headers=other), 403, "forbidden")
    assert db.session.get(Activity, activity.id).notes == ""


def test_a_school_sees_no_activities(client, activity, make_user, headers_for):
    headers = headers_for(make_user("school"))
    calls = [
        ("get", "/api/v1/activities", None),
        ("post", "/api/v1/activities", ACTIVITY),
        ("get", f"/api/v1/activities/{activity.id}", None),
        ("patch", f"/api/v1/activities/{activity.id}", {"notes": "x"}),
        ("post", f"/api/v1/activities/{activity.id}/approve", {}),
        ("post", f"/api/v1/activities/{activity.id}/return", {"comment": "x"}),
    ]
    for method, path, body in calls:
        assert_error(getattr(client, method)(path, json=body, headers=headers), 403, "forbidden")


def test_the_coordination_lists_activities_with_filters(
    client, coordinator_headers, activity, moderator_user, make_moderator
):
    other = services.log_activity(
        make_moderator(),
        type="network_event",
        held_on=local_today() - timedelta(days=20),
        duration_minutes=120,
        languages=[],
        people_reached=40,
    )
    services.approve_activity(other)

    def ids(query: str = "") -> list[int]:
        response = client.get(f"/api/v1/activities?{query}", headers=coordinator_headers)
        assert response.status_code == 200, response.json
        return [item["id"] for item in response.json["items"]]

    assert ids() == [activity.id, other.id]
    assert ids("status=approved") == [other.id]
    assert ids("type=counselling") == [activity.id]
    assert ids(f"moderator_id={moderator_user.moderator_id}") == [activity.id]
    since = (local_today() - timedelta(days=10)).isoformat()
    assert ids(f"from={since}") == [activity.id]
    assert ids(f"to={since}") == [other.id]
    assert_error(
        client.get("/api/v1/activities?type=party", headers=coordinator_headers),
        422,
        "validation_error",
        field="type",
    )


def test_a_moderator_lists_only_their_own_activities(
    client, activity, moderator_headers, make_moderator
):
    services.log_activity(
        make_moderator(),
        type="training",
        held_on=local_today(),
        duration_minutes=60,
        languages=[],
        people_reached=0,
    )
    response = client.get("/api/v1/activities", headers=moderator_headers)
    assert [item["id"] for item in response.json["items"]] == [activity.id]
    others = client.get(
        f"/api/v1/activities?moderator_id={make_moderator().id}", headers=moderator_headers
    )
    assert_error(others, 403, "forbidden")


def test_listing_activities_takes_the_same_queries_however_many_there_are(
    client, coordinator_headers, make_moderator
):
    def add(n: int) -> None:
        for _ in range(n):
            services.log_activity(
                make_moderator(),
                type="supervision",
                held_on=local_today(),
                duration_minutes=90,
                languages=[language("tr"), language("fa")],
                people_reached=0,
            )

    def listed() -> int:
        with count_queries() as statements:
            assert client.get("/api/v1/activities", headers=coordinator_headers).status_code == 200
        return len(statements)

    add(2)
    few = listed()
    add(10)
    assert listed() == few


def test_the_coordination_approves_and_returns_activities(
    client, activity, coordinator_headers, moderator_headers
):
    path = f"/api/v1/activities/{activity.id}"
    assert_error(client.post(f"{path}/approve", headers=moderator_headers), 403, "forbidden")
    assert_error(
        client.post(f"{path}/return", json={}, headers=coordinator_headers),
        422,
        "validation_error",
        field="comment",
    )
    returned = client.post(
        f"{path}/return", json={"comment": "Bitte Datum prüfen"}, headers=coordinator_headers
    )
    assert (returned.status_code, returned.json["status"]) == (200, "returned")
    assert_error(client.post(f"{path}/approve", headers=coordinator_headers), 409, "conflict")
    corrected = client.patch(path, json={"people_reached": 4}, headers=moderator_headers)
    assert corrected.json["status"] == "submitted"
    approved = client.post(f"{path}/approve", headers=coordinator_headers)
    assert approved.status_code == 200
    assert approved.json["status"] == "approved"
    assert approved.json["allowance_cents"] == 1500 + 1200  # counselling, one hour
    missing = client.post("/api/v1/activities/999999/approve", headers=coordinator_headers)
    assert_error(missing, 404, "not_found")
