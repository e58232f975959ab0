"""The OpenAPI 3.1 document of /api/v1, written out by hand as a Python dict."""

from typing import Any

from moderators.api.openapi_schemas import SCHEMAS, ref
from moderators.api.params import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE
from moderators.roster.models import STATUSES
from moderators.schools.models import SCHOOL_TYPES

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


LANG_PARAMETER = query(
    "lang",
    "Locale of the names (BCP 47, e.g. en, tr). Default: Accept-Language, then German.",
)
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


def _paths() -> dict[str, Any]:
    moderator_filters = [
        query("language", "Language code; unknown gives 422."),
        query("district", "District (German name); unknown gives 422."),
        query("status", "Moderator status; unknown gives 422.", {"enum": list(STATUSES)}),
    ]
    school_filters = [
        query("district", "District (German name); unknown gives 422."),
        query("type", "School type; unknown gives 422.", {"enum": list(SCHOOL_TYPES)}),
    ]
    return {
        f"{PREFIX}/openapi.json": {
            "get": {
                "summary": "This document",
                "security": [],
                "responses": {"200": ok("OpenAPI 3.1 document", {"type": "object"})},
            }
        },
        f"{PREFIX}/languages": {
            "get": {
                "summary": "Heritage languages with the number of active moderators (any role)",
                "parameters": [LANG_PARAMETER],
                "responses": {
                    "200": ok("Languages", {"type": "array", "items": ref("Language")}),
                    **ERRORS,
                    **INVALID,
                },
            }
        },
        f"{PREFIX}/topics": {
            "get": {
                "summary": "Active topics of information sessions (any role)",
                "parameters": [LANG_PARAMETER],
                "responses": {
                    "200": ok("Topics", {"type": "array", "items": ref("Topic")}),
                    **ERRORS,
                    **INVALID,
                },
            }
        },
        f"{PREFIX}/moderators": {
            "get": {
                "summary": "The pool of moderators (coordinator)",
                "parameters": [
                    *moderator_filters,
                    query("q", "Search in the name and e-mail address."),
                    *PAGING,
                ],
                "responses": {"200": ok("A page", page_of("Moderator")), **ERRORS, **INVALID},
            },
            "post": {
                "summary": "Add a moderator (coordinator)",
                "requestBody": body_required("ModeratorInput", "first_name", "last_name"),
                "responses": {
                    "201": ok("Created", ref("Moderator"), Location="URL of the new moderator"),
                    **ERRORS,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/moderators/{{moderator_id}}": {
            "parameters": [id_parameter("moderator_id")],
            "get": {
                "summary": "One moderator (coordinator; a moderator their own record)",
                "responses": {"200": ok("The moderator", ref("Moderator")), **ERRORS, **NOT_FOUND},
            },
            "patch": {
                "summary": "Change given fields (coordinator; a moderator their own, not status)",
                "requestBody": body("ModeratorInput"),
                "responses": {
                    "200": ok("The changed moderator", ref("Moderator")),
                    **ERRORS,
                    **NOT_FOUND,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/schools": {
            "get": {
                "summary": "Schools, Kitas and community centres (coordinator)",
                "description": "Deactivated schools are listed too, with active false.",
                "parameters": [*school_filters, query("q", "Search in the name."), *PAGING],
                "responses": {"200": ok("A page", page_of("School")), **ERRORS, **INVALID},
            },
            "post": {
                "summary": "Add a school (coordinator)",
                "requestBody": body_required("SchoolInput", "name", "type", "district"),
                "responses": {
                    "201": ok("Created", ref("School"), Location="URL of the new school"),
                    **ERRORS,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/schools/{{school_id}}": {
            "parameters": [id_parameter("school_id")],
            "get": {
                "summary": "One school (coordinator; a school user their own school)",
                "responses": {"200": ok("The school", ref("School")), **ERRORS, **NOT_FOUND},
            },
            "patch": {
                "summary": "Change the given fields (coordinator)",
                "requestBody": body("SchoolInput"),
                "responses": {
                    "200": ok("The changed school", ref("School")),
                    **ERRORS,
                    **NOT_FOUND,
                    **INVALID,
                },
            },
        },
    }


def body_required(name: str, *fields: str) -> dict[str, Any]:
    return {"required": True, "content": json_content(required(name, *fields))}


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Elternmoderation Hamburg API",
            "version": "1.0.0",
            "description": (
                "Moderators, schools, languages and topics of the parent moderators programme. "
                "Authenticate with a personal token (`flask users token EMAIL`) in "
                "`Authorization: Bearer <token>`. Every error is "
                '`{"error": {"code": ..., "message": ...}}`.'
            ),
        },
        "security": [{"bearerAuth": []}],
        "paths": _paths(),
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }
