"""The component schemas of the OpenAPI document: the API's objects and its error."""

from typing import Any

from moderators.api.training_inputs import (
    DEFAULT_CAPACITY,
    MAX_CAPACITY,
    MAX_POSITION,
    NOTES_LENGTH,
)
from moderators.roster.models import LEVELS, STATUSES
from moderators.schools.models import SCHOOL_TYPES
from moderators.training.models import (
    ATTENDANCE_STATUSES,
    CANCELLED,
    CLOSED,
    COMPLETED,
    DROPPED,
    ENROLLMENT_STATUSES,
    HELD,
    NOT_COMPLETED,
    PLANNED,
    RUNNING,
)


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


TEXT = {"type": "string"}
NULLABLE_TEXT = {"type": ["string", "null"], "description": "null or empty clears it"}
# An address, or "" where there is none: a cleared address is sent back as "".
EMAIL_OR_EMPTY = {"anyOf": [{"format": "email"}, {"const": ""}], "maxLength": 254}
TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "description": "HH:MM"}
DATE = {"type": "string", "format": "date"}
DATETIME = {
    "type": "string",
    "format": "date-time",
    "description": (
        "ISO 8601 with a UTC offset, e.g. 2030-03-01T18:00+01:00 or 2030-03-01T17:00:00Z; "
        "a time without offset is refused with 422. Sent back in UTC with Z."
    ),
}
ID = {"type": "integer", "minimum": 1, "maximum": 2147483647}
RATE = {
    "type": ["number", "null"],
    "minimum": 0,
    "maximum": 1,
    "description": (
        "Share of counted modules attended (cancelled modules do not count). While the cohort "
        "runs: present / modules begun so far (null while none has begun); once it is closed: "
        "the final rate, with modules still ahead at closing counted as missed."
    ),
}

MODERATOR_PROPERTIES = {
    "first_name": {**TEXT, "maxLength": 100},
    "last_name": {**TEXT, "maxLength": 100},
    "email": {**NULLABLE_TEXT, **EMAIL_OR_EMPTY},
    "phone": {**NULLABLE_TEXT, "maxLength": 60},
    "status": {
        "enum": list(STATUSES),
        "description": "Only coordinators may set it; a moderator sending it gets 403.",
    },
    "languages": {
        "type": "array",
        "description": "Languages by BCP 47 code; an unknown code gives 422 (field languages).",
        "items": {
            "type": "object",
            "required": ["code", "level"],
            "properties": {"code": TEXT, "level": {"enum": list(LEVELS)}},
        },
    },
    "districts": {
        "type": "array",
        "description": "Districts of Hamburg by German name (e.g. Altona); unknown gives 422.",
        "items": TEXT,
    },
    "availability": {
        "type": "array",
        "description": "Weekly windows in local time (Europe/Berlin); weekday 0 is Monday.",
        "items": {
            "type": "object",
            "required": ["weekday", "from", "to"],
            "properties": {
                "weekday": {"type": "integer", "minimum": 0, "maximum": 6},
                "from": TIME,
                "to": TIME,
            },
        },
    },
    "absences": {
        "type": "array",
        "description": "Date ranges, both days included.",
        "items": {
            "type": "object",
            "required": ["from", "to"],
            "properties": {"from": DATE, "to": DATE},
        },
    },
}
SCHOOL_PROPERTIES = {
    "name": {**TEXT, "maxLength": 200},
    "type": {"enum": list(SCHOOL_TYPES)},
    "district": {**TEXT, "description": "District of Hamburg by German name."},
    "address": {**NULLABLE_TEXT, "maxLength": 300},
    "contact_name": {**NULLABLE_TEXT, "maxLength": 160},
    "contact_email": {**NULLABLE_TEXT, **EMAIL_OR_EMPTY},
    "contact_phone": {**NULLABLE_TEXT, "maxLength": 60},
    "active": {"type": "boolean"},
}

COHORT_PROPERTIES = {
    "name": {**TEXT, "maxLength": 160, "description": "Unique, whatever the case."},
    "starts_on": DATE,
    "ends_on": {**DATE, "description": "Not before starts_on; the modules lie between the two."},
    "venue": {**NULLABLE_TEXT, "maxLength": 300},
    "capacity": {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_CAPACITY,
        "default": DEFAULT_CAPACITY,
        "description": "Places; not fewer than places_taken.",
    },
    "trainers": {**NULLABLE_TEXT, "maxLength": 500},
    "notes": {**NULLABLE_TEXT, "maxLength": NOTES_LENGTH, "description": "May span several lines."},
}
COHORT_STATE = {
    "places_taken": {"type": "integer", "description": "Enrolments except those who dropped out."},
    "status": {
        "enum": [PLANNED, RUNNING, CLOSED],
        "description": "planned before the first day (Europe/Berlin), then running until closed.",
    },
    "closed_at": {"type": ["string", "null"], "format": "date-time", "description": "UTC, Z"},
}
MODULE_PROPERTIES = {
    "title": {**TEXT, "maxLength": 200},
    "starts_at": {
        **DATETIME,
        "description": f"{DATETIME['description']} In Europe/Berlin the module lies within "
        "the cohort's dates.",
    },
    "ends_at": {**DATETIME, "description": "After starts_at; same format."},
    "topic_id": {"type": ["integer", "null"], "description": "A topic of GET /api/v1/topics."},
    "position": {
        "type": "integer",
        "minimum": 0,
        "maximum": MAX_POSITION,
        "description": "Order in the cohort; a new module goes last unless given.",
    },
}
TRAINEE_PROPERTIES = {
    key: MODERATOR_PROPERTIES[key]
    for key in ("first_name", "last_name", "email", "phone", "languages", "districts")
}


def output(properties: dict[str, Any]) -> dict[str, Any]:
    """The schema of a response: the input's fields, all present, strings never null."""
    plain = {}
    for key, value in properties.items():
        value = {k: v for k, v in value.items() if k != "description"}
        if value.get("type") == ["string", "null"]:
            value["type"] = "string"
        plain[key] = value
    return {
        "type": "object",
        "required": ["id", *properties],
        "properties": {"id": {"type": "integer"}, **plain},
    }


def input_of(properties: dict[str, Any]) -> dict[str, Any]:
    """The schema of a request body: the given fields only; an `id` sent back is ignored."""
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {"id": {"type": "integer", "readOnly": True}, **properties},
    }


def fixed(properties: dict[str, Any], **more: Any) -> dict[str, Any]:
    """An object whose properties are all present."""
    return {"type": "object", "required": list(properties), "properties": properties, **more}


def extended(schema: dict[str, Any], properties: dict[str, Any], required: bool = True):
    """A copy of an object schema with more properties (all required if `required`)."""
    return {
        **schema,
        "required": [*schema.get("required", []), *(properties if required else [])],
        "properties": {**schema["properties"], **properties},
    }


SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {
                        "type": "string",
                        "examples": ["unauthorized", "forbidden", "validation_error", "conflict"],
                    },
                    "message": TEXT,
                    "field": {**TEXT, "description": "The input at fault (422 only)."},
                },
            }
        },
    },
    "Language": {
        "type": "object",
        "required": ["code", "name", "native_name", "direction", "active_moderators"],
        "properties": {
            "code": {**TEXT, "description": "BCP 47 code, e.g. tr, fa-AF"},
            "name": {**TEXT, "description": "Name in the requested locale"},
            "native_name": TEXT,
            "direction": {"enum": ["ltr", "rtl"]},
            "active_moderators": {"type": "integer"},
        },
    },
    "Topic": {
        "type": "object",
        "required": ["id", "name"],
        "properties": {"id": {"type": "integer"}, "name": TEXT},
    },
    "Moderator": output(MODERATOR_PROPERTIES),
    "ModeratorInput": input_of(MODERATOR_PROPERTIES),
    "School": output(SCHOOL_PROPERTIES),
    "SchoolInput": input_of(SCHOOL_PROPERTIES),
    "CohortSummary": extended(output(COHORT_PROPERTIES), COHORT_STATE),
    "CohortInput": input_of(COHORT_PROPERTIES),
    "Module": extended(
        output(MODULE_PROPERTIES),
        {"status": {"enum": [PLANNED, HELD, CANCELLED], "description": "held once begun"}},
    ),
    "ModuleInput": input_of(MODULE_PROPERTIES),
    "ModuleChange": input_of(
        {
            **MODULE_PROPERTIES,
            "status": {"enum": [PLANNED, CANCELLED], "description": "cancel, or reinstate"},
        }
    ),
    "Enrollment": fixed(
        {
            "id": {"type": "integer"},
            "moderator_id": {"type": "integer"},
            "first_name": TEXT,
            "last_name": TEXT,
            "status": {"enum": list(ENROLLMENT_STATUSES)},
            "attendance_rate": RATE,
            "drop_reason": {**TEXT, "description": "Empty unless dropped."},
        }
    ),
    "EnrollmentInput": {
        "oneOf": [
            {
                **fixed({"moderator_id": ID}, additionalProperties=False),
                "title": "An existing trainee",
            },
            {
                "type": "object",
                "title": "A new trainee (created with status trainee)",
                "additionalProperties": False,
                "required": ["first_name", "last_name"],
                "properties": TRAINEE_PROPERTIES,
            },
        ]
    },
    "EnrollmentChange": input_of(
        {"status": {"const": DROPPED}, "reason": {**TEXT, "minLength": 1, "maxLength": 500}}
    )
    | {"required": ["status", "reason"]},
    "AttendanceMark": fixed(
        {"moderator_id": ID, "status": {"enum": list(ATTENDANCE_STATUSES)}},
        additionalProperties=False,
    ),
    "ClosingOutcome": fixed(
        {
            "enrollment_id": {"type": "integer"},
            "moderator_id": {"type": "integer"},
            "status": {"enum": [COMPLETED, NOT_COMPLETED]},
            "attendance_rate": {**RATE, "description": "The final rate."},
        }
    ),
}
SCHEMAS["Cohort"] = extended(
    SCHEMAS["CohortSummary"],
    {
        "modules": {"type": "array", "items": ref("Module")},
        "enrollments": {"type": "array", "items": ref("Enrollment")},
    },
)
