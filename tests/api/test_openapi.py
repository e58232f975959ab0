"""The OpenAPI document describes exactly the routes the app serves."""

import re

import openapi_spec_validator
import pytest

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def served_operations(app) -> set[tuple[str, str]]:
    """(path in {id} style, method) of every /api/v1 rule."""
    operations = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = re.sub(r"<(?:[^<>]*:)?(\w+)>", r"{\1}", rule.rule)
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                operations.add((path, method.lower()))
    return operations


def documented_operations(document) -> set[tuple[str, str]]:
    return {
        (path, method)
        for path, item in document["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }


def test_the_document_is_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] and document["info"]["version"]


def test_every_route_is_documented_and_nothing_else(app, document):
    assert documented_operations(document) == served_operations(app)
    assert "/api/v1/moderators/{moderator_id}" in document["paths"]


def test_every_reference_resolves(document):
    text = str(document)
    for name in re.findall(r"#/components/schemas/(\w+)", text):
        assert name in document["components"]["schemas"], name


def test_tokens_are_declared_and_only_the_document_itself_is_public(document):
    scheme = document["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert document["security"] == [{"bearerAuth": []}]
    for path, method in documented_operations(document):
        operation = document["paths"][path][method]
        if path == "/api/v1/openapi.json":
            assert operation["security"] == []
        else:
            assert "security" not in operation
            assert operation["responses"]["401"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }


def test_path_parameters_are_declared(document):
    for path, item in document["paths"].items():
        names = set(re.findall(r"{(\w+)}", path))
        declared = {p["name"] for p in item.get("parameters", []) if p["in"] == "path"}
        assert names == declared, path


def test_the_error_schema_matches_the_errors_the_api_sends(client, document):
    error = document["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    assert error["properties"]["error"]["required"] == ["code", "message"]
    body = client.get("/api/v1/moderators").get_json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])


def test_the_documented_fields_are_the_fields_the_api_sends(
    client, document, coordinator_headers, make_moderator, make_school
):
    schemas = document["components"]["schemas"]
    moderator = make_moderator()
    school = make_school()
    sent = {
        "Moderator": client.get(f"/api/v1/moderators/{moderator.id}", headers=coordinator_headers),
        "School": client.get(f"/api/v1/schools/{school.id}", headers=coordinator_headers),
        "Language": client.get("/api/v1/languages", headers=coordinator_headers),
        "Topic": client.get("/api/v1/topics", headers=coordinator_headers),
    }
    for name, response in sent.items():
        body = response.get_json()
        item = body[0] if isinstance(body, list) else body
        assert set(item) == set(schemas[name]["properties"]), name
        assert set(schemas[name]["required"]) <= set(item), name


def test_the_document_passes_the_openapi_validator(document):
    openapi_spec_validator.validate(document)
