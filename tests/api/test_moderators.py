"""The pool of moderators through the API: lists, records, changes, and who may see what."""

from datetime import date, time

import pytest

from moderators.common.audit import AuditLog
from moderators.common.results import kept_results
from moderators.roster.models import Absence, Moderator
from tests.api.conftest import assert_error
from tests.conftest import count_queries

NEW_MODERATOR = {
    "first_name": "Ayşe",
    "last_name": "Yılmaz",
    "email": "ayse@example.org",
    "phone": "040 123",
    "languages": [{"code": "tr", "level": "native"}, {"code": "ku", "level": "fluent"}],
    "districts": ["Altona", "Eimsbüttel"],
    "availability": [{"weekday": 0, "from": "16:00", "to": "19:30"}],
    "absences": [{"from": "2030-07-01", "to": "2030-07-21"}],
}


def test_a_moderator_is_shown_in_the_agreed_format(client, db, coordinator_headers, make_moderator):
    moderator = make_moderator(
        first_name="Ayşe",
        last_name="Yılmaz",
        phone="040 123",
        languages=(("tr", "native"), ("ar", "fluent")),
        districts=("Altona", "Harburg"),
        availability=((2, time(9, 30), time(12)),),
    )
    moderator.absences = [Absence(starts_on=date(2030, 7, 1), ends_on=date(2030, 7, 21))]
    db.session.commit()
    response = client.get(f"/api/v1/moderators/{moderator.id}", headers=coordinator_headers)
    assert response.status_code == 200
    assert response.get_json() == {
        "id": moderator.id,
        "first_name": "Ayşe",
        "last_name": "Yılmaz",
        "email": moderator.email,
        "phone": "040 123",
        "status": "active",
        "languages": [{"code": "ar", "level": "fluent"}, {"code": "tr", "level": "native"}],
        "districts": ["Altona", "Harburg"],
        "availability": [{"weekday": 2, "from": "09:30", "to": "12:00"}],
        "absences": [{"from": "2030-07-01", "to": "2030-07-21"}],
    }


def test_the_list_comes_in_pages_with_the_total(client, coordinator_headers, make_moderator):
    for n in range(30):
        make_moderator(last_name=f"Name{n:02}")
    response = client.get("/api/v1/moderators", headers=coordinator_headers)
    body = response.get_json()
    assert (body["total"], body["page"], body["per_page"], len(body["items"])) == (30, 1, 25, 25)
    assert body["items"][0]["last_name"] == "Name00"
    body = client.get("/api/v1/moderators?page=2&per_page=20", headers=coordinator_headers).json
    assert (body["total"], body["page"], body["per_page"], len(body["items"])) == (30, 2, 20, 10)
    body = client.get("/api/v1/moderators?page=9", headers=coordinator_headers).json
    assert body["items"] == [] and body["total"] == 30


def test_the_list_filters_by_language_district_status_and_search(
    client, coordinator_headers, make_moderator
):
    make_moderator(first_name="Ayşe", last_name="Yılmaz", languages=(("tr", "native"),))
    make_moderator(first_name="Rana", last_name="Haddad", languages=(("ar", "native"),))
    make_moderator(first_name="Omid", last_name="Rahimi", districts=("Harburg",), status="paused")

    def names(query: str) -> list[str]:
        response = client.get(f"/api/v1/moderators?{query}", headers=coordinator_headers)
        assert response.status_code == 200
        return [item["last_name"] for item in response.get_json()["items"]]

    assert names("language=ar") == ["Haddad"]
    assert names("district=Harburg") == ["Rahimi"]
    assert names("status=paused") == ["Rahimi"]
    assert names("q=ayşe") == ["Yılmaz"]
    assert names("language=tr&status=active") == ["Yılmaz"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=sleeping", "status"),
        ("language=xx", "language"),
        ("district=Berlin", "district"),
        ("q=%00", "q"),
    ],
)
def test_unknown_filter_values_are_422(client, coordinator_headers, query, field):
    response = client.get(f"/api/v1/moderators?{query}", headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field=field)


def test_the_list_takes_the_same_queries_for_5_and_30_moderators(
    client, db, coordinator_headers, make_moderator
):
    for _ in range(5):
        make_moderator(languages=(("tr", "native"), ("ar", "fluent")), districts=("Altona",))
    with count_queries() as few:
        assert len(client.get("/api/v1/moderators", headers=coordinator_headers).json["items"]) == 5
    for _ in range(25):
        make_moderator(languages=(("tr", "native"), ("ar", "fluent")), districts=("Altona",))
    kept_results().clear()  # the factories write no audit rows: the data's version holds
    with count_queries() as many:
        assert (
            len(client.get("/api/v1/moderators", headers=coordinator_headers).json["items"]) == 25
        )
    assert len(many) == len(few)


