"""API endpoints for schools' requests: filing and following them (school, coordinator), and
turning them into sessions with the ranked candidates (coordinator)."""

from contextlib import contextmanager
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from moderators.api.auth import api_roles, api_user
from moderators.api.errors import ApiError, forbidden, not_found, validation_error
from moderators.api.params import (
    choice_arg,
    existing_arg,
    json_object,
    paginated,
    positive_int_arg,
)
from moderators.api.scheduling_inputs import (
    optional_reason,
    request_fields,
    schedule_fields,
)
from moderators.api.serializers import request_json, session_json, slot_matches_json
from moderators.api.training_inputs import MAX_ID
from moderators.auth.models import COORDINATOR, SCHOOL
from moderators.common.models import District
from moderators.common.results import until_data_changes
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.scheduling import queries, services
from moderators.scheduling.booking import SchedulingError
from moderators.scheduling.locks import lock_request
from moderators.scheduling.matching import match_slots
from moderators.scheduling.models import (
    REQUEST_STATUSES,
    InfoSession,
    RequestSlot,
    SessionRequest,
)
from moderators.schools.models import School
from moderators.schools.queries import own_school
from moderators.topics.models import Topic

# The services name a few inputs differently from the API.
API_FIELDS = {None: "body", "venue_name": "venue"}
# PostgreSQL's own guard against overlapping accepted assignments (migration 0003).
NO_DOUBLE_BOOKING = "ex_assignment_no_double_booking"


@api_roles(COORDINATOR, SCHOOL)
def list_requests():
    """Newest first; a school sees its own requests only (another `school_id` is a 403)."""
    query = _requests_select().order_by(SessionRequest.created_at.desc(), SessionRequest.id.desc())
    school_id = positive_int_arg("school_id", None, MAX_ID)
    user = api_user()
    if user.role == SCHOOL:
        if school_id not in (None, user.school_id):
            raise forbidden()
        query = query.where(SessionRequest.school_id == user.school_id)
    elif school_id is not None:
        query = query.where(SessionRequest.school_id == school_id)
    status = choice_arg("status", REQUEST_STATUSES)
    if status is not None:
        query = query.where(SessionRequest.status == status)
    language = existing_arg("language", Language.code)
    if language is not None:
        query = query.where(SessionRequest.language.has(Language.code == language))
    return paginated(query, request_json)


@api_roles(COORDINATOR, SCHOOL)
def add_request():
    """A school files a request for itself; the coordination names the school by `school_id`."""
    fields = request_fields(json_object())
    school = _requesting_school(fields.pop("school_id", None))
    language = db.session.scalar(select(Language).where(Language.code == fields.pop("language")))
    topic = db.session.get(Topic, fields.pop("topic_id"))
    venue = fields.pop("venue", None)
    if venue is not None:
        fields |= {
            "venue_name": venue["name"],
            "venue_address": venue["address"],
            "district": district_named(venue["district"]),
        }
    with refusals():
        request = services.create_request(school, language=language, topic=topic, **fields)
    location = url_for("api.show_request", request_id=request.id)
    return request_json(queries.request_with_details(request.id)), 201, {"Location": location}


@api_roles(COORDINATOR, SCHOOL)
def show_request(request_id: int):
    return request_json(_visible_request(request_id, details=True))


@api_roles(COORDINATOR, SCHOOL)
def cancel_request(request_id: int):
    """Only an open request can be cancelled (else 409); the body `{reason}` is optional."""
    request = _visible_request(request_id)
    reason = optional_reason()
    with refusals():
        services.cancel_request(request, reason)
    return request_json(queries.request_with_details(request_id))


@api_roles(COORDINATOR)
def request_candidates(request_id: int):
    """For each preferred start: the moderators who could take it, ranked, and the near-misses.

    A session already made from the request does not make its own moderators look busy.
    """
    return current_app.response_class(_candidates_body(request_id), mimetype="application/json")


