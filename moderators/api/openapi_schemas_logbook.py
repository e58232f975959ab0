"""The component schemas of the logbook: reports, activities, reviews and the statistics."""

from typing import Any

from moderators.api.logbook_inputs import (
    ACTIVITY_REQUIRED,
    COMMENT_LENGTH,
    MAX_LANGUAGES,
    REASON_LENGTH,
)
from moderators.api.openapi_schemas import DATE, ID, NULLABLE_TEXT, TEXT, fixed, input_of
from moderators.api.openapi_schemas_scheduling import INTEGER, NULLABLE_UTC, UTC
from moderators.logbook.models import ACTIVITY_TYPES, MAX_MINUTES, MAX_PEOPLE, REVIEW_STATUSES
from moderators.logbook.rules import TEXT_LENGTH
from moderators.reports.statistics import BREAKDOWNS

LONG_TEXT = {**NULLABLE_TEXT, "maxLength": TEXT_LENGTH, "description": "May span several lines."}
CODES = {
    "type": "array",
    "maxItems": MAX_LANGUAGES,
    "uniqueItems": True,
    "items": TEXT,
    "description": "Language codes (GET /api/v1/languages), each once; an unknown code gives "
    "422 (field languages).",
}
PEOPLE = {"type": "integer", "minimum": 0, "maximum": MAX_PEOPLE}
MINUTES = {"type": "integer", "minimum": 0, "maximum": MAX_MINUTES}
HOURS = {"type": "number", "description": "Rounded to one decimal."}
ON_BEHALF = {
    **ID,
    "description": "Whose entry it is: required when a coordinator enters it on a moderator's "
    "behalf (else 422); a moderator may leave it out or send their own id (another gives 403).",
}
REVIEW = {
    "status": {
        "enum": list(REVIEW_STATUSES),
        "description": "submitted → approved | returned; a returned entry that is corrected is "
        "submitted again. Approved entries cannot be changed (409).",
    },
    "submitted_at": {**UTC, "description": "When it was (last) submitted."},
    "reviewed_at": NULLABLE_UTC,
    "review_comment": {**TEXT, "description": "The coordination's comment; empty if none."},
    "allowance_cents": {
        "type": ["integer", "null"],
        "description": "The allowance in euro cents, fixed on approval; null before.",
    },
}
REPORT_INPUT = {
    "took_place": {"type": "boolean"},
    "reason_if_not": {
        **NULLABLE_TEXT,
        "maxLength": REASON_LENGTH,
        "description": "Why it did not take place: required when took_place is false.",
    },
    "parents_reached": PEOPLE,
    "languages": CODES,
    "duration_minutes": {
        **MINUTES,
        "description": "How long it lasted; at least 1 when it took place.",
    },
    "travel_minutes": {
        **MINUTES,
        "description": "Counted for the allowance even if it did not take place.",
    },
    "topics_covered": LONG_TEXT,
    "questions": LONG_TEXT,
    "notes": LONG_TEXT,
}
ACTIVITY_INPUT = {
    "type": {
        "enum": list(ACTIVITY_TYPES),
        "description": "counselling: one family; accompaniment: parents to a talk at school; "
        "network_event: a network or community event; supervision; training: further training.",
    },
    "date": {**DATE, "description": "The day it took place; not ahead of today (else 422)."},
    "duration_minutes": {**MINUTES, "minimum": 1},
    "languages": {**CODES, "description": CODES["description"] + " May be empty."},
    "people_reached": PEOPLE,
    "notes": LONG_TEXT,
}


def _output(properties: dict[str, Any], **more: Any) -> dict[str, Any]:
    plain = {
        key: {**value, "type": "string"} if value.get("type") == ["string", "null"] else value
        for key, value in properties.items()
    }
    return fixed({"id": INTEGER, **more, **plain, **REVIEW})


COUNTS = {"sessions": INTEGER, "parents": INTEGER, "hours": HOURS, "minutes": INTEGER}

LOGBOOK_SCHEMAS: dict[str, Any] = {
    "Report": _output(
        REPORT_INPUT,
        session_id=INTEGER,
        assignment_id=INTEGER,
        moderator_id=INTEGER,
        held_on={**DATE, "description": "The session's date in Europe/Berlin."},
    ),
    "ReportInput": {
        **input_of({**REPORT_INPUT, "moderator_id": ON_BEHALF}),
        "required": ["took_place", "travel_minutes"],
        "description": "parents_reached, languages and duration_minutes are required too when "
        "took_place is true; when it is false they count as 0 and none, and reason_if_not is "
        "required.",
    },
    "ReportChange": input_of(REPORT_INPUT),
    "Activity": _output(ACTIVITY_INPUT, moderator_id=INTEGER),
    "ActivityInput": {
        **input_of({**ACTIVITY_INPUT, "moderator_id": ON_BEHALF}),
        "required": list(ACTIVITY_REQUIRED),
    },
    "ActivityChange": input_of(ACTIVITY_INPUT),
    "ReviewComment": input_of({"comment": {**NULLABLE_TEXT, "maxLength": COMMENT_LENGTH}}),
    "Statistics": fixed(
        {
            "from": DATE,
            "to": DATE,
            "by": {"enum": list(BREAKDOWNS)},
            "totals": fixed(
                {
                    **COUNTS,
                    "schools": {**INTEGER, "description": "Schools with a session held."},
                    "moderators": {**INTEGER, "description": "Moderators with a report."},
                },
                description="Each session held counts once, with the most parents and the "
                "longest duration any of its approved reports gives.",
            ),
            "rows": {
                "type": "array",
                "items": fixed(
                    {
                        "key": {
                            "type": ["string", "integer", "null"],
                            "description": "language: the language code; district: the "
                            "district's German name; topic: the topic id; school_type: the "
                            "school type, null for sessions at another place; month: YYYY-MM.",
                        },
                        "label": {**TEXT, "description": "In the reader's locale."},
                        **COUNTS,
                    }
                ),
                "description": "Most sessions first (months in order, empty months too). By "
                "language a session counts under every language used, so rows may add up to "
                "more than the totals.",
            },
            "activities": {
                "type": "array",
                "description": "Approved activities of the period per type, most first.",
                "items": fixed(
                    {
                        "type": {"enum": list(ACTIVITY_TYPES)},
                        "label": TEXT,
                        "count": INTEGER,
                        "people": INTEGER,
                        "hours": HOURS,
                        "minutes": INTEGER,
                    }
                ),
            },
        }
    ),
}
