"""The JSON shapes of the API's objects; the request bodies mirror them."""

from typing import Any

from moderators.i18n import language_name, native_language_name
from moderators.languages.models import Language
from moderators.roster.models import Moderator
from moderators.schools.models import School
from moderators.topics.models import Topic

TIME_FORMAT = "%H:%M"


def moderator_json(moderator: Moderator) -> dict[str, Any]:
    """Weekday 0 is Monday, times are local "HH:MM", absences are inclusive ISO dates."""
    return {
        "id": moderator.id,
        "first_name": moderator.first_name,
        "last_name": moderator.last_name,
        "email": moderator.email,
        "phone": moderator.phone,
        "status": moderator.status,
        "languages": [
            {"code": link.language.code, "level": link.level}
            for link in sorted(moderator.languages, key=lambda link: link.language.code)
        ],
        "districts": [district.name for district in moderator.districts],
        "availability": [
            {
                "weekday": window.weekday,
                "from": window.starts_at.strftime(TIME_FORMAT),
                "to": window.ends_at.strftime(TIME_FORMAT),
            }
            for window in moderator.availability
        ],
        "absences": [
            {"from": absence.starts_on.isoformat(), "to": absence.ends_on.isoformat()}
            for absence in moderator.absences
        ],
    }


def school_json(school: School) -> dict[str, Any]:
    return {
        "id": school.id,
        "name": school.name,
        "type": school.type,
        "district": school.district.name,
        "address": school.address,
        "contact_name": school.contact_name,
        "contact_email": school.contact_email,
        "contact_phone": school.contact_phone,
        "active": school.active,
    }


def language_json(language: Language, locale: str, active_moderators: int) -> dict[str, Any]:
    return {
        "code": language.code,
        "name": language_name(language.code, locale) or language.name_de,
        "native_name": native_language_name(language.code) or language.name_de,
        "direction": language.direction,
        "active_moderators": active_moderators,
    }


def topic_json(topic: Topic, locale: str) -> dict[str, Any]:
    return {"id": topic.id, "name": topic.name_in(locale)}
