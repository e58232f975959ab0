"""The scheduling part of the OpenAPI document: requests, sessions and assignments."""

from typing import Any

from moderators.api.openapi_parts import (
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
    query,
)
from moderators.api.openapi_schemas import ref
from moderators.scheduling.models import REQUEST_STATUSES, SESSION_STATUSES

CONFLICT = {"409": error("The change clashes with the state of things (code conflict).")}
NOT_OPEN = {"409": error("The request is not open any more (code conflict).")}
NOT_PLANNED = {"409": error("The session is not planned any more (code conflict).")}
DOUBLE_BOOKED = {
    "409": error(
        "Assigning would book a moderator twice (another accepted session at that time, travel "
        "time included), the moderator already holds an offer for it, the session is fully "
        "staffed, or it is not planned any more (code conflict). Nothing is saved."
    )
}
OWN_ONLY = {
    "403": error("Not a moderator, or the assignment is someone else's (code forbidden)."),
}
# Someone else's assignment is a 403 whether it exists or not; only an id beyond the column is 404.
NO_SUCH_ID = {"404": error("An id larger than any there can be (code not_found).")}
OPTIONAL_REASON = {"required": False, "content": json_content(ref("Reason"))}
SCHOOL_403 = "A school user asking for another school's request gets 403, whether it exists or not."
TIMES = (
    "Times are sent back in UTC with Z; a session's times in Europe/Berlin are what the pages show."
)


def scheduling_paths() -> dict[str, Any]:
    return {**_request_paths(), **_session_paths(), **_assignment_paths()}


