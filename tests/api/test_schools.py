"""Schools through the API: coordinators keep them, a school user reads its own."""

import pytest

from moderators.common.audit import AuditLog
from tests.api.conftest import assert_error

NEW_SCHOOL = {
    "name": "Grundschule Am Park",
    "type": "grundschule",
    "district": "Wandsbek",
    "address": "Parkweg 1, 22041 Hamburg",
    "contact_name": "Herr Beispiel",
    "contact_email": "schulbuero@am-park.example.org",
    "contact_phone": "040 428",
}


def test_a_school_is_shown_in_the_agreed_format(client, coordinator_headers, make_school):
    school = make_school(name="Stadtteilschule Altona", contact_phone="040 1")
    response = client.get(f"/api/v1/schools/{school.id}", headers=coordinator_headers)
    assert response.status_code == 200
    assert response.get_json() == {
        "id": school.id,
        "name": "Stadtteilschule Altona",
        "type": "stadtteilschule",
        "district": "Altona",
        "address": school.address,
        "contact_name": "Frau Beispiel",
        "contact_email": school.contact_email,
        "contact_phone": "040 1",
        "active": True,
    }


def test_the_list_filters_and_pages(client, coordinator_headers, make_school):
    make_school(name="Kita Sonnenschein", type="kita", district_name="Harburg")
    make_school(name="Gymnasium Blankenese", type="gymnasium")
    make_school(name="Stadtteilschule Wilhelmsburg", district_name="Hamburg-Mitte")

    def names(query: str) -> list[str]:
        response = client.get(f"/api/v1/schools?{query}", headers=coordinator_headers)
        assert response.status_code == 200
        return [item["name"] for item in response.get_json()["items"]]

    assert names("") == [
        "Gymnasium Blankenese",
        "Kita Sonnenschein",
        "Stadtteilschule Wilhelmsburg",
    ]
    assert names("type=kita") == ["Kita Sonnenschein"]
    assert names("district=Altona") == ["Gymnasium Blankenese"]
    assert names("q=WILHELM") == ["Stadtteilschule Wilhelmsburg"]
    body = client.get("/api/v1/schools?per_page=2&page=2", headers=coordinator_headers).json
    assert (body["total"], body["page"], body["per_page"], len(body["items"])) == (3, 2, 2, 1)


@pytest.mark.parametrize(("query", "field"), [("type=uni", "type"), ("district=Kiel", "district")])
def test_unknown_filter_values_are_422(client, coordinator_headers, query, field):
    response = client.get(f"/api/v1/schools?{query}", headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field=field)


def test_a_coordinator_adds_a_school(client, db, make_user, headers_for):
    coordinator = make_user("coordinator")
    response = client.post("/api/v1/schools", json=NEW_SCHOOL, headers=headers_for(coordinator))
    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/schools/{body['id']}")
    assert body == {**NEW_SCHOOL, "id": body["id"], "active": True}
    entry = db.session.scalar(db.select(AuditLog).filter_by(action="school.create"))
    assert (entry.actor_id, entry.object_id) == (coordinator.id, body["id"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "universitaet"}, "type"),
        ({"type": ["kita"]}, "type"),
        ({"district": "Lübeck"}, "district"),
        ({"district": None}, "district"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"contact_email": "nobody"}, "contact_email"),
        ({"active": "yes"}, "active"),
        ({"principal": "Frau Doktor"}, "principal"),
    ],
)
def test_bad_input_is_422_naming_the_field(client, coordinator_headers, change, field):
    response = client.post(
        "/api/v1/schools", json={**NEW_SCHOOL, **change}, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field=field)


@pytest.mark.parametrize("missing", ["name", "type", "district"])
def test_a_new_school_needs_name_type_and_district(client, coordinator_headers, missing):
    body = {k: v for k, v in NEW_SCHOOL.items() if k != missing}
    response = client.post("/api/v1/schools", json=body, headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field=missing)


def test_patch_changes_only_the_given_fields(client, db, make_user, make_school, headers_for):
    coordinator = make_user("coordinator")
    school = make_school()
    path = f"/api/v1/schools/{school.id}"
    before = client.get(path, headers=headers_for(coordinator)).json
    response = client.patch(
        path, json={"district": "Bergedorf", "active": False}, headers=headers_for(coordinator)
    )
    assert response.status_code == 200
    assert response.get_json() == {**before, "district": "Bergedorf", "active": False}
    entry = db.session.scalar(db.select(AuditLog).filter_by(action="school.update"))
    assert (entry.actor_id, entry.object_id) == (coordinator.id, school.id)


def test_a_school_user_reads_only_its_own_school(client, make_user, make_school, headers_for):
    user = make_user("school")
    headers = headers_for(user)
    assert client.get(f"/api/v1/schools/{user.school_id}", headers=headers).json["id"] == (
        user.school_id
    )
    other = make_school()
    assert_error(client.get(f"/api/v1/schools/{other.id}", headers=headers), 403, "forbidden")
    assert_error(client.get("/api/v1/schools/999999", headers=headers), 403, "forbidden")


def test_a_school_user_may_not_change_or_add_schools(client, make_user, headers_for):
    user = make_user("school")
    headers = headers_for(user)
    path = f"/api/v1/schools/{user.school_id}"
    assert_error(client.patch(path, json={"name": "Neu"}, headers=headers), 403, "forbidden")
    response = client.post("/api/v1/schools", json=NEW_SCHOOL, headers=headers)
    assert_error(response, 403, "forbidden")


def test_a_moderator_may_not_see_schools(client, make_user, make_school, headers_for):
    school = make_school()
    headers = headers_for(make_user("moderator"))
    assert_error(client.get(f"/api/v1/schools/{school.id}", headers=headers), 403, "forbidden")
