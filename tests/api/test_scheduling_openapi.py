"""The OpenAPI document describes the scheduling endpoints as they answer, field by field."""

import re

import pytest
from openapi_schema_validator import OAS31Validator, validate

from moderators.scheduling import services
from tests.api.scheduling_helpers import first_topic, utc
from tests.conftest import next_weekday_at


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").get_json()


def documented(document, method: str, path: str, response) -> dict:
    """Check the response against the schema documented for its path, method and status."""
    for template, item in document["paths"].items():
        pattern = re.sub(r"{\w+}", r"[0-9]+", template)
        if re.fullmatch(pattern, path.split("?")[0]) and method in item:
            responses = item[method]["responses"]
            status = str(response.status_code)
            assert status in responses, f"{method} {path}: {status} not documented"
            schema = responses[status]["content"]["application/json"]["schema"]
            root = {**schema, "components": document["components"]}
            validate(response.get_json(), root, cls=OAS31Validator)
            return response.get_json()
    raise AssertionError(f"{method} {path} not documented")


def test_every_scheduling_answer_matches_its_documented_schema(
    client,
    document,
    make_user,
    headers_for,
    make_school,
    make_moderator,
):
    coordinator = headers_for(make_user("coordinator"))
    school_user = make_user("school")
    school = headers_for(school_user)
    moderator_user = make_user("moderator")
    moderator = headers_for(moderator_user)
    other = make_moderator()
    start = next_weekday_at(0, 17)

    def call(method, path, headers, body=None):
        response = client.open(path, method=method.upper(), json=body, headers=headers)
        return documented(document, method, path, response)

    topic_id = first_topic().id
    request_body = {
        "language": "tr",
        "topic_id": topic_id,
        "preferred_starts": [start.isoformat()],
        "duration_minutes": 90,
        "expected_parents": 10,
        "venue": {"name": "Bücherhalle", "district": "Altona"},
    }
    request = call("post", "/api/v1/requests", school, request_body)
    call("post", "/api/v1/requests", school, {**request_body, "language": "xx"})
    call("get", "/api/v1/requests?status=open", coordinator)
    call("get", f"/api/v1/requests/{request['id']}", school)
    call("get", f"/api/v1/requests/{request['id']}/candidates", coordinator)
    path = f"/api/v1/requests/{request['id']}/schedule"
    offer = {"starts_at": utc(start), "moderator_ids": [moderator_user.moderator_id]}
    session = call("post", path, coordinator, {**offer, "mode": "offer"})
    call("post", path, coordinator, {**offer, "mode": "offer"})  # 409: not open any more
    call("post", f"/api/v1/requests/{request['id']}/cancel", school)  # 409 as well
    cancelled = call("post", "/api/v1/requests", school, request_body)
    call("post", f"/api/v1/requests/{cancelled['id']}/cancel", school, {"reason": "doch nicht"})

    call("get", f"/api/v1/sessions?from={start.date().isoformat()}", coordinator)
    call("get", f"/api/v1/sessions/{session['id']}", coordinator)
    call("patch", f"/api/v1/sessions/{session['id']}", coordinator, {"public": True})
    added = call(
        "post",
        f"/api/v1/sessions/{session['id']}/assignments",
        coordinator,
        {"moderator_id": other.id, "mode": "offer"},
    )
    (own,) = [a for a in session["assignments"] if a["moderator_id"] != other.id]
    call("post", f"/api/v1/assignments/{own['id']}/accept", moderator)
    call("post", f"/api/v1/assignments/{own['id']}/decline", moderator)  # 410
    call("post", f"/api/v1/assignments/{added['id']}/accept", moderator)  # 403
    planned = call(
        "post",
        "/api/v1/sessions",
        coordinator,
        {
            "language": "tr",
            "topic_id": topic_id,
            "starts_at": utc(start),
            "duration_minutes": 60,
            "school_id": school_user.school_id,
        },
    )
    call(
        "post",
        f"/api/v1/sessions/{planned['id']}/assignments",
        coordinator,
        {"moderator_id": moderator_user.moderator_id, "mode": "assign"},
    )  # 409: booked at that time already
    call("post", f"/api/v1/sessions/{planned['id']}/cancel", coordinator, {"reason": "Ausfall"})


def test_the_documented_fields_are_the_fields_sent(
    client, document, coordinator_headers, make_request, make_moderator
):
    schemas = document["components"]["schemas"]
    request = make_request()
    make_moderator()
    session = services.schedule_request(
        request, request.slots[0].starts_at, [make_moderator().id], "offer"
    )
    sent = {
        "Request": client.get(f"/api/v1/requests/{request.id}", headers=coordinator_headers),
        "Session": client.get(f"/api/v1/sessions/{session.id}", headers=coordinator_headers),
    }
    bodies = {name: response.get_json() for name, response in sent.items()}
    bodies["Assignment"] = bodies["Session"]["assignments"][0]
    for name, body in bodies.items():
        assert set(body) == set(schemas[name]["properties"]), name
        assert set(schemas[name]["required"]) == set(body), name
    candidates = client.get(
        f"/api/v1/requests/{request.id}/candidates", headers=coordinator_headers
    ).get_json()["slots"][0]
    assert set(candidates) == set(schemas["SlotMatch"]["properties"])
    item = schemas["SlotMatch"]["properties"]["candidates"]["items"]
    assert set(candidates["candidates"][0]) == set(item["properties"])
