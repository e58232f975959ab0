"""The JSON shapes of the API's objects; the request bodies mirror them."""

from datetime import UTC, datetime
from typing import Any

from moderators.i18n import language_name, native_language_name
from moderators.languages.models import Language
from moderators.roster.models import Moderator
from moderators.schools.models import School
from moderators.topics.models import Topic
from moderators.training.models import DROPPED, Cohort, Enrollment, TrainingModule

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


def timestamp_json(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with "Z", to the second."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def cohort_summary_json(cohort: Cohort, places_taken: int) -> dict[str, Any]:
    """A cohort without its modules and enrolments, as in the list."""
    return {
        "id": cohort.id,
        "name": cohort.name,
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "venue": cohort.venue,
        "capacity": cohort.capacity,
        "places_taken": places_taken,
        "trainers": cohort.trainers,
        "notes": cohort.notes,
        "status": cohort.status,
        "closed_at": timestamp_json(cohort.closed_at),
    }


def cohort_json(cohort: Cohort, rates: dict[int, float | None]) -> dict[str, Any]:
    """The whole cohort; `rates` holds each enrolment's attendance rate by enrolment id."""
    taken = sum(enrollment.status != DROPPED for enrollment in cohort.enrollments)
    return {
        **cohort_summary_json(cohort, taken),
        "modules": [module_json(module) for module in cohort.modules],
        "enrollments": [
            enrollment_json(enrollment, rates.get(enrollment.id))
            for enrollment in cohort.enrollments
        ],
    }


def module_json(module: TrainingModule) -> dict[str, Any]:
    return {
        "id": module.id,
        "title": module.title,
        "starts_at": timestamp_json(module.starts_at),
        "ends_at": timestamp_json(module.ends_at),
        "position": module.position,
        "topic_id": module.topic_id,
        "status": module.status,
    }


def enrollment_json(enrollment: Enrollment, rate: float | None) -> dict[str, Any]:
    return {
        "id": enrollment.id,
        "moderator_id": enrollment.moderator_id,
        "first_name": enrollment.moderator.first_name,
        "last_name": enrollment.moderator.last_name,
        "status": enrollment.status,
        "attendance_rate": rate,
        "drop_reason": enrollment.drop_reason,
    }


def outcome_json(enrollment: Enrollment) -> dict[str, Any]:
    """How closing the cohort decided an enrolment."""
    return {
        "enrollment_id": enrollment.id,
        "moderator_id": enrollment.moderator_id,
        "status": enrollment.status,
        "attendance_rate": enrollment.final_rate,
    }
