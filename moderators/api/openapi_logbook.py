"""The logbook part of the OpenAPI document: reports, activities, their review, statistics."""

from typing import Any

from moderators.api.openapi_parts import (
    ERRORS,
    INVALID,
    NOT_FOUND,
    PAGING,
    PREFIX,
    body,
    error,
    id_parameter,
    json_content,
    ok,
    page_of,
    query,
)
from moderators.api.openapi_schemas import ref
from moderators.api.stats import MAX_YEARS
from moderators.logbook.models import ACTIVITY_TYPES, REVIEW_STATUSES
from moderators.reports.statistics import BREAKDOWNS

OWNER = {
    "403": error(
        "A school user; or a moderator asking for someone else's entry, whether it exists or "
        "not (code forbidden)."
    )
}
APPROVED = {"409": error("The entry is approved and cannot be changed (code conflict).")}
NOT_WAITING = {"409": error("The entry is not waiting for review (code conflict).")}
OPTIONAL_COMMENT = {"required": False, "content": json_content(ref("ReviewComment"))}
LIST_RULES = (
    "Oldest submission first: a returned entry that is corrected goes to the back again. A "
    "moderator sees their own entries only: naming another moderator_id is a 403. A school "
    "user gets 403."
)


def _filters(kind: str) -> list[dict[str, Any]]:
    return [
        query("status", "Review status.", {"enum": list(REVIEW_STATUSES)}),
        query(
            "moderator_id",
            "Only this moderator's; unknown gives 422.",
            {"type": "integer", "minimum": 1},
        ),
        query(
            "from",
            f"First date of the {kind} (YYYY-MM-DD), included.",
            {"type": "string", "format": "date"},
        ),
        query(
            "to",
            f"Last date of the {kind} (YYYY-MM-DD), included; before from gives 422.",
            {"type": "string", "format": "date"},
        ),
        *PAGING,
    ]


def logbook_paths() -> dict[str, Any]:
    return {**_report_paths(), **_activity_paths(), **_stats_paths()}


