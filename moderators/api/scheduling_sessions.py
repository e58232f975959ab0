"""API endpoints for information sessions: planning, moving, cancelling and staffing them
(coordinator), and answering an offer (only the moderator it was made to)."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from moderators.api.auth import api_roles, api_user
from moderators.api.errors import ApiError, forbidden, not_found, validation_error
from moderators.api.params import (
    choice_arg,
    existing_arg,
    json_object,
    paginated,
    positive_int_arg,
)
from moderators.api.scheduling import (
    district_named,
    refusals,
    school_with_id,
    sessions_select,
)
from moderators.api.scheduling_inputs import (
    assignment_fields,
    optional_reason,
    required_reason,
    session_fields,
    time_arg,
)
from moderators.api.serializers import assignment_json, session_json
from moderators.api.training_inputs import MAX_ID
from moderators.auth.models import COORDINATOR, MODERATOR
from moderators.common.models import District, utcnow
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.roster.models import Moderator
from moderators.scheduling import services, session_changes
from moderators.scheduling.locks import lock_session, locked_offer
from moderators.scheduling.models import BOOKED, OFFERED, SESSION_STATUSES, Assignment, InfoSession
from moderators.scheduling.queries import session_for_change
from moderators.topics.models import Topic

# plan_session and reschedule check a start as the first of a request's preferred starts.
TIME_FIELDS = {"preferred_starts": "starts_at"}
TIME_CHANGE = ("starts_at", "duration_minutes", "reason")


@api_roles(COORDINATOR)
def list_sessions():
    """Soonest first. `from` and `to` bound the start: a date means a whole day in Hamburg,
    `to` included; a time with offset is exact, `from` included and `to` not."""
    query = sessions_select().order_by(InfoSession.starts_at, InfoSession.id)
    starts_from, before = time_arg("from"), time_arg("to", end=True)
    if starts_from is not None:
        query = query.where(InfoSession.starts_at >= starts_from)
    if before is not None:
        query = query.where(InfoSession.starts_at < before)
    language = existing_arg("language", Language.code)
    if language is not None:
        query = query.where(InfoSession.language.has(Language.code == language))
    district = existing_arg("district", District.name)
    if district is not None:
        query = query.where(InfoSession.district.has(District.name == district))
    status = choice_arg("status", SESSION_STATUSES)
    if status is not None:
        query = query.where(InfoSession.status == status)
    moderator_id = positive_int_arg("moderator_id", None, MAX_ID)
    if moderator_id is not None:
        if db.session.get(Moderator, moderator_id) is None:
            raise validation_error("moderator_id", _("Unbekannte Moderator*in."))
        query = query.where(
            InfoSession.assignments.any(
                (Assignment.moderator_id == moderator_id) & Assignment.status.in_(BOOKED)
            )
        )
    return paginated(query, session_json)


@api_roles(COORDINATOR)
def add_session():
    """A session without a request: at a school (`school_id`), at another place (`venue`), or
    at a school's premises described differently (both). A past `starts_at` enters a session
    that already took place; its moderators are then assigned with mode "assign"."""
    fields = session_fields(json_object(), new=True)
    school = school_with_id(fields.pop("school_id")) if "school_id" in fields else None
    language = db.session.scalar(select(Language).where(Language.code == fields.pop("language")))
    topic = db.session.get(Topic, fields.pop("topic_id"))
    venue = fields.pop("venue", None)
    if venue is not None:
        fields |= {"venue_name": venue["name"], "venue_address": venue["address"]}
    district = district_named(venue["district"]) if venue is not None else school.district
    with refusals(fields=TIME_FIELDS):
        session = services.plan_session(
            language=language, topic=topic, school=school, district=district, past_ok=True, **fields
        )
    location = url_for("api.show_session", session_id=session.id)
    return session_json(_session(session.id)), 201, {"Location": location}


@api_roles(COORDINATOR)
def show_session(session_id: int):
    return session_json(_session(session_id))


@api_roles(COORDINATOR)
def change_session(session_id: int):
    """Move a session (starts_at, duration_minutes, with an optional reason for the people
    involved) and change what describes it; the move comes first, so that a clash stops both."""
    session = _session(session_id, for_change=True)
    fields = session_fields(json_object())
    moved = {key: fields.pop(key) for key in TIME_CHANGE if key in fields}
    venue = fields.pop("venue", None)
    if venue is not None:
        fields |= {
            "venue_name": venue["name"],
            "venue_address": venue["address"],
            "district_id": district_named(venue["district"]).id,
        }
    if fields.get("topic_id", session.topic_id) != session.topic_id:
        topic = db.session.get(Topic, fields["topic_id"])
        if topic is None or not topic.active:
            raise validation_error("topic_id", _("Unbekanntes oder nicht aktives Thema."))
    with refusals(fields=TIME_FIELDS):
        starts_at = moved.get("starts_at", session.starts_at)
        minutes = moved.get("duration_minutes", session.duration_minutes)
        if starts_at != session.starts_at or minutes != session.duration_minutes:
            session_changes.reschedule(session, starts_at, minutes, moved.get("reason", ""))
        if fields:
            session_changes.update_session(session, **fields)
    return session_json(session)  # as the services left it: what they stored


@api_roles(COORDINATOR)
def cancel_session(session_id: int):
    """Cancel with a reason; the moderators offered or booked are told."""
    session = _session(session_id, for_change=True)
    reason = required_reason()
    with refusals():
        session_changes.cancel_session(session, reason)
    return session_json(session)  # as the service left it: what it stored


@api_roles(COORDINATOR)
def add_assignment(session_id: int):
    """Offer the session to one more moderator, or assign them directly (409 if they are booked
    elsewhere at that time, or the session is fully staffed)."""
    # Locked at once: staffing reads the session afresh under the lock anyway (booking.staff).
    session = lock_session(session_id)
    if session is None:
        raise not_found()
    moderator_id, mode = assignment_fields(json_object())
    moderator = db.session.get(Moderator, moderator_id)
    if moderator is None:
        raise validation_error("moderator_id", _("Unbekannte Moderator*in."))
    with refusals(full_is_conflict=True, fields={"moderator_ids": "moderator_id"}):
        assignment = services.add_assignment(session, moderator, mode)
    return assignment_json(assignment), 201


@api_roles(MODERATOR)
def accept_assignment(assignment_id: int):
    """409 if it overlaps another booking of theirs; 410 if the offer is no longer open."""
    assignment = _open_offer(assignment_id)
    with refusals():
        services.accept(assignment)
    return assignment_json(assignment)


@api_roles(MODERATOR)
def decline_assignment(assignment_id: int):
    """The body `{reason}` is optional; 410 if the offer is no longer open."""
    assignment = _open_offer(assignment_id)
    reason = optional_reason()
    with refusals():
        services.decline(assignment, reason)
    return assignment_json(assignment)


def _session(session_id: int, for_change: bool = False) -> InfoSession:
    """The session with what its JSON shows, or (`for_change`) with what a change to it and the
    change's mails read too, in one statement."""
    if for_change:
        session = session_for_change(session_id)
    else:
        session = (
            db.session.execute(
                select(InfoSession)
                .where(InfoSession.id == session_id)
                .options(
                    joinedload(InfoSession.language),
                    joinedload(InfoSession.district),
                    joinedload(InfoSession.assignments),
                )
            )
            .unique()
            .scalar_one_or_none()
        )
    if session is None:
        raise not_found()
    return session


def _open_offer(assignment_id: int) -> Assignment:
    """The user's own assignment (anyone else's is a 403, whether or not it exists).

    An offer whose session has begun can no longer be answered, as with the links in mails.
    The session is locked for the answer (see booking.book).
    """
    assignment = locked_offer(assignment_id, api_user().moderator_id)
    if assignment is None:
        raise forbidden()
    if assignment.status == OFFERED and assignment.starts_at <= utcnow():
        raise ApiError(410, "gone", _("Dieses Angebot ist nicht mehr offen."))
    return assignment
