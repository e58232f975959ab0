"""Building blocks of the OpenAPI document's paths: responses, parameters and bodies."""

from typing import Any

from moderators.api.openapi_schemas import ref
from moderators.api.params import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE

PREFIX = "/api/v1"


def json_content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def error(description: str) -> dict[str, Any]:
    return {"description": description, "content": json_content(ref("Error"))}


ERRORS = {
    "400": error("Malformed JSON or a body that is not a JSON object (code bad_request)."),
    "401": error("Missing or invalid bearer token (code unauthorized)."),
    "403": error("The token's role may not do this (code forbidden)."),
}
NOT_FOUND = {"404": error("No such object (code not_found).")}
INVALID = {"422": error("Invalid input; `field` names it (code validation_error).")}
CONFLICT = {"409": error("The cohort is closed, or the change clashes with it (code conflict).")}


def query(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def id_parameter(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 0, "maximum": 2147483647},
    }


PAGING = [
    query("page", "Page number.", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}),
    query(
        "per_page",
        f"Items per page; more than {MAX_PER_PAGE} is refused with 422.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
    ),
]


def page_of(name: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["items", "total", "page", "per_page"],
        "properties": {
            "items": {"type": "array", "items": ref(name)},
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
        },
    }


def ok(description: str, schema: dict[str, Any], **headers: str) -> dict[str, Any]:
    response = {"description": description, "content": json_content(schema)}
    if headers:
        response["headers"] = {
            name: {"description": text, "schema": {"type": "string"}}
            for name, text in headers.items()
        }
    return response


def body(name: str) -> dict[str, Any]:
    return {"required": True, "content": json_content(ref(name))}


def required(name: str, *fields: str) -> dict[str, Any]:
    return {"allOf": [ref(name), {"required": list(fields)}]}


def body_required(name: str, *fields: str) -> dict[str, Any]:
    return {"required": True, "content": json_content(required(name, *fields))}