def _request_paths() -> dict[str, Any]:
    one = [id_parameter("request_id")]
    return {
        f"{PREFIX}/requests": {
            "get": {
                "summary": "Requests of schools, newest first (coordinator; a school its own)",
                "parameters": [
                    query("status", "Request status.", {"enum": list(REQUEST_STATUSES)}),
                    query("language", "Language code; unknown gives 422."),
                    query(
                        "school_id",
                        "Only this school's; a school user naming another school gets 403.",
                        {"type": "integer", "minimum": 1},
                    ),
                    *PAGING,
                ],
                "responses": {"200": ok("A page", page_of("Request")), **ERRORS, **INVALID},
            },
            "post": {
                "summary": "File a request (a school for itself; coordinator with school_id)",
                "description": (
                    "422 names the field at fault: an unknown or inactive language (language) "
                    "or topic (topic_id), a start in the past (preferred_starts), a duration "
                    "outside 30..240 minutes (duration_minutes), an unknown district "
                    "(venue.district). The coordination is told by mail."
                ),
                "requestBody": body_required(
                    "RequestInput",
                    "language",
                    "topic_id",
                    "preferred_starts",
                    "duration_minutes",
                    "expected_parents",
                ),
                "responses": {
                    "201": ok("Created", ref("Request"), Location="URL of the new request"),
                    **ERRORS,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/requests/{{request_id}}": {
            "parameters": one,
            "get": {
                "summary": "One request (coordinator; a school its own)",
                "description": SCHOOL_403,
                "responses": {"200": ok("The request", ref("Request")), **ERRORS, **NOT_FOUND},
            },
        },
        f"{PREFIX}/requests/{{request_id}}/cancel": {
            "parameters": one,
            "post": {
                "summary": "Cancel an open request (coordinator; a school its own)",
                "description": f"The body is optional. {SCHOOL_403}",
                "requestBody": OPTIONAL_REASON,
                "responses": {
                    "200": ok("The cancelled request", ref("Request")),
                    **ERRORS,
                    **NOT_FOUND,
                    **NOT_OPEN,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/requests/{{request_id}}/candidates": {
            "parameters": one,
            "get": {
                "summary": "Moderators who could take each preferred start, ranked (coordinator)",
                "description": (
                    "Candidates are active moderators who speak the language, whose weekly "
                    "availability covers the whole session, who are not absent that day and "
                    "hold no offered or accepted session within the travel time. Speakers of "
                    "the language left out are listed with the reason."
                ),
                "responses": {
                    "200": ok("Per preferred start", ref("Candidates")),
                    **ERRORS,
                    **NOT_FOUND,
                },
            },
        },
        f"{PREFIX}/requests/{{request_id}}/schedule": {
            "parameters": one,
            "post": {
                "summary": "Make the session at a preferred start, offered or assigned "
                "(coordinator)",
                "description": (
                    "The session takes the request's language, topic, venue, duration and "
                    "public flag, and needs one moderator; the request becomes scheduled. "
                    "A starts_at that is not one of the preferred starts gives 422."
                ),
                "requestBody": body("Schedule"),
                "responses": {
                    "201": ok("The session", ref("Session"), Location="URL of the session"),
                    **ERRORS,
                    **NOT_FOUND,
                    **DOUBLE_BOOKED,
                    **INVALID,
                },
            },
        },
    }


def _session_paths() -> dict[str, Any]:
    one = [id_parameter("session_id")]
    return {
        f"{PREFIX}/sessions": {
            "get": {
                "summary": "Sessions, soonest first (coordinator)",
                "description": TIMES,
                "parameters": [
                    query(
                        "from",
                        "Sessions starting at or after: a date (YYYY-MM-DD, from the start of "
                        "that day in Europe/Berlin) or a time with offset (percent-encode +).",
                    ),
                    query(
                        "to",
                        "Sessions starting before: a date (that day included, Europe/Berlin) "
                        "or a time with offset (excluded).",
                    ),
                    query("language", "Language code; unknown gives 422."),
                    query("district", "District of the venue (German name); unknown gives 422."),
                    query(
                        "moderator_id",
                        "Sessions this moderator is offered or booked for; unknown gives 422.",
                        {"type": "integer", "minimum": 1},
                    ),
                    query("status", "Session status.", {"enum": list(SESSION_STATUSES)}),
                    *PAGING,
                ],
                "responses": {"200": ok("A page", page_of("Session")), **ERRORS, **INVALID},
            },
            "post": {
                "summary": "Plan a session without a request (coordinator)",
                "description": "At a school (school_id) or another place (venue), or both.",
                "requestBody": body("SessionInput"),
                "responses": {
                    "201": ok("Created", ref("Session"), Location="URL of the new session"),
                    **ERRORS,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/sessions/{{session_id}}": {
            "parameters": one,
            "get": {
                "summary": "One session with its assignments (coordinator)",
                "description": TIMES,
                "responses": {"200": ok("The session", ref("Session")), **ERRORS, **NOT_FOUND},
            },
            "patch": {
                "summary": "Move a session or change the given fields (coordinator)",
                "description": (
                    "starts_at and duration_minutes move it: accepted moderators stay booked, "
                    "unless one of them is busy at the new time (409, nothing saved); everyone "
                    "involved is told, with the reason if given. Changing the other fields "
                    "withdraws open offers once the session is fully staffed."
                ),
                "requestBody": body("SessionChange"),
                "responses": {
                    "200": ok("The changed session", ref("Session")),
                    **ERRORS,
                    **NOT_FOUND,
                    **CONFLICT,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/sessions/{{session_id}}/cancel": {
            "parameters": one,
            "post": {
                "summary": "Cancel a planned session, with a reason (coordinator)",
                "description": "Offers and bookings are withdrawn; the people involved are told.",
                "requestBody": body_required("Reason", "reason"),
                "responses": {
                    "200": ok("The cancelled session", ref("Session")),
                    **ERRORS,
                    **NOT_FOUND,
                    **NOT_PLANNED,
                    **INVALID,
                },
            },
        },
        f"{PREFIX}/sessions/{{session_id}}/assignments": {
            "parameters": one,
            "post": {
                "summary": "Offer the session to a moderator, or assign them (coordinator)",
                "requestBody": body("AssignmentInput"),
                "responses": {
                    "201": ok("The assignment", ref("Assignment")),
                    **ERRORS,
                    **NOT_FOUND,
                    **DOUBLE_BOOKED,
                    **INVALID,
                },
            },
        },
    }


def _assignment_paths() -> dict[str, Any]:
    one = [id_parameter("assignment_id")]
    gone = {
        "410": error(
            "The offer is not open any more: withdrawn, answered already, the session fully "
            "staffed, or begun (code gone)."
        )
    }
    return {
        f"{PREFIX}/assignments/{{assignment_id}}/accept": {
            "parameters": one,
            "post": {
                "summary": "Accept an offer (the moderator it was made to)",
                "description": "No request body. Other offers are withdrawn once the session "
                "is fully staffed.",
                "responses": {
                    "200": ok("The accepted assignment", ref("Assignment")),
                    **ERRORS,
                    **OWN_ONLY,
                    **NO_SUCH_ID,
                    "409": error(
                        "It overlaps another accepted session of theirs, travel time included "
                        "(code conflict)."
                    ),
                    **gone,
                },
            },
        },
        f"{PREFIX}/assignments/{{assignment_id}}/decline": {
            "parameters": one,
            "post": {
                "summary": "Decline an offer (the moderator it was made to)",
                "description": "The body is optional.",
                "requestBody": OPTIONAL_REASON,
                "responses": {
                    "200": ok("The declined assignment", ref("Assignment")),
                    **ERRORS,
                    **OWN_ONLY,
                    **NO_SUCH_ID,
                    **gone,
                    **INVALID,
                },
            },
        },
    }
