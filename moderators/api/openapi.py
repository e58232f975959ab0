"""The OpenAPI 3.1 document of /api/v1, written out by hand as a Python dict."""

from typing import Any

from moderators.api.openapi_logbook import logbook_paths
from moderators.api.openapi_parts import (
    ERRORS,
    INVALID,
    NOT_FOUND,
    PAGING,
    PREFIX,
    body,
    body_required,
    id_parameter,
    ok,
    page_of,
    query,
)
from moderators.api.openapi_scheduling import scheduling_paths
from moderators.api.openapi_schemas import SCHEMAS, ref
from moderators.api.openapi_schemas_logbook import LOGBOOK_SCHEMAS
from moderators.api.openapi_schemas_scheduling import SCHEDULING_SCHEMAS
from moderators.api.openapi_training import training_paths
from moderators.roster.models import STATUSES
from moderators.schools.models import SCHOOL_TYPES

LANG_PARAMETER = query(
    "lang",
    "Locale of the names (BCP 47, e.g. en, tr). Default: Accept-Language, then German.",
)


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


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Elternmoderation Hamburg API",
            "version": "1.0.0",
            "description": (
                "Moderators, schools, languages, topics, training cohorts, schools' requests "
                "and information sessions of the parent moderators programme, the moderators' "
                "reports and activities, and the statistics made from them. Every endpoint "
                "names the roles that may call it. Authenticate with a personal token "
                "(`flask users token EMAIL`) in `Authorization: Bearer <token>`. Every error is "
                '`{"error": {"code": ..., "message": ...}}`.'
            ),
        },
        "security": [{"bearerAuth": []}],
        "paths": {
            **_paths(),
            **training_paths(),
            **scheduling_paths(),
            **logbook_paths(),
        },
        "components": {
            "schemas": {**SCHEMAS, **SCHEDULING_SCHEMAS, **LOGBOOK_SCHEMAS},
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }
