"""The component schemas of the OpenAPI document: the API's objects and its error."""

from typing import Any

from moderators.roster.models import LEVELS, STATUSES
from moderators.schools.models import SCHOOL_TYPES


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


TEXT = {"type": "string"}
NULLABLE_TEXT = {"type": ["string", "null"], "description": "null or empty clears it"}
TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "description": "HH:MM"}
DATE = {"type": "string", "format": "date"}

MODERATOR_PROPERTIES = {
    "first_name": {**TEXT, "maxLength": 100},
    "last_name": {**TEXT, "maxLength": 100},
    "email": {**NULLABLE_TEXT, "format": "email", "maxLength": 254},
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
    "contact_email": {**NULLABLE_TEXT, "format": "email", "maxLength": 254},
    "contact_phone": {**NULLABLE_TEXT, "maxLength": 60},
    "active": {"type": "boolean"},
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
                        "examples": ["unauthorized", "forbidden", "validation_error"],
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
    "ModeratorInput": {
        "type": "object",
        "additionalProperties": False,
        "properties": {"id": {"type": "integer", "readOnly": True}, **MODERATOR_PROPERTIES},
    },
    "School": output(SCHOOL_PROPERTIES),
    "SchoolInput": {
        "type": "object",
        "additionalProperties": False,
        "properties": {"id": {"type": "integer", "readOnly": True}, **SCHOOL_PROPERTIES},
    },
}