def test_a_list_asked_again_is_not_read_again_until_the_data_changes(client, coordinator_headers):
    assert (
        client.post(
            "/api/v1/moderators", json=NEW_MODERATOR, headers=coordinator_headers
        ).status_code
        == 201
    )
    first = client.get("/api/v1/moderators?language=tr", headers=coordinator_headers).json
    with count_queries() as statements:
        again = client.get("/api/v1/moderators?language=tr", headers=coordinator_headers).json
    assert again == first
    # the token's user, the language's check, the data's version: no pool read again
    assert len(statements) == 3
    assert not any("moderator_language" in statement for statement in statements)
    second = NEW_MODERATOR | {"email": "omid@example.org", "last_name": "Rahimi"}
    assert (
        client.post("/api/v1/moderators", json=second, headers=coordinator_headers).status_code
        == 201
    )
    after = client.get("/api/v1/moderators?language=tr", headers=coordinator_headers).json
    assert after["total"] == 2 and [i["last_name"] for i in after["items"]] == ["Rahimi", "Yılmaz"]


def test_a_coordinator_adds_a_moderator(client, db, make_user, headers_for):
    coordinator = make_user("coordinator")
    response = client.post(
        "/api/v1/moderators", json=NEW_MODERATOR, headers=headers_for(coordinator)
    )
    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/moderators/{body['id']}")
    assert body["status"] == "trainee"
    assert body["languages"] == [
        {"code": "ku", "level": "fluent"},
        {"code": "tr", "level": "native"},
    ]
    assert {k: body[k] for k in NEW_MODERATOR if k != "languages"} == {
        k: v for k, v in NEW_MODERATOR.items() if k != "languages"
    }
    entry = db.session.scalar(db.select(AuditLog).filter_by(action="moderator.create"))
    assert entry.actor_id == coordinator.id
    assert entry.object_id == body["id"]
    assert client.get(response.headers["Location"], headers=headers_for(coordinator)).json == body


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"first_name": ""}, "first_name"),
        ({"first_name": None}, "first_name"),
        ({"last_name": 42}, "last_name"),
        ({"last_name": "Nul\x00l"}, "last_name"),
        ({"email": "not-an-address"}, "email"),
        ({"phone": "1" * 61}, "phone"),
        ({"status": "sleeping"}, "status"),
        ({"languages": [{"code": "xx", "level": "native"}]}, "languages"),
        ({"languages": [{"code": "tr", "level": "a bit"}]}, "languages"),
        (
            {"languages": [{"code": "tr", "level": "native"}, {"code": "tr", "level": "fluent"}]},
            "languages",
        ),
        ({"languages": "tr"}, "languages"),
        ({"languages": {"tr": "native"}}, "languages"),
        ({"languages": [{"code": ["tr"], "level": "native"}]}, "languages"),
        ({"districts": ["Altona", "Berlin-Mitte"]}, "districts"),
        ({"districts": "Altona"}, "districts"),
        ({"districts": [1, 2]}, "districts"),
        ({"availability": [{"weekday": 7, "from": "10:00", "to": "11:00"}]}, "availability"),
        ({"availability": [{"weekday": "Mo", "from": "10:00", "to": "11:00"}]}, "availability"),
        ({"availability": [{"weekday": True, "from": "10:00", "to": "11:00"}]}, "availability"),
        ({"availability": [{"weekday": 1, "from": "25:00", "to": "26:00"}]}, "availability"),
        ({"availability": [{"weekday": 1, "from": "12:00", "to": "10:00"}]}, "availability"),
        ({"availability": [{"weekday": 1, "from": "10:00"}]}, "availability"),
        (
            {
                "availability": [
                    {"weekday": 1, "from": "10:00", "to": "12:00"},
                    {"weekday": 1, "from": "11:00", "to": "13:00"},
                ]
            },
            "availability",
        ),
        ({"availability": "Mondays"}, "availability"),
        ({"absences": [{"from": "2030-02-30", "to": "2030-03-01"}]}, "absences"),
        ({"absences": [{"from": "1.7.2030", "to": "2030-07-02"}]}, "absences"),
        ({"absences": [{"from": "2030-07-02", "to": "2030-07-01"}]}, "absences"),
        ({"absences": [["2030-07-01", "2030-07-02"]]}, "absences"),
        ({"shoe_size": 42}, "shoe_size"),
    ],
)
def test_bad_input_is_422_naming_the_field(client, coordinator_headers, change, field):
    response = client.post(
        "/api/v1/moderators", json={**NEW_MODERATOR, **change}, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field=field)