def _report_paths() -> dict[str, Any]:
    one = [id_parameter("report_id")]
    return {
        f"{PREFIX}/sessions/{{session_id}}/report": {
            "parameters": [id_parameter("session_id")],
            "post": {
                "summary": "Report on a session (a moderator booked for it; coordinator on "
                "their behalf with moderator_id)",
                "description": (
                    "The session must have begun (else 422, field session). A moderator not "
                    "booked for the session gets 403; a coordinator naming someone not booked "
                    "gets 422 (field moderator_id). Sessions entered afterwards are reported "
                    "on in the same way once their moderators are assigned."
                ),
                "requestBody": body("ReportInput"),
                "responses": {
                    "201": ok("Created", ref("Report"), Location="URL of the new report"),
                    **ERRORS,
                    "403": error(
                        "A school user, a moderator not booked for the session, or one naming "
                        "another moderator_id (code forbidden)."
                    ),
                    **NOT_FOUND,
                    "409": error(
                        "The booking has a report already, or the session was cancelled (code "
                        "conflict). A second report is never made."
                    ),
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/reports": {
            "get": {
                "summary": "Reports (coordinator; a moderator their own)",
                "description": f"{LIST_RULES} from and to bound the session's date.",
                "parameters": _filters("session"),
                "responses": {"200": ok("A page", page_of("Report")), **ERRORS, **INVALID},
            }
        },
        f"{PREFIX}/reports/{{report_id}}": {
            "parameters": one,
            "get": {
                "summary": "One report (coordinator; a moderator their own)",
                "responses": {
                    "200": ok("The report", ref("Report")),
                    **ERRORS,
                    **OWNER,
                    **NOT_FOUND,
                },
            },
            "patch": {
                "summary": "Correct the given fields until approved (coordinator; a moderator "
                "their own)",
                "description": "A returned report is submitted again for review.",
                "requestBody": body("ReportChange"),
                "responses": {
                    "200": ok("The changed report", ref("Report")),
                    **ERRORS,
                    **OWNER,
                    **NOT_FOUND,
                    **APPROVED,
                    **INVALID,
                },
            },
        },
        **_review_paths("reports", "report_id", "Report"),
    }


def _activity_paths() -> dict[str, Any]:
    one = [id_parameter("activity_id")]
    return {
        f"{PREFIX}/activities": {
            "get": {
                "summary": "Activities outside sessions (coordinator; a moderator their own)",
                "description": LIST_RULES,
                "parameters": [
                    query("type", "Kind of activity.", {"enum": list(ACTIVITY_TYPES)}),
                    *_filters("activity"),
                ],
                "responses": {"200": ok("A page", page_of("Activity")), **ERRORS, **INVALID},
            },
            "post": {
                "summary": "Log an activity (a moderator their own; coordinator with moderator_id)",
                "requestBody": body("ActivityInput"),
                "responses": {
                    "201": ok("Created", ref("Activity"), Location="URL of the new activity"),
                    **ERRORS,
                    "403": error(
                        "A school user, or a moderator naming another moderator_id (code "
                        "forbidden)."
                    ),
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/activities/{{activity_id}}": {
            "parameters": one,
            "get": {
                "summary": "One activity (coordinator; a moderator their own)",
                "responses": {
                    "200": ok("The activity", ref("Activity")),
                    **ERRORS,
                    **OWNER,
                    **NOT_FOUND,
                },
            },
            "patch": {
                "summary": "Correct the given fields until approved (coordinator; a moderator "
                "their own)",
                "description": "A returned activity is submitted again for review.",
                "requestBody": body("ActivityChange"),
                "responses": {
                    "200": ok("The changed activity", ref("Activity")),
                    **ERRORS,
                    **OWNER,
                    **NOT_FOUND,
                    **APPROVED,
                    **INVALID,
                },
            },
        },
        **_review_paths("activities", "activity_id", "Activity"),
    }


def _review_paths(collection: str, parameter: str, schema: str) -> dict[str, Any]:
    one = [id_parameter(parameter)]
    return {
        f"{PREFIX}/{collection}/{{{parameter}}}/approve": {
            "parameters": one,
            "post": {
                "summary": "Approve an entry waiting for review (coordinator)",
                "description": (
                    "The body {comment} is optional. The allowance is fixed; approving a "
                    "report makes its session held (or cancelled, if it did not take place)."
                ),
                "requestBody": OPTIONAL_COMMENT,
                "responses": {
                    "200": ok("The approved entry", ref(schema)),
                    **ERRORS,
                    **NOT_FOUND,
                    **NOT_WAITING,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/{collection}/{{{parameter}}}/return": {
            "parameters": one,
            "post": {
                "summary": "Return an entry to its moderator with a comment (coordinator)",
                "description": "The comment says what to correct; without one, 422 (field "
                "comment). The moderator is told by mail.",
                "requestBody": {
                    "required": True,
                    "content": json_content(
                        {"allOf": [ref("ReviewComment"), {"required": ["comment"]}]}
                    ),
                },
                "responses": {
                    "200": ok("The returned entry", ref(schema)),
                    **ERRORS,
                    **NOT_FOUND,
                    **NOT_WAITING,
                    **INVALID,
                },
            },
        },
    }


def _stats_paths() -> dict[str, Any]:
    return {
        f"{PREFIX}/stats": {
            "get": {
                "summary": "What the programme reached in a period, from approved entries "
                "(coordinator)",
                "description": (
                    "Sessions held, parents reached, hours, schools and moderators, broken "
                    "down by one dimension, and approved activities by type. Sessions that did "
                    "not take place are not counted. Labels are in the locale of lang, else "
                    "Accept-Language, else German."
                ),
                "parameters": [
                    query(
                        "from",
                        "First day (YYYY-MM-DD), included. Default: the start of the school "
                        "year (1 August) that to falls in, or of the current one.",
                        {"type": "string", "format": "date"},
                    ),
                    query(
                        "to",
                        "Last day (YYYY-MM-DD), included. Default: the end of the school year "
                        f"(31 July) that from falls in, or of the current one. Before from, "
                        f"or more than {MAX_YEARS} years after it, gives 422.",
                        {"type": "string", "format": "date"},
                    ),
                    query(
                        "by",
                        "The breakdown of rows; default language.",
                        {"enum": list(BREAKDOWNS), "default": "language"},
                    ),
                    query("lang", "Locale of the labels (BCP 47, e.g. en, tr)."),
                ],
                "responses": {
                    "200": ok("The statistics", ref("Statistics")),
                    **ERRORS,
                    **INVALID,
                },
            }
        }
    }