@until_data_changes
def _candidates_body(request_id: int) -> bytes:
    """The answer, the same for every coordinator, kept as written until the data changes or
    the match it is written from expires (a speaker's session begins or leaves the 90 days).
    Kept as JSON text: about 100 KB for 460 speakers at three starts, where the same answer as
    Python objects takes five times as much."""
    # All that matching needs, in one query of plain columns: a row per preferred start.
    latest_session = (
        select(func.max(InfoSession.id))
        .where(InfoSession.request_id == SessionRequest.id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(
            SessionRequest.language_id,
            SessionRequest.district_id,
            SessionRequest.duration_minutes,
            latest_session,
            RequestSlot.starts_at,
        )
        .outerjoin(RequestSlot, RequestSlot.request_id == SessionRequest.id)
        .where(SessionRequest.id == request_id)
        .order_by(RequestSlot.starts_at)
    ).all()
    if not rows:
        raise not_found()
    language_id, district_id, minutes, session_id = rows[0][:4]
    duration = timedelta(minutes=minutes)
    slots = [(row.starts_at, row.starts_at + duration) for row in rows if row.starts_at]
    matches = match_slots(language_id, district_id, slots, exclude_session_id=session_id)
    return current_app.json.response({"slots": slot_matches_json(matches)}).get_data()


@api_roles(COORDINATOR)
def schedule_request(request_id: int):
    """Make the session at one of the preferred starts, and offer it or assign it directly.

    Assigning someone who is booked elsewhere at that time is a 409, and nothing is saved.
    """
    # Locked at once: scheduling reads the request afresh under the lock anyway.
    request = lock_request(request_id)
    if request is None:
        raise not_found()
    starts_at, moderator_ids, mode = schedule_fields(json_object())
    with refusals(full_is_conflict=True):
        session = services.schedule_request(request, starts_at, moderator_ids, mode)
    location = url_for("api.show_session", session_id=session.id)
    # The service keeps what it stored and read under its locks: the answer is built from that.
    return session_json(session), 201, {"Location": location}


# Shared with the endpoints of sessions and assignments --------------------------


@contextmanager
def refusals(full_is_conflict: bool = False, fields: dict | None = None):
    """A service's refusal becomes 410 (the offer is gone), 409 (a clash) or 422 (an input).

    Nothing of the refused change is kept. When staffing a session (`full_is_conflict`),
    finding it fully staffed is a clash with the state of things, not a vanished offer.
    A double booking that only the database caught (a concurrent accept, or times written
    before the services' own check ran) is a clash too.
    """
    try:
        yield
    except IntegrityError as error:
        db.session.rollback()
        if getattr(getattr(error.orig, "diag", None), "constraint_name", None) != NO_DOUBLE_BOOKING:
            raise
        raise ApiError(
            409, "conflict", _("Eine Moderator*in ist zu dieser Zeit schon anderweitig gebucht.")
        ) from None
    except SchedulingError as error:
        db.session.rollback()
        if error.gone and not full_is_conflict:
            raise ApiError(410, "gone", error.message) from None
        if error.conflict or error.gone:
            raise ApiError(409, "conflict", error.message) from None
        names = {**API_FIELDS, **(fields or {})}
        raise validation_error(names.get(error.field, error.field), error.message) from None


def district_named(name: str) -> District:
    """The district of that German name; 422 naming `venue.district` if Hamburg has none."""
    district = db.session.scalar(select(District).where(District.name == name))
    if district is None:
        raise validation_error("venue.district", _("Unbekannte Bezirke: %(names)s", names=name))
    return district


def school_with_id(school_id: int) -> School:
    school = db.session.get(School, school_id)
    if school is None:
        raise validation_error("school_id", _("Unbekannte Schule."))
    return school


def sessions_select():
    """Sessions with what their JSON shows, in a fixed number of queries per page."""
    return select(InfoSession).options(
        selectinload(InfoSession.language),
        selectinload(InfoSession.district),
        selectinload(InfoSession.assignments),
    )


def _requests_select():
    return select(SessionRequest).options(
        selectinload(SessionRequest.language),
        selectinload(SessionRequest.district),
        selectinload(SessionRequest.slots),
        selectinload(SessionRequest.sessions).load_only(InfoSession.id),
    )


def _visible_request(request_id: int, details: bool = False) -> SessionRequest:
    """A school user asking for another school's request gets 403 whether or not it exists."""
    request = (
        queries.request_with_details(request_id)
        if details
        else db.session.get(SessionRequest, request_id)
    )
    user = api_user()
    if user.role == SCHOOL and (request is None or request.school_id != user.school_id):
        raise forbidden()
    if request is None:
        raise not_found()
    return request


def _requesting_school(school_id: int | None) -> School:
    user = api_user()
    if user.role == SCHOOL:
        school = own_school(user)
        if school is None or school_id not in (None, user.school_id):
            raise forbidden()
        return school
    if school_id is None:
        raise validation_error("school_id", _("Bitte ausfüllen."))
    return school_with_id(school_id)
