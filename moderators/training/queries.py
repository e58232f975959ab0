"""Read-only views of cohorts: the list, the attendance matrix and a trainee's outlook."""

from dataclasses import dataclass, field

from flask_babel import lazy_pgettext
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.roster.models import Moderator, ModeratorLanguage
from moderators.training.models import (
    DROPPED,
    ENROLLED,
    PRESENT,
    Attendance,
    Cohort,
    Enrollment,
    TrainingModule,
)
from moderators.training.services import attendance_rate, meets_completion_rule

ON_TRACK, AT_RISK, OUT_OF_REACH = "on_track", "at_risk", "out_of_reach"


_OUTLOOK_LABELS = {
    ON_TRACK: lazy_pgettext("training outlook", "auf Kurs"),
    AT_RISK: lazy_pgettext("training outlook", "gefährdet"),
    OUT_OF_REACH: lazy_pgettext("training outlook", "nicht mehr erreichbar"),
}


def outlook_label(outlook: str) -> str:
    return str(_OUTLOOK_LABELS[outlook])


@dataclass
class Progress:
    """One trainee's row of the matrix."""

    enrollment: Enrollment
    cells: list[str | None] = field(default_factory=list)  # per module: status or None
    present: int = 0
    held: int = 0  # counted modules that have begun
    remaining: int = 0  # counted modules still ahead

    @property
    def rate(self) -> float | None:
        if self.enrollment.final_rate is not None:
            return self.enrollment.final_rate
        return attendance_rate(self.present, self.held)

    @property
    def outlook(self) -> str | None:
        """on track (meets the rule so far), at risk (below, but still reachable), out of
        reach (cannot meet it even by attending every module left); None once decided."""
        if self.enrollment.status != ENROLLED:
            return None
        if not meets_completion_rule(self.present + self.remaining, self.held + self.remaining):
            return OUT_OF_REACH
        if self.held == 0 or meets_completion_rule(self.present, self.held):
            return ON_TRACK
        return AT_RISK


def cohort_list():
    """All cohorts, newest first, each with the number of places taken (one query)."""
    taken = (
        select(Enrollment.cohort_id, func.count(Enrollment.id).label("taken"))
        .where(Enrollment.status != DROPPED)
        .group_by(Enrollment.cohort_id)
        .subquery()
    )
    return db.session.execute(
        select(Cohort, func.coalesce(taken.c.taken, 0))
        .outerjoin(taken, taken.c.cohort_id == Cohort.id)
        .order_by(Cohort.starts_on.desc(), Cohort.id.desc())
    ).all()


def cohort_with_details(cohort_id: int) -> Cohort | None:
    """A cohort with modules (and topics) and enrolments (and people's names) loaded."""
    return db.session.scalar(
        select(Cohort)
        .where(Cohort.id == cohort_id)
        .options(
            selectinload(Cohort.modules).joinedload(TrainingModule.topic),
            selectinload(Cohort.enrollments).joinedload(Enrollment.moderator),
        )
    )


def attendance_matrix(cohort: Cohort) -> list[Progress]:
    """Trainees × modules with each trainee's counts, in one query for all attendance."""
    modules = cohort.modules
    marks = _attendance_by_enrollment([m.id for m in modules])
    now = utcnow()
    rows = []
    for enrollment in sorted_enrollments(cohort):
        row = Progress(enrollment)
        mine = marks.get(enrollment.id, {})
        for module in modules:
            status = mine.get(module.id)
            row.cells.append(status)
            if module.cancelled_at is not None:
                continue
            if module.starts_at <= now:
                row.held += 1
                row.present += status == PRESENT
            else:
                row.remaining += 1
        rows.append(row)
    return rows


def sorted_enrollments(cohort: Cohort) -> list[Enrollment]:
    """By name; those who dropped out last."""

    def key(enrollment: Enrollment):
        moderator = enrollment.moderator
        return (enrollment.status == DROPPED, moderator.last_name.lower(), moderator.first_name)

    return sorted(cohort.enrollments, key=key)


def _attendance_by_enrollment(module_ids: list[int]) -> dict[int, dict[int, str]]:
    if not module_ids:
        return {}
    marks: dict[int, dict[int, str]] = {}
    for enrollment_id, module_id, status in db.session.execute(
        select(Attendance.enrollment_id, Attendance.module_id, Attendance.status).where(
            Attendance.module_id.in_(module_ids)
        )
    ):
        marks.setdefault(enrollment_id, {})[module_id] = status
    return marks


def enrollments_of(moderator_id: int) -> list[Enrollment]:
    """A moderator's enrolments with cohort and modules loaded, newest first."""
    return list(
        db.session.scalars(
            select(Enrollment)
            .where(Enrollment.moderator_id == moderator_id)
            .join(Enrollment.cohort)
            .options(selectinload(Enrollment.cohort).selectinload(Cohort.modules))
            .order_by(Cohort.starts_on.desc())
        )
    )


def trainees_to_enrol(cohort: Cohort) -> list[Moderator]:
    """Trainees who are not yet in this cohort, for the enrolment form."""
    enrolled = select(Enrollment.moderator_id).where(Enrollment.cohort_id == cohort.id)
    return list(
        db.session.scalars(
            select(Moderator)
            .where(Moderator.status == "trainee", Moderator.id.not_in(enrolled))
            .order_by(Moderator.last_name, Moderator.first_name)
        )
    )


def own_attendance(enrollments: list[Enrollment]) -> dict[int, dict[int, str]]:
    """{enrollment_id: {module_id: status}} for a moderator's enrolments, in one query."""
    marks: dict[int, dict[int, str]] = {}
    ids = [e.id for e in enrollments]
    if ids:
        for enrollment_id, module_id, status in db.session.execute(
            select(Attendance.enrollment_id, Attendance.module_id, Attendance.status).where(
                Attendance.enrollment_id.in_(ids)
            )
        ):
            marks.setdefault(enrollment_id, {})[module_id] = status
    return marks


def enrollment_for_certificate(enrollment_id: int) -> Enrollment | None:
    return db.session.scalar(
        select(Enrollment)
        .where(Enrollment.id == enrollment_id)
        .options(
            selectinload(Enrollment.cohort),
            selectinload(Enrollment.moderator)
            .selectinload(Moderator.languages)
            .joinedload(ModeratorLanguage.language),
        )
    )


def attended_modules(enrollment: Enrollment) -> list[TrainingModule]:
    """The modules the person was present at, in date order."""
    return list(
        db.session.scalars(
            select(TrainingModule)
            .join(Attendance, Attendance.module_id == TrainingModule.id)
            .where(Attendance.enrollment_id == enrollment.id, Attendance.status == PRESENT)
            .order_by(TrainingModule.starts_at)
        )
    )
