"""Closing a cohort: every open enrolment decided by the completion rule, who completed certified.

The cohort's row is locked first, so two coordinators closing at once cannot both do it; the
statements sent do not grow with the number of trainees.
"""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import contains_eager, joinedload

from moderators.common import audit
from moderators.common.audit import record
from moderators.common.commits import commit_keeping_loaded_objects
from moderators.common.locks import lock_once
from moderators.common.models import utcnow
from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.roster.models import ACTIVE, TRAINEE, Moderator
from moderators.training.models import (
    COMPLETED,
    ENROLLED,
    NOT_COMPLETED,
    PRESENT,
    Attendance,
    Cohort,
    Enrollment,
)
from moderators.training.services import TrainingError, attendance_rate, meets_completion_rule


def lock_cohort(cohort_id: int) -> Cohort | None:
    """Lock the cohort's row, unless this transaction holds it already; the cohort as read when
    the lock was taken, with its modules, in one statement (None if there is none)."""
    return lock_once("training", Cohort, cohort_id, joinedload(Cohort.modules))


def close_cohort(cohort: Cohort) -> list[Enrollment]:
    """Decide every open enrolment by the completion rule and certify who completed.

    Cancelled modules do not count; modules still in the future count as not attended.
    The cohort row is locked, so two coordinators closing at once cannot both do it. Returns
    the decided enrolments in the order of their ids; the statements sent do not grow with
    their number.
    """
    locked = lock_cohort(cohort.id)
    if locked.is_closed:
        raise TrainingError(None, _l("Dieser Durchgang ist schon abgeschlossen."), conflict=True)
    counted = [m.id for m in locked.modules if m.cancelled_at is None]
    now, today = utcnow(), local_today()
    decided, certified = [], []
    with audit.batch():
        for enrollment, attended in _open_enrollments(locked.id, counted):
            enrollment.final_rate = attendance_rate(attended, len(counted))
            enrollment.decided_at = now
            if meets_completion_rule(attended, len(counted)):
                enrollment.status = COMPLETED
                certified += _certify(enrollment.moderator, today, now)
            else:
                enrollment.status = NOT_COMPLETED
            record(
                f"enrollment.{enrollment.status}",
                enrollment,
                moderator_id=enrollment.moderator_id,
                rate=enrollment.final_rate,
            )
            decided.append(enrollment)
        if certified:
            # One UPDATE for all of them (by primary key, every row with the same columns),
            # whatever each one's state was; the loaded moderators take the new values.
            db.session.execute(update(Moderator), certified)
        locked.closed_at = now
        record(
            "cohort.close",
            locked,
            completed=sum(e.status == COMPLETED for e in decided),
            not_completed=sum(e.status == NOT_COMPLETED for e in decided),
        )
    # The answer (the page's message, the API's outcomes) is built from what was decided here.
    commit_keeping_loaded_objects()
    return decided


def _open_enrollments(cohort_id: int, module_ids: list[int]) -> list[tuple[Enrollment, int]]:
    """The cohort's open enrolments with their moderators, in the order of their ids, each
    with the number of these modules the person was present at: one statement, read afresh
    (the caller holds the cohort's lock)."""
    present = (
        select(func.count())
        .select_from(Attendance)
        .where(
            Attendance.enrollment_id == Enrollment.id,
            Attendance.module_id.in_(module_ids),
            Attendance.status == PRESENT,
        )
        .correlate(Enrollment)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Enrollment, present)
        .join(Enrollment.moderator)
        .where(Enrollment.cohort_id == cohort_id, Enrollment.status == ENROLLED)
        .options(contains_eager(Enrollment.moderator))
        .order_by(Enrollment.id)
        .execution_options(populate_existing=True)
    )
    return [(enrollment, attended) for enrollment, attended in rows]


def _certify(moderator: Moderator, day: date, now: datetime) -> list[dict]:
    """Completed training makes a trainee an active moderator; paused or retired stay so.
    Records it, and returns the moderator's row as it is to be written, if anything changes."""
    row = {
        "id": moderator.id,
        "status": ACTIVE if moderator.status == TRAINEE else moderator.status,
        "certified_on": moderator.certified_on or day,
        "updated_at": now,
    }
    record("moderator.certify", moderator, certified_on=row["certified_on"])
    unchanged = (row["status"], row["certified_on"]) == (moderator.status, moderator.certified_on)
    return [] if unchanged else [row]
