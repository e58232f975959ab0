"""The component schemas of scheduling: requests, sessions, assignments and candidates."""

from typing import Any

from moderators.api.openapi_schemas import (
    DATETIME,
    ID,
    NULLABLE_TEXT,
    TEXT,
    fixed,
    input_of,
    ref,
)
from moderators.api.scheduling_inputs import (
    MAX_MODERATORS,
    MAX_OFFERS,
    MAX_PARENTS,
    MODES,
    REASON_LENGTH,
    VENUE_TEXT,
)
from moderators.api.training_inputs import NOTES_LENGTH
from moderators.scheduling.matching import EXCLUSION_REASONS
from moderators.scheduling.models import (
    ASSIGNMENT_STATUSES,
    MAX_DURATION,
    MIN_DURATION,
    REQUEST_STATUSES,
    SESSION_STATUSES,
)
from moderators.scheduling.rules import MAX_SLOTS

UTC = {"type": "string", "format": "date-time", "description": "UTC, e.g. 2030-03-04T16:00:00Z"}
NULLABLE_UTC = {**UTC, "type": ["string", "null"]}
INTEGER = {"type": "integer"}
DISTRICT = {**TEXT, "description": "District of Hamburg by German name, e.g. Altona."}
LANGUAGE = {**TEXT, "description": "BCP 47 code of an active language (GET /api/v1/languages)."}
TOPIC_ID = {**ID, "description": "An active topic (GET /api/v1/topics)."}
DURATION = {"type": "integer", "minimum": MIN_DURATION, "maximum": MAX_DURATION}
PARENTS = {"type": "integer", "minimum": 0, "maximum": MAX_PARENTS}
NOTES = {**NULLABLE_TEXT, "maxLength": NOTES_LENGTH, "description": "May span several lines."}
MODE = {
    "enum": list(MODES),
    "description": (
        "offer: the moderator is asked and answers (accept or decline); assign: booked at once, "
        "which is a 409 if they hold another accepted session at that time (travel time "
        "included) or the session has all the moderators it needs."
    ),
}
VENUE_INPUT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "district"],
    "properties": {
        "name": {**TEXT, "maxLength": VENUE_TEXT["name"][0]},
        "address": {**NULLABLE_TEXT, "maxLength": VENUE_TEXT["address"][0]},
        "district": {**DISTRICT, "maxLength": VENUE_TEXT["district"][0]},
    },
    "description": (
        "Another place than the school. A fault inside names its part in `field`, e.g. "
        "venue.district for an unknown district."
    ),
}
REQUEST_INPUT = {
    "school_id": {
        **ID,
        "description": "Required for coordinators; a school user may leave it out or send "
        "their own school's id (another gives 403).",
    },
    "language": LANGUAGE,
    "topic_id": TOPIC_ID,
    "preferred_starts": {
        "type": "array",
        "minItems": 1,
        "maxItems": MAX_SLOTS,
        "uniqueItems": True,
        "items": DATETIME,
        "description": "Times the school could offer, each ahead of now (else 422).",
    },
    "duration_minutes": DURATION,
    "expected_parents": PARENTS,
    "venue": {**VENUE_INPUT, "description": "Default: the school. " + VENUE_INPUT["description"]},
    "notes": NOTES,
    "public": {
        "type": "boolean",
        "default": False,
        "description": "Whether the session may be listed publicly for parents.",
    },
}
SESSION_CHANGE = {
    "starts_at": {**DATETIME, "description": DATETIME["description"] + " Ahead of now."},
    "duration_minutes": DURATION,
    "venue": VENUE_INPUT,
    "topic_id": TOPIC_ID,
    "moderators_needed": {"type": "integer", "minimum": 1, "maximum": MAX_MODERATORS},
    "expected_parents": PARENTS,
    "notes": NOTES,
    "public": {"type": "boolean"},
}
ASSIGNMENT = fixed(
    {
        "id": INTEGER,
        "session_id": INTEGER,
        "moderator_id": INTEGER,
        "status": {
            "enum": list(ASSIGNMENT_STATUSES),
            "description": "offered → accepted | declined | withdrawn (by the coordination, "
            "or when the session is fully staffed, changed or cancelled).",
        },
        "starts_at": UTC,
        "ends_at": UTC,
        "offered_at": UTC,
        "responded_at": {**NULLABLE_UTC, "description": "When it was answered or withdrawn."},
        "decline_reason": {**TEXT, "description": "Empty unless declined with a reason."},
    }
)

