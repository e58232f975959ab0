"""API endpoints for training cohorts: modules, enrolments, attendance and closing (coordinator)."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from moderators.api.auth import api_roles
from moderators.api.errors import ApiError, not_found, validation_error
from moderators.api.params import json_object, paginated
from moderators.api.serializers import (
    cohort_json,
    cohort_summary_json,
    enrollment_json,
    module_json,
    outcome_json,
)
from moderators.api.training_inputs import (
    attendance_marks,
    cohort_fields,
    drop_request,
    enrollment_request,
    json_array,
    module_fields,
)
from moderators.auth.models import COORDINATOR
from moderators.extensions import db
from moderators.roster.models import Moderator
from moderators.roster.services import ProfileError
from moderators.training import closing, enrolments, services
from moderators.training.models import (
    CANCELLED,
    DROPPED,
    ENROLLED,
    PLANNED,
    Attendance,
    Cohort,
    Enrollment,
    TrainingModule,
)
from moderators.training.queries import attendance_matrix, cohort_with_details
from moderators.training.services import TrainingError

# The services name a few inputs differently from the API.
API_FIELDS = {"attendance": "moderator_id", None: "body"}


@api_roles(COORDINATOR)
def list_cohorts():
    """A page of cohorts, newest first, without modules and enrolments but with places taken."""
    page = paginated(
        select(Cohort).order_by(Cohort.starts_on.desc(), Cohort.id.desc()), lambda c: c
    )
    taken = _places_taken([cohort.id for cohort in page["items"]])
    page["items"] = [cohort_summary_json(c, taken.get(c.id, 0)) for c in page["items"]]
    return page


@api_roles(COORDINATOR)
def add_cohort():
    fields = cohort_fields(json_object(), new=True)
    cohort = _call(services.create_cohort, **fields)
    location = url_for("api.show_cohort", cohort_id=cohort.id)
    return _cohort_json(cohort.id), 201, {"Location": location}


@api_roles(COORDINATOR)
def show_cohort(cohort_id: int):
    return _cohort_json(cohort_id)


@api_roles(COORDINATOR)
def change_cohort(cohort_id: int):
    cohort = _found(Cohort, cohort_id)
    _call(services.update_cohort, cohort, **cohort_fields(json_object()))
    return _cohort_json(cohort_id)


@api_roles(COORDINATOR)
def add_module(cohort_id: int):
    cohort = _found(Cohort, cohort_id)
    fields, _status = module_fields(json_object(), new=True)
    return module_json(_call(services.add_module, cohort, **fields)), 201


@api_roles(COORDINATOR)
def change_module(module_id: int):
    """Move, rename or re-topic a module; `status` cancels it or plans it again."""
    module = _found(TrainingModule, module_id)
    fields, status = module_fields(json_object())
    # Also when only reinstating: update_module checks that the module still lies inside the
    # cohort's dates, which may have moved while it was cancelled.
    if fields or status == PLANNED:
        _call(services.update_module, module, **fields)
    if status is not None:
        _call(services.cancel_module, module, cancelled=status == CANCELLED)
    return module_json(module)


@api_roles(COORDINATOR)
def add_enrollment(cohort_id: int):
    """Enrol an existing trainee by `moderator_id`, or create a trainee and enrol them at once."""
    cohort = _found(Cohort, cohort_id)
    wanted = enrollment_request(json_object())
    if isinstance(wanted, int):
        moderator = db.session.get(Moderator, wanted)
        if moderator is None:
            raise validation_error("moderator_id", _("Unbekannte Person."))
        enrollment = _call(enrolments.enroll, cohort, moderator)
    else:
        enrollment = _call(enrolments.enroll_new_trainee, cohort, **wanted)
    return _enrollment_json(enrollment), 201


@api_roles(COORDINATOR)
def change_enrollment(enrollment_id: int):
    """The one change an enrolment takes: dropping out, with a reason."""
    enrollment = _found(Enrollment, enrollment_id)
    _call(enrolments.drop, enrollment, drop_request(json_object()))
    return _enrollment_json(enrollment)


@api_roles(COORDINATOR)
def replace_attendance(module_id: int):
    """Replace the module's attendance as a whole; people left out have none recorded."""
    module = _found(TrainingModule, module_id)
    marks = attendance_marks(json_array())
    _call(services.ensure_open, module.cohort)
    enrolled = {e.moderator_id: e.id for e in module.cohort.enrollments if e.status == ENROLLED}
    strangers = sorted(set(marks) - set(enrolled))
    if strangers:
        raise validation_error(
            "moderator_id",
            _(
                "Nicht in diesem Durchgang angemeldet: %(ids)s",
                ids=", ".join(map(str, strangers)),
            ),
        )
    statuses = {enrolled[moderator_id]: status for moderator_id, status in marks.items()}
    _call(enrolments.record_attendance, module, statuses)
    rows = db.session.execute(
        select(Enrollment.moderator_id, Attendance.status)
        .join(Attendance, Attendance.enrollment_id == Enrollment.id)
        .where(Attendance.module_id == module.id)
        .order_by(Enrollment.moderator_id)
    )
    return [{"moderator_id": moderator_id, "status": status} for moderator_id, status in rows]


@api_roles(COORDINATOR)
def close_cohort(cohort_id: int):
    """Decide every open enrolment by the completion rule; 409 if the cohort is closed already."""
    # Locked at once: closing reads the cohort afresh under the lock anyway (lock_cohort).
    cohort = closing.lock_cohort(cohort_id)
    if cohort is None:
        raise not_found()
    decided = _call(closing.close_cohort, cohort)
    return {"outcomes": [outcome_json(enrollment) for enrollment in decided]}


def _found(model, object_id: int):
    found = db.session.get(model, object_id)
    if found is None:
        raise not_found()
    return found


def _call(service, *args, **kwargs):
    """Call a service; its refusal becomes 409 (a clash with the state of things) or 422."""
    try:
        return service(*args, **kwargs)
    except TrainingError as error:
        db.session.rollback()
        if error.conflict:
            raise ApiError(409, "conflict", error.message) from None
        field = API_FIELDS.get(error.field, error.field)
        raise validation_error(field, error.message) from None
    except ProfileError as error:
        db.session.rollback()
        raise validation_error(error.field, error.message) from None


def _cohort_json(cohort_id: int) -> dict:
    """The whole cohort in a fixed number of queries, whatever its size."""
    cohort = cohort_with_details(cohort_id)
    if cohort is None:
        raise not_found()
    return cohort_json(cohort, {row.enrollment.id: row.rate for row in attendance_matrix(cohort)})


def _enrollment_json(enrollment: Enrollment) -> dict:
    rates = {row.enrollment.id: row.rate for row in attendance_matrix(enrollment.cohort)}
    return enrollment_json(enrollment, rates.get(enrollment.id))


def _places_taken(cohort_ids: list[int]) -> dict[int, int]:
    """Per cohort, the enrolments that hold a place (all but those who dropped out)."""
    if not cohort_ids:
        return {}
    rows = db.session.execute(
        select(Enrollment.cohort_id, func.count())
        .where(Enrollment.cohort_id.in_(cohort_ids), Enrollment.status != DROPPED)
        .group_by(Enrollment.cohort_id)
    )
    return dict(rows.all())
