"""Changes to enrolments: enrol, drop, and the attendance of a module (state changes only)."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import delete, select

from moderators.common.audit import record
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.roster.models import TRAINEE, Moderator
from moderators.roster.services import ProfileError, add_moderator
from moderators.training.models import (
    ATTENDANCE_STATUSES,
    DROPPED,
    ENROLLED,
    Attendance,
    Cohort,
    Enrollment,
    TrainingModule,
)
from moderators.training.services import (
    TrainingError,
    attendance_rate,
    ensure_open,
    present_counts,
    taken_places,
)


def enroll(cohort: Cohort, moderator: Moderator) -> Enrollment:
    """Give a trainee a place in the cohort, if there is one left."""
    enrollment = _add_enrollment(cohort, moderator)
    db.session.commit()
    return enrollment


def enroll_new_trainee(cohort: Cohort, **fields: Any) -> Enrollment:
    """Create a trainee (a moderator with status trainee) and enrol them in one step."""
    _check_place(cohort)
    try:
        moderator = add_moderator(**{**fields, "status": TRAINEE})
        enrollment = _add_enrollment(cohort, moderator)
    except (ProfileError, TrainingError):
        db.session.rollback()
        raise
    db.session.commit()
    return enrollment


def _add_enrollment(cohort: Cohort, moderator: Moderator) -> Enrollment:
    ensure_open(cohort)
    if moderator.status != TRAINEE:
        raise TrainingError(
            "moderator_id",
            _l(
                "Nur Personen in Qualifizierung können angemeldet werden; "
                "%(name)s hat den Status „%(status)s“.",
                name=moderator.full_name,
                status=moderator.status_label,
            ),
        )
    if moderator.id is not None and db.session.scalar(
        select(Enrollment.id).where(
            Enrollment.cohort_id == cohort.id, Enrollment.moderator_id == moderator.id
        )
    ):
        raise TrainingError(
            "moderator_id",
            _l("%(name)s ist in diesem Durchgang schon angemeldet.", name=moderator.full_name),
            conflict=True,
        )
    _check_place(cohort)
    enrollment = Enrollment(cohort=cohort, moderator=moderator, status=ENROLLED)
    db.session.add(enrollment)
    record("enrollment.create", enrollment, cohort_id=cohort.id, moderator_id=moderator.id)
    return enrollment


def _check_place(cohort: Cohort) -> None:
    """Lock the cohort row, then count: two enrolments at once cannot overfill it."""
    db.session.scalar(select(Cohort.id).where(Cohort.id == cohort.id).with_for_update())
    if taken_places(cohort) >= cohort.capacity:
        raise TrainingError(
            "moderator_id",
            ngettext(
                "Der Durchgang ist voll: Er hat %(num)d Platz.",
                "Der Durchgang ist voll: Alle %(num)d Plätze sind belegt.",
                cohort.capacity,
            ),
            conflict=True,
        )


def drop(enrollment: Enrollment, reason: str) -> None:
    """Withdraw an enrolment; the reason is kept. Frees the place."""
    ensure_open(enrollment.cohort)
    reason = (reason or "").strip()
    if not reason:
        raise TrainingError("reason", _l("Bitte einen Grund angeben."))
    if enrollment.status != ENROLLED:
        raise TrainingError(None, _l("Diese Anmeldung ist nicht mehr offen."), conflict=True)
    now = utcnow()
    held = [
        m.id for m in enrollment.cohort.modules if m.cancelled_at is None and m.starts_at <= now
    ]
    # The rate stops where the person left; modules held afterwards do not lower it.
    enrollment.final_rate = attendance_rate(present_counts(held).get(enrollment.id, 0), len(held))
    enrollment.status = DROPPED
    enrollment.drop_reason = reason
    enrollment.decided_at = now
    record("enrollment.dropped", enrollment, reason=reason, moderator_id=enrollment.moderator_id)
    db.session.commit()


def record_attendance(module: TrainingModule, statuses: dict[int, str | None]) -> None:
    """Replace a module's attendance as a whole: {enrollment_id: status or None}.

    Only enrolled (not dropped) people of the module's cohort; not for cancelled modules or
    modules that have not begun.
    """
    ensure_open(module.cohort)
    if module.cancelled_at is not None:
        raise TrainingError(
            None,
            _l("Für ein abgesagtes Modul lässt sich keine Anwesenheit erfassen."),
            conflict=True,
        )
    if module.starts_at > utcnow():
        raise TrainingError(None, _l("Anwesenheit lässt sich erst ab Beginn des Moduls erfassen."))
    open_ids = {e.id for e in module.cohort.enrollments if e.status == ENROLLED}
    strangers = set(statuses) - open_ids
    if strangers:
        raise TrainingError(
            "attendance",
            _l(
                "Nicht in diesem Durchgang angemeldet: %(ids)s",
                ids=", ".join(map(str, sorted(strangers))),
            ),
        )
    bad = {s for s in statuses.values() if s is not None and s not in ATTENDANCE_STATUSES}
    if bad:
        raise TrainingError("attendance", _l("Unbekannter Status: %(s)s", s=", ".join(sorted(bad))))
    # An ORM delete, so that rows the page already loaded leave the session too: the new rows
    # have the same keys, and a table-level delete left them behind as conflicting instances.
    db.session.execute(delete(Attendance).where(Attendance.module_id == module.id))
    db.session.add_all(
        Attendance(module_id=module.id, enrollment_id=enrollment_id, status=status)
        for enrollment_id, status in statuses.items()
        if status is not None
    )
    record(
        "module.attendance",
        module,
        attendance={str(k): v for k, v in sorted(statuses.items()) if v is not None},
    )
    db.session.commit()