def test_a_rejected_post_adds_nobody(client, db, coordinator_headers):
    body = {**NEW_MODERATOR, "districts": ["Atlantis"]}
    client.post("/api/v1/moderators", json=body, headers=coordinator_headers)
    assert db.session.scalar(db.select(db.func.count()).select_from(Moderator)) == 0


def test_patch_changes_only_the_given_fields(client, db, make_user, make_moderator, headers_for):
    coordinator = make_user("coordinator")
    moderator = make_moderator(first_name="Rana", phone="040 1", districts=("Altona", "Harburg"))
    before = client.get(f"/api/v1/moderators/{moderator.id}", headers=headers_for(coordinator)).json
    response = client.patch(
        f"/api/v1/moderators/{moderator.id}",
        json={"phone": "040 2", "status": "paused"},
        headers=headers_for(coordinator),
    )
    assert response.status_code == 200
    assert response.get_json() == {**before, "phone": "040 2", "status": "paused"}
    entry = db.session.scalar(db.select(AuditLog).filter_by(action="moderator.update"))
    assert (entry.actor_id, entry.object_id) == (coordinator.id, moderator.id)
    assert sorted(entry.details["fields"]) == ["phone", "status"]


def test_patch_replaces_lists_that_are_given(client, coordinator_headers, make_moderator):
    moderator = make_moderator(languages=(("tr", "native"),))
    response = client.patch(
        f"/api/v1/moderators/{moderator.id}",
        json={"languages": [{"code": "fa-AF", "level": "fluent"}], "absences": [], "id": 1},
        headers=coordinator_headers,
    )
    assert response.status_code == 200
    assert response.get_json()["languages"] == [{"code": "fa-AF", "level": "fluent"}]
    assert response.get_json()["districts"] == ["Altona"]


def test_a_rejected_patch_changes_nothing(client, coordinator_headers, make_moderator):
    moderator = make_moderator(phone="040 1")
    path = f"/api/v1/moderators/{moderator.id}"
    response = client.patch(
        path, json={"phone": "040 2", "districts": ["Atlantis"]}, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field="districts")
    assert client.get(path, headers=coordinator_headers).json["phone"] == "040 1"


def test_a_moderator_reads_and_changes_their_own_record(client, db, make_user, headers_for):
    user = make_user("moderator")
    headers = headers_for(user)
    path = f"/api/v1/moderators/{user.moderator_id}"
    assert client.get(path, headers=headers).json["id"] == user.moderator_id
    change = {"phone": "0176 555", "availability": [{"weekday": 4, "from": "17:00", "to": "20:00"}]}
    response = client.patch(path, json=change, headers=headers)
    assert response.status_code == 200
    assert response.get_json()["phone"] == "0176 555"
    assert response.get_json()["availability"] == change["availability"]
    entry = db.session.scalar(db.select(AuditLog).filter_by(action="moderator.update"))
    assert entry.actor_id == user.id


def test_a_moderator_may_not_change_their_status(client, make_user, headers_for):
    user = make_user("moderator")
    path = f"/api/v1/moderators/{user.moderator_id}"
    response = client.patch(
        path, json={"status": "active", "phone": "1"}, headers=headers_for(user)
    )
    assert_error(response, 403, "forbidden")
    assert client.get(path, headers=headers_for(user)).json["phone"] != "1"


def test_a_moderator_gets_403_for_anyone_elses_record(
    client, make_user, make_moderator, headers_for
):
    headers = headers_for(make_user("moderator"))
    other = make_moderator()
    for path in (f"/api/v1/moderators/{other.id}", "/api/v1/moderators/999999"):
        assert_error(client.get(path, headers=headers), 403, "forbidden")
        assert_error(client.patch(path, json={"phone": "1"}, headers=headers), 403, "forbidden")


def test_a_moderator_may_not_add_moderators(client, make_user, headers_for):
    response = client.post(
        "/api/v1/moderators", json=NEW_MODERATOR, headers=headers_for(make_user("moderator"))
    )
    assert_error(response, 403, "forbidden")