SCHEDULING_SCHEMAS: dict[str, Any] = {
    "Request": fixed(
        {
            "id": INTEGER,
            "status": {"enum": list(REQUEST_STATUSES)},
            "status_reason": {**TEXT, "description": "Why it was cancelled or left unfilled."},
            "school_id": INTEGER,
            "language": LANGUAGE,
            "topic_id": INTEGER,
            "preferred_starts": {"type": "array", "items": UTC, "description": "Soonest first."},
            "duration_minutes": DURATION,
            "expected_parents": INTEGER,
            "venue": fixed({"name": TEXT, "address": TEXT, "district": DISTRICT}),
            "notes": TEXT,
            "public": {"type": "boolean"},
            "created_at": UTC,
            "session_id": {
                "type": ["integer", "null"],
                "description": "The session made from the request, once it is scheduled.",
            },
        }
    ),
    "RequestInput": input_of(REQUEST_INPUT),
    "Schedule": fixed(
        {
            "starts_at": {
                **DATETIME,
                "description": "One of the request's preferred_starts, in any offset (else 422).",
            },
            "moderator_ids": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_OFFERS,
                "items": ID,
                "description": "An unknown id gives 422.",
            },
            "mode": MODE,
        },
        additionalProperties=False,
    ),
    "Session": fixed(
        {
            "id": INTEGER,
            "request_id": {"type": ["integer", "null"], "description": "null if planned directly"},
            "school_id": {"type": ["integer", "null"], "description": "null at another place"},
            "venue": {
                **fixed({"name": TEXT, "address": TEXT}),
                "description": "The place; its district is the session's `district`.",
            },
            "district": DISTRICT,
            "language": LANGUAGE,
            "topic_id": INTEGER,
            "starts_at": UTC,
            "ends_at": UTC,
            "duration_minutes": INTEGER,
            "moderators_needed": INTEGER,
            "expected_parents": INTEGER,
            "status": {"enum": list(SESSION_STATUSES)},
            "status_reason": {**TEXT, "description": "Why it was cancelled."},
            "public": {"type": "boolean"},
            "notes": TEXT,
            "assignments": {
                "type": "array",
                "items": ref("Assignment"),
                "description": "All of them, oldest first: also declined and withdrawn ones.",
            },
        }
    ),
    "SessionInput": {
        **input_of(
            {
                **SESSION_CHANGE,
                "language": LANGUAGE,
                "school_id": {
                    **ID,
                    "description": "The school it is held at or for; its name, address and "
                    "district are the venue unless `venue` is given.",
                },
            }
        ),
        "required": ["language", "topic_id", "starts_at", "duration_minutes"],
        "anyOf": [{"required": ["school_id"]}, {"required": ["venue"]}],
    },
    "SessionChange": input_of(
        {
            **SESSION_CHANGE,
            "reason": {
                **TEXT,
                "maxLength": REASON_LENGTH,
                "description": "Why it was moved, for the mail to the people involved; only "
                "with starts_at or duration_minutes (else 422).",
            },
        }
    ),
    "Reason": input_of({"reason": {**TEXT, "maxLength": REASON_LENGTH}}),
    "AssignmentInput": fixed({"moderator_id": ID, "mode": MODE}, additionalProperties=False),
    "Assignment": ASSIGNMENT,
    "Candidates": fixed({"slots": {"type": "array", "items": ref("SlotMatch")}}),
    "SlotMatch": fixed(
        {
            "starts_at": {**UTC, "description": "One of the preferred starts."},
            "ends_at": UTC,
            "candidates": {
                "type": "array",
                "description": "Best first: same district as the venue, then fewest sessions "
                "in the last 90 days, then longest since the last one.",
                "items": fixed(
                    {
                        "moderator_id": INTEGER,
                        "name": TEXT,
                        "rank": {"type": "integer", "minimum": 1},
                        "district_match": {"type": "boolean"},
                        "sessions_90d": {"type": "integer", "minimum": 0},
                        "last_session_at": {
                            **NULLABLE_UTC,
                            "description": "Start of their last accepted session held.",
                        },
                    }
                ),
            },
            "excluded": {
                "type": "array",
                "description": "Speakers of the language who cannot take it, and why.",
                "items": fixed(
                    {
                        "moderator_id": INTEGER,
                        "name": TEXT,
                        "reason": {
                            "enum": list(EXCLUSION_REASONS),
                            "description": "not_active: not an active moderator; absent: an "
                            "absence covers the day; busy: offered or booked within the "
                            "travel time; unavailable: outside their weekly availability.",
                        },
                    }
                ),
            },
        }
    ),
}
