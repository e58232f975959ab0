"""The JSON shapes of the API's objects; the request bodies mirror them."""

from datetime import UTC, datetime
from typing import Any

from moderators.i18n import language_name, native_language_name
from moderators.languages.models import Language
from moderators.logbook.models import Activity, EventReport
from moderators.roster.models import Moderator
from moderators.roster.pool import PoolEntry
from moderators.scheduling.matching import Candidate, SlotMatch
from moderators.scheduling.models import Assignment, InfoSession, SessionRequest
from moderators.schools.models import School
from moderators.topics.models import Topic
from moderators.training.models import DROPPED, Cohort, Enrollment, TrainingModule

TIME_FORMAT = "%H:%M"


def moderator_json(moderator: Moderator) -> dict[str, Any]:
    """Weekday 0 is Monday, times are local "HH:MM", absences are inclusive ISO dates."""
    return pool_entry_json(
        PoolEntry(
            moderator.id,
            moderator.first_name,
            moderator.last_name,
            moderator.email,
            moderator.phone,
            moderator.status,
            [
                (link.language.code, link.language.name_de, link.level)
                for link in moderator.languages
            ],
            [district.name for district in moderator.districts],
            [
                (window.weekday, window.starts_at, window.ends_at)
                for window in moderator.availability
            ],
            [(absence.starts_on, absence.ends_on) for absence in moderator.absences],
        )
    )


def pool_entry_json(entry: PoolEntry) -> dict[str, Any]:
    """A moderator as the API shows them, from the plain values of the pool's list (or of a
    loaded moderator): languages by code, the rest in the order given."""
    return {
        "id": entry.id,
        "first_name": entry.first_name,
        "last_name": entry.last_name,
        "email": entry.email,
        "phone": entry.phone,
        "status": entry.status,
        "languages": [
            {"code": code, "level": level} for code, _name, level in sorted(entry.languages)
        ],
        "districts": entry.districts,
        "availability": [
            {
                "weekday": weekday,
                "from": starts_at.strftime(TIME_FORMAT),
                "to": ends_at.strftime(TIME_FORMAT),
            }
            for weekday, starts_at, ends_at in entry.availability
        ],
        "absences": [
            {"from": starts_on.isoformat(), "to": ends_on.isoformat()}
            for starts_on, ends_on in entry.absences
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


def request_json(request: SessionRequest) -> dict[str, Any]:
    """A school's request; its venue is the school's unless another place was given."""
    return {
        "id": request.id,
        "status": request.status,
        "status_reason": request.status_reason,
        "school_id": request.school_id,
        "language": request.language.code,
        "topic_id": request.topic_id,
        "preferred_starts": [timestamp_json(slot.starts_at) for slot in request.slots],
        "duration_minutes": request.duration_minutes,
        "expected_parents": request.expected_parents,
        "venue": {**_venue_json(request), "district": request.district.name},
        "notes": request.notes,
        "public": request.public,
        "created_at": timestamp_json(request.created_at),
        "session_id": max((session.id for session in request.sessions), default=None),
    }


def session_json(session: InfoSession) -> dict[str, Any]:
    """A session with all its assignments, also declined and withdrawn ones."""
    return {
        "id": session.id,
        "request_id": session.request_id,
        "school_id": session.school_id,
        "venue": _venue_json(session),
        "district": session.district.name,
        "language": session.language.code,
        "topic_id": session.topic_id,
        "starts_at": timestamp_json(session.starts_at),
        "ends_at": timestamp_json(session.ends_at),
        "duration_minutes": session.duration_minutes,
        "moderators_needed": session.moderators_needed,
        "expected_parents": session.expected_parents,
        "status": session.status,
        "status_reason": session.status_reason,
        "public": session.public,
        "notes": session.notes,
        "assignments": [assignment_json(assignment) for assignment in session.assignments],
    }


def assignment_json(assignment: Assignment) -> dict[str, Any]:
    return {
        "id": assignment.id,
        "session_id": assignment.session_id,
        "moderator_id": assignment.moderator_id,
        "status": assignment.status,
        "starts_at": timestamp_json(assignment.starts_at),
        "ends_at": timestamp_json(assignment.ends_at),
        "offered_at": timestamp_json(assignment.offered_at),
        "responded_at": timestamp_json(assignment.responded_at),
        "decline_reason": assignment.decline_reason,
    }


def slot_matches_json(matches: list[SlotMatch]) -> list[dict[str, Any]]:
    """Who could take each preferred start, best first, and who was left out and why.

    A language that hundreds speak lists each of them at every start: what is said of a
    speaker is put into words once, and each list adds only the rank or the reason.
    """
    named: dict[int, dict[str, Any]] = {}
    ranked: dict[int, dict[str, Any]] = {}

    def name(speaker) -> dict[str, Any]:
        if speaker.id not in named:
            named[speaker.id] = {"moderator_id": speaker.id, "name": speaker.full_name}
        return named[speaker.id]

    def facts(candidate: Candidate) -> dict[str, Any]:
        speaker = candidate.moderator
        if speaker.id not in ranked:
            ranked[speaker.id] = name(speaker) | {
                "district_match": candidate.district_match,
                "sessions_90d": candidate.sessions_90d,
                "last_session_at": timestamp_json(candidate.last_session_at),
            }
        return ranked[speaker.id]

    return [
        {
            "starts_at": timestamp_json(match.starts_at),
            "ends_at": timestamp_json(match.ends_at),
            "candidates": [facts(c) | {"rank": c.rank} for c in match.candidates],
            "excluded": [name(e.moderator) | {"reason": e.reason} for e in match.excluded],
        }
        for match in matches
    ]


def report_json(report: EventReport) -> dict[str, Any]:
    """A moderator's report on a session; `held_on` is the session's date in Hamburg."""
    return {
        "id": report.id,
        "session_id": report.session_id,
        "assignment_id": report.assignment_id,
        "moderator_id": report.moderator_id,
        "took_place": report.took_place,
        "reason_if_not": report.reason_if_not,
        "parents_reached": report.parents_reached,
        "languages": [language.code for language in report.languages],
        "duration_minutes": report.duration_minutes,
        "travel_minutes": report.travel_minutes,
        "topics_covered": report.topics_covered,
        "questions": report.questions,
        "notes": report.notes,
        "held_on": report.held_on.isoformat(),
        **_review_json(report),
    }


def activity_json(activity: Activity) -> dict[str, Any]:
    return {
        "id": activity.id,
        "moderator_id": activity.moderator_id,
        "type": activity.type,
        "date": activity.held_on.isoformat(),
        "duration_minutes": activity.duration_minutes,
        "languages": [language.code for language in activity.languages],
        "people_reached": activity.people_reached,
        "notes": activity.notes,
        **_review_json(activity),
    }


def _review_json(item: EventReport | Activity) -> dict[str, Any]:
    return {
        "status": item.status,
        "submitted_at": timestamp_json(item.submitted_at),
        "reviewed_at": timestamp_json(item.reviewed_at),
        "review_comment": item.review_comment,
        "allowance_cents": item.allowance_cents,
    }


def _venue_json(place: SessionRequest | InfoSession) -> dict[str, str]:
    return {"name": place.venue_name, "address": place.venue_address}
