"""The training part of the OpenAPI document: cohorts, modules, enrolments, attendance."""

from typing import Any

from moderators.api.openapi_parts import (
    CONFLICT,
    ERRORS,
    INVALID,
    NOT_FOUND,
    PAGING,
    PREFIX,
    body,
    body_required,
    error,
    id_parameter,
    json_content,
    ok,
    page_of,
)
from moderators.api.openapi_schemas import ref

AUTH_ERRORS = {code: ERRORS[code] for code in ("401", "403")}


def training_paths() -> dict[str, Any]:
    """Every endpoint is for coordinators only."""
    return {
        f"{PREFIX}/cohorts": {
            "get": {
                "summary": "Training cohorts, newest first (coordinator)",
                "description": "Without modules and enrolments; GET one cohort for those.",
                "parameters": PAGING,
                "responses": {"200": ok("A page", page_of("CohortSummary")), **ERRORS, **INVALID},
            },
            "post": {
                "summary": "Add a cohort (coordinator)",
                "requestBody": body_required("CohortInput", "name", "starts_on", "ends_on"),
                "responses": {
                    "201": ok("Created", ref("Cohort"), Location="URL of the new cohort"),
                    **ERRORS,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/cohorts/{{cohort_id}}": {
            "parameters": [id_parameter("cohort_id")],
            "get": {
                "summary": "One cohort with its modules and enrolments (coordinator)",
                "responses": {"200": ok("The cohort", ref("Cohort")), **ERRORS, **NOT_FOUND},
            },
            "patch": {
                "summary": "Change the given fields (coordinator)",
                "requestBody": body("CohortInput"),
                "responses": {
                    "200": ok("The changed cohort", ref("Cohort")),
                    **ERRORS,
                    **NOT_FOUND,
                    **CONFLICT,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/cohorts/{{cohort_id}}/modules": {
            "parameters": [id_parameter("cohort_id")],
            "post": {
                "summary": "Add a module (coordinator)",
                "description": "Its times must lie within the cohort's dates (Europe/Berlin).",
                "requestBody": body_required("ModuleInput", "title", "starts_at", "ends_at"),
                "responses": {
                    "201": ok("Created", ref("Module")),
                    **ERRORS,
                    **NOT_FOUND,
                    **CONFLICT,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/cohorts/{{cohort_id}}/enrollments": {
            "parameters": [id_parameter("cohort_id")],
            "post": {
                "summary": "Enrol a trainee, or create a trainee and enrol them (coordinator)",
                "description": (
                    "Only moderators with status trainee can be enrolled (else 422, field "
                    "moderator_id). Enrolled twice, or no place left: 409."
                ),
                "requestBody": body("EnrollmentInput"),
                "responses": {
                    "201": ok("Created", ref("Enrollment")),
                    **ERRORS,
                    **NOT_FOUND,
                    **CONFLICT,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/cohorts/{{cohort_id}}/close": {
            "parameters": [id_parameter("cohort_id")],
            "post": {
                "summary": "Close the cohort and decide its enrolments (coordinator)",
                "description": (
                    "Each open enrolment becomes completed or not_completed by the completion "
                    "rule (present at 80 % of the counted modules by default): cancelled modules "
                    "do not count, modules still ahead count as missed. Completed trainees are "
                    "certified and become active. The outcomes list the enrolments this closing "
                    "decided; dropped ones stay as they were. No request body."
                ),
                "responses": {
                    "200": ok(
                        "The outcomes",
                        {
                            "type": "object",
                            "required": ["outcomes"],
                            "properties": {
                                "outcomes": {"type": "array", "items": ref("ClosingOutcome")}
                            },
                        },
                    ),
                    **AUTH_ERRORS,
                    **NOT_FOUND,
                    "409": error("The cohort is closed already (code conflict)."),
                },
            },
        },
        f"{PREFIX}/modules/{{module_id}}": {
            "parameters": [id_parameter("module_id")],
            "patch": {
                "summary": "Move, rename, cancel or reinstate a module (coordinator)",
                "requestBody": body("ModuleChange"),
                "responses": {
                    "200": ok("The changed module", ref("Module")),
                    **ERRORS,
                    **NOT_FOUND,
                    **CONFLICT,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/modules/{{module_id}}/attendance": {
            "parameters": [id_parameter("module_id")],
            "put": {
                "summary": "Replace the module's attendance as a whole (coordinator)",
                "description": (
                    "One entry per enrolled person; whoever is left out has no attendance "
                    "recorded. A moderator not enrolled in the module's cohort (or dropped out) "
                    "gives 422 with field moderator_id, and nothing is saved. Not before the "
                    "module has begun (422, field body); not for a cancelled module (409)."
                ),
                "requestBody": {
                    "required": True,
                    "content": json_content({"type": "array", "items": ref("AttendanceMark")}),
                },
                "responses": {
                    "200": ok(
                        "The module's attendance, by moderator_id",
                        {"type": "array", "items": ref("AttendanceMark")},
                    ),
                    "400": error("Malformed JSON or a body that is not a JSON array."),
                    **AUTH_ERRORS,
                    **NOT_FOUND,
                    **CONFLICT,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/enrollments/{{enrollment_id}}": {
            "parameters": [id_parameter("enrollment_id")],
            "patch": {
                "summary": "Drop an enrolment, with a reason (coordinator)",
                "description": (
                    "The only change an enrolment takes; anything else is 422. Dropping frees "
                    "the place. An enrolment that is not open any more gives 409."
                ),
                "requestBody": body("EnrollmentChange"),
                "responses": {
                    "200": ok("The dropped enrolment", ref("Enrollment")),
                    **ERRORS,
                    **NOT_FOUND,
                    **CONFLICT,
                    **INVALID,
                },
            },
        },
    }
