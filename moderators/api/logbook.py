"""API endpoints for reports on sessions: a moderator logs and corrects their own (or a
coordinator on their behalf); the coordination lists, approves and returns them."""

from contextlib import contextmanager

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import Select, inspect, select
from sqlalchemy.orm import joinedload, selectinload

from moderators.api.auth import api_roles, api_user
from moderators.api.errors import ApiError, forbidden, not_found, validation_error
from moderators.api.logbook_inputs import (
    date_range_args,
    languages_by_code,
    report_fields,
    review_comment,
)
from moderators.api.params import choice_arg, json_object, paginated, positive_int_arg
from moderators.api.serializers import report_json
from moderators.api.training_inputs import MAX_ID, integer_value
from moderators.auth.models import COORDINATOR, MODERATOR
from moderators.extensions import db
from moderators.logbook import locks, services
from moderators.logbook.models import REVIEW_STATUSES, EventReport
from moderators.logbook.rules import LogbookError
from moderators.roster.models import Moderator
from moderators.scheduling.models import Assignment, InfoSession


@api_roles(COORDINATOR, MODERATOR)
def list_reports():
    """Oldest submission first (a corrected report goes to the back again); a moderator sees
    their own only (another `moderator_id` is a 403). `from` and `to` bound the session's date."""
    query = select(EventReport).options(selectinload(EventReport.languages))
    query = review_filters(query, EventReport)
    return paginated(query.order_by(EventReport.submitted_at, EventReport.id), report_json)


@api_roles(COORDINATOR, MODERATOR)
def add_report(session_id: int):
    """A booked moderator reports on a session that has begun; a coordinator on their behalf
    names them by `moderator_id`. One report per booking: a second one is a 409."""
    session = (
        db.session.execute(
            select(InfoSession)
            .where(InfoSession.id == session_id)
            .options(joinedload(InfoSession.assignments))
        )
        .unique()
        .scalar_one_or_none()
    )
    if session is None:
        raise not_found()
    body = json_object()
    assignment = _booking(session, body)
    fields = report_fields(body, new=True)
    if "languages" in fields:
        fields["languages"] = languages_by_code(fields["languages"])
    with refusals():
        report = services.submit_report(assignment, **fields)
    report_id = inspect(report).identity[0]  # without reading the committed report again
    location = url_for("api.show_report", report_id=report_id)
    return report_json(_report(report_id)), 201, {"Location": location}


@api_roles(COORDINATOR, MODERATOR)
def show_report(report_id: int):
    return report_json(owned(_report(report_id)))


@api_roles(COORDINATOR, MODERATOR)
def change_report(report_id: int):
    """Correct the given fields until the report is approved (then 409); a returned report
    goes back to the review queue."""
    report = owned(locks.report_for_review(report_id))
    fields = report_fields(json_object())
    if "languages" in fields:
        fields["languages"] = languages_by_code(fields["languages"])
    with refusals():
        services.update_report(report, **fields)
    return report_json(_report(report_id))


@api_roles(COORDINATOR)
def approve_report(report_id: int):
    """Only a report waiting for review (else 409); the allowance is fixed, the session held."""
    report = found(locks.report_for_review(report_id))
    comment = review_comment(required=False)
    with refusals():
        services.approve_report(report, comment)
    return report_json(_report(report_id))


@api_roles(COORDINATOR)
def return_report(report_id: int):
    """Back to its moderator with a comment on what to correct (required)."""
    report = found(locks.report_for_review(report_id))
    comment = review_comment(required=True)
    with refusals():
        services.return_report(report, comment)
    return report_json(_report(report_id))


@contextmanager
def refusals():
    """A service's refusal becomes 409 (it clashes with the state of things: approved already,
    not waiting for review, reported already) or 422 naming the input at fault; nothing of
    the refused change is kept."""
    try:
        yield
    except LogbookError as error:
        db.session.rollback()
        if error.conflict:
            raise ApiError(409, "conflict", error.message) from None
        raise validation_error(error.field or "body", error.message) from None


def review_filters(query: Select, model) -> Select:
    """The filters reports and activities share: status, moderator_id, from and to (dates,
    both included, of the session or activity). A moderator is held to their own entries."""
    user = api_user()
    moderator_id = positive_int_arg("moderator_id", None, MAX_ID)
    if user.role == MODERATOR:
        if moderator_id not in (None, user.moderator_id):
            raise forbidden()
        moderator_id = user.moderator_id
    elif moderator_id is not None and db.session.get(Moderator, moderator_id) is None:
        raise validation_error("moderator_id", _("Unbekannte Moderator*in."))
    if moderator_id is not None:
        query = query.where(model.moderator_id == moderator_id)
    status = choice_arg("status", REVIEW_STATUSES)
    if status is not None:
        query = query.where(model.status == status)
    start, end = date_range_args()
    if start is not None:
        query = query.where(model.held_on >= start)
    if end is not None:
        query = query.where(model.held_on <= end)
    return query


def owned(item):
    """The entry if the user may see it: a coordinator any (404 if there is none), a moderator
    only their own (anyone else's is a 403, whether or not it exists)."""
    user = api_user()
    if user.role == MODERATOR:
        if item is None or item.moderator_id != user.moderator_id:
            raise forbidden()
    elif item is None:
        raise not_found()
    return item


def acting_for(body: dict) -> Moderator:
    """Whose entry a new report or activity is: a moderator's own (naming anyone else in
    `moderator_id` is a 403); a coordinator must name an existing moderator (else 422)."""
    moderator_id = _acting_for_id(body)
    if api_user().role == MODERATOR:
        return db.session.get(Moderator, api_user().moderator_id)
    moderator = db.session.get(Moderator, moderator_id)
    if moderator is None:
        raise _unknown_moderator()
    return moderator


def _acting_for_id(body: dict) -> int:
    """The id of whose entry it is, as acting_for checks it, without loading the moderator."""
    user = api_user()
    if user.role == MODERATOR:
        if "moderator_id" in body:
            named = integer_value("moderator_id", body["moderator_id"], 1, MAX_ID)
            if named != user.moderator_id:
                raise forbidden()
        if user.moderator_id is None:
            raise forbidden()
        return user.moderator_id
    if "moderator_id" not in body:
        raise validation_error("moderator_id", _("Bitte ausfüllen."))
    return integer_value("moderator_id", body["moderator_id"], 1, MAX_ID)


def _unknown_moderator() -> ApiError:
    return validation_error("moderator_id", _("Unbekannte Moderator*in."))


def found(item):
    if item is None:
        raise not_found()
    return item


def _booking(session: InfoSession, body: dict) -> Assignment:
    """The accepted assignment the report is on: a moderator not booked for the session gets
    a 403; a coordinator naming someone not booked, a 422."""
    moderator_id = _acting_for_id(body)
    for assignment in session.accepted:  # the session comes with its assignments
        if assignment.moderator_id == moderator_id:
            return assignment
    if api_user().role == MODERATOR:
        raise forbidden(_("Sie sind für diese Veranstaltung nicht gebucht."))
    if db.session.get(Moderator, moderator_id) is None:  # booked ones exist; this one may not
        raise _unknown_moderator()
    raise validation_error(
        "moderator_id", _("Diese Person ist für diese Veranstaltung nicht gebucht.")
    )


def _report(report_id: int) -> EventReport | None:
    """The report with what its JSON shows, in one query. A change reads it again after its
    commit; who may see it was checked before."""
    return (
        db.session.execute(
            select(EventReport)
            .where(EventReport.id == report_id)
            .options(joinedload(EventReport.languages))
        )
        .unique()
        .scalar_one_or_none()
    )
