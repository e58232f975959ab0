"""Who may call which endpoint: tokens, roles, own records; and errors that are always JSON."""

import pytest

from moderators.auth.access import PUBLIC
from tests.api.conftest import assert_error


def test_every_api_route_declares_who_may_use_it(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            view = app.view_functions[rule.endpoint]
            assert isinstance(getattr(view, "access", None), frozenset), rule.rule


@pytest.mark.parametrize("path", ["/api/v1/languages", "/api/v1/moderators", "/api/v1/schools"])
def test_a_request_without_token_gets_401_json(client, path):
    response = client.get(path)
    assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_a_wrong_token_gets_401(client, make_user, headers_for):
    headers_for(make_user("coordinator"))
    response = client.get("/api/v1/moderators", headers={"Authorization": "Bearer not-a-token"})
    assert_error(response, 401, "unauthorized")


def test_a_token_in_another_scheme_gets_401(client, make_user, headers_for):
    token = headers_for(make_user("coordinator"))["Authorization"].removeprefix("Bearer ")
    response = client.get("/api/v1/moderators", headers={"Authorization": f"Basic {token}"})
    assert_error(response, 401, "unauthorized")


def test_a_deactivated_users_token_stops_working(client, db, make_user, headers_for):
    user = make_user("coordinator")
    headers = headers_for(user)
    assert client.get("/api/v1/moderators", headers=headers).status_code == 200
    user.active = False
    db.session.commit()
    assert_error(client.get("/api/v1/moderators", headers=headers), 401, "unauthorized")


def test_a_new_token_replaces_the_old_one(client, make_user, headers_for):
    user = make_user("coordinator")
    old = headers_for(user)
    new = headers_for(user)
    assert_error(client.get("/api/v1/moderators", headers=old), 401, "unauthorized")
    assert client.get("/api/v1/moderators", headers=new).status_code == 200


def test_the_openapi_document_needs_no_token(app, client):
    assert app.view_functions["api.openapi"].access == PUBLIC
    assert client.get("/api/v1/openapi.json").status_code == 200


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", {"languages": 200, "topics": 200, "moderators": 200, "schools": 200}),
        ("moderator", {"languages": 200, "topics": 200, "moderators": 403, "schools": 403}),
        ("school", {"languages": 200, "topics": 200, "moderators": 403, "schools": 403}),
    ],
)
def test_each_role_reaches_the_lists_it_may_see(client, make_user, headers_for, role, expected):
    headers = headers_for(make_user(role))
    for name, status in expected.items():
        response = client.get(f"/api/v1/{name}", headers=headers)
        assert response.status_code == status, name
        if status == 403:
            assert_error(response, 403, "forbidden")


def test_a_school_user_may_not_touch_moderators(client, make_user, make_moderator, headers_for):
    moderator = make_moderator()
    headers = headers_for(make_user("school"))
    path = f"/api/v1/moderators/{moderator.id}"
    assert_error(client.get(path, headers=headers), 403, "forbidden")
    assert_error(client.patch(path, json={"phone": "1"}, headers=headers), 403, "forbidden")
    assert_error(
        client.post(
            "/api/v1/moderators", json={"first_name": "A", "last_name": "B"}, headers=headers
        ),
        403,
        "forbidden",
    )


def test_malformed_json_is_a_400_json_error(client, coordinator_headers):
    response = client.post(
        "/api/v1/moderators",
        data='{"first_name": "Ayşe",',
        content_type="application/json",
        headers=coordinator_headers,
    )
    assert_error(response, 400, "bad_request")


@pytest.mark.parametrize("data", ['["a list"]', "null", '"text"', "42"])
def test_a_body_that_is_not_an_object_is_a_400(client, coordinator_headers, data):
    response = client.post(
        "/api/v1/schools", data=data, content_type="application/json", headers=coordinator_headers
    )
    assert_error(response, 400, "bad_request")


def test_a_form_body_instead_of_json_is_a_400(client, coordinator_headers):
    response = client.post(
        "/api/v1/moderators", data={"first_name": "A"}, headers=coordinator_headers
    )
    assert_error(response, 400, "bad_request")


def test_unknown_paths_and_methods_answer_in_json(client, coordinator_headers):
    assert_error(client.get("/api/v1/nothing-here", headers=coordinator_headers), 404, "not_found")
    response = client.delete("/api/v1/moderators", headers=coordinator_headers)
    assert_error(response, 405, "method_not_allowed")


@pytest.mark.parametrize("path", ["/api/v1/moderators/{}", "/api/v1/schools/{}"])
def test_ids_that_do_not_exist_are_404(client, coordinator_headers, path):
    for id in (999_999, 10**30):
        assert_error(client.get(path.format(id), headers=coordinator_headers), 404, "not_found")
    assert_error(client.get(path.format("abc"), headers=coordinator_headers), 404, "not_found")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=1.5", "page"),
        ("page=99999999999999999999", "page"),
        ("per_page=101", "per_page"),
        ("per_page=x", "per_page"),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/moderators", "/api/v1/schools"])
def test_bad_paging_arguments_are_422_naming_them(client, coordinator_headers, path, query, field):
    response = client.get(f"{path}?{query}", headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field=field)


def test_api_responses_with_personal_data_are_not_cached(client, coordinator_headers):
    response = client.get("/api/v1/moderators", headers=coordinator_headers)
    assert response.headers["Cache-Control"] == "no-store"
