"""Changes to cohorts: the completion rule, cohorts and modules, attendance counts (closing a
cohort: closing.py; enrolments and attendance: enrolments.py)."""

from datetime import date, datetime
from fractions import Fraction
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from moderators.common.audit import record
from moderators.common.models import utcnow
from moderators.common.timezone import to_local
from moderators.extensions import db
from moderators.training.models import (
    DROPPED,
    PRESENT,
    Attendance,
    Cohort,
    Enrollment,
    TrainingModule,
)


class TrainingError(ValueError):
    """A change that breaks a rule of the training; `field` names the input at fault.

    `conflict` marks changes that clash with the state of things (closed cohort, full
    cohort, enrolled twice): the API answers those with 409, the rest with 422.
    """

    def __init__(self, field: str | None, message, conflict: bool = False):
        super().__init__(str(message))
        self.field = field
        self.message = message
        self.conflict = conflict


# The completion rule ----------------------------------------------------------


def completion_threshold() -> Fraction:
    """The share of counted modules a trainee must be present at (setting, default 80 %)."""
    return Fraction(str(current_app.config["COMPLETION_THRESHOLD"]))


def meets_completion_rule(present: int, counted: int, threshold: Fraction | None = None) -> bool:
    """Present at no less than the threshold of the counted modules.

    Counted are the cohort's modules that were not cancelled; at closing, modules still in the
    future count as not attended. Excused absences count as not present: the certificate says
    the person took part, so it needs the hours. With no counted module nobody completes.
    """
    threshold = completion_threshold() if threshold is None else threshold
    return counted > 0 and Fraction(present, counted) >= threshold


def attendance_rate(present: int, counted: int) -> float | None:
    """Share of counted modules attended, 0..1; None while nothing counts."""
    return present / counted if counted else None


# Cohorts and modules ----------------------------------------------------------

COHORT_FIELDS = ("name", "starts_on", "ends_on", "venue", "capacity", "trainers", "notes")


def create_cohort(**fields: Any) -> Cohort:
    cohort = Cohort(capacity=20, venue="", trainers="", notes="")
    changed = _apply_cohort(cohort, fields)
    db.session.add(cohort)
    record("cohort.create", cohort, fields=changed)
    db.session.commit()
    return cohort


def update_cohort(cohort: Cohort, **fields: Any) -> list[str]:
    ensure_open(cohort)
    changed = _apply_cohort(cohort, fields)
    if changed:
        record("cohort.update", cohort, fields=changed)
        db.session.commit()
    return changed


def _apply_cohort(cohort: Cohort, fields: dict[str, Any]) -> list[str]:
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    unknown = set(values) - set(COHORT_FIELDS)
    if unknown:
        raise TrainingError(sorted(unknown)[0], _l("Dieses Feld gibt es nicht."))
    merged = {k: values.get(k, getattr(cohort, k)) for k in COHORT_FIELDS}
    if not merged["name"]:
        raise TrainingError("name", _l("Bitte ausfüllen."))
    for key in ("starts_on", "ends_on"):
        if not isinstance(merged[key], date):
            raise TrainingError(key, _l("Bitte ein Datum angeben."))
    if merged["ends_on"] < merged["starts_on"]:
        raise TrainingError("ends_on", _l("Das Ende darf nicht vor dem Beginn liegen."))
    if not isinstance(merged["capacity"], int) or merged["capacity"] < 1:
        raise TrainingError("capacity", _l("Bitte eine Zahl ab 1 angeben."))
    if merged["capacity"] < taken_places(cohort):
        raise TrainingError("capacity", _l("Es sind schon mehr Personen angemeldet."))
    duplicate = db.session.scalar(
        select(Cohort.id).where(func.lower(Cohort.name) == merged["name"].lower())
    )
    if duplicate is not None and duplicate != cohort.id:
        raise TrainingError("name", _l("Es gibt schon einen Durchgang mit diesem Namen."))
    for module in cohort.modules if cohort.id else []:
        if module.cancelled_at is None and not _within(merged, module.starts_at, module.ends_at):
            raise TrainingError(
                "starts_on",
                _l("Ein Modul liegt außerhalb dieser Daten: %(title)s", title=module.title),
            )
    changed = [k for k in COHORT_FIELDS if getattr(cohort, k) != merged[k]]
    for key in changed:
        setattr(cohort, key, merged[key])
    return changed


def _within(dates: dict | Cohort, starts_at: datetime, ends_at: datetime) -> bool:
    starts_on = dates["starts_on"] if isinstance(dates, dict) else dates.starts_on
    ends_on = dates["ends_on"] if isinstance(dates, dict) else dates.ends_on
    return starts_on <= to_local(starts_at).date() and to_local(ends_at).date() <= ends_on


def add_module(
    cohort: Cohort,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    topic_id=None,
    position: int | None = None,
) -> TrainingModule:
    ensure_open(cohort)
    module = TrainingModule(position=0)
    _apply_module(
        cohort,
        module,
        {"title": title, "starts_at": starts_at, "ends_at": ends_at, "topic_id": topic_id},
    )
    module.position = position if position is not None else len(cohort.modules)
    module.cohort = cohort
    db.session.add(module)
    record("module.create", module, cohort_id=cohort.id, title=module.title)
    db.session.commit()
    return module


MODULE_FIELDS = ("title", "starts_at", "ends_at", "topic_id", "position")


def update_module(module: TrainingModule, **fields: Any) -> list[str]:
    """Rename, move (time or position) or re-assign the topic of a module."""
    ensure_open(module.cohort)
    changed = _apply_module(module.cohort, module, fields)
    if changed:
        record("module.update", module, fields=changed)
        db.session.commit()
    return changed


def _apply_module(cohort: Cohort, module: TrainingModule, fields: dict[str, Any]) -> list[str]:
    unknown = set(fields) - set(MODULE_FIELDS)
    if unknown:
        raise TrainingError(sorted(unknown)[0], _l("Dieses Feld gibt es nicht."))
    merged = {k: fields.get(k, getattr(module, k)) for k in MODULE_FIELDS}
    merged["title"] = (merged["title"] or "").strip()
    if not merged["title"]:
        raise TrainingError("title", _l("Bitte ausfüllen."))
    if merged["starts_at"] is None or merged["ends_at"] is None:
        raise TrainingError("starts_at", _l("Bitte Beginn und Ende angeben."))
    if merged["ends_at"] <= merged["starts_at"]:
        raise TrainingError("ends_at", _l("Das Ende muss nach dem Beginn liegen."))
    if not _within(cohort, merged["starts_at"], merged["ends_at"]):
        raise TrainingError("starts_at", _l("Das Modul muss im Zeitraum des Durchgangs liegen."))
    if merged["topic_id"] is not None:
        from moderators.topics.models import Topic

        if db.session.get(Topic, merged["topic_id"]) is None:
            raise TrainingError("topic_id", _l("Unbekanntes Thema."))
    changed = [k for k in MODULE_FIELDS if getattr(module, k) != merged[k]]
    for key in changed:
        setattr(module, key, merged[key])
    return changed


def cancel_module(module: TrainingModule, cancelled: bool = True) -> None:
    """Cancel a module (it stops counting for the completion rule), or plan it again."""
    ensure_open(module.cohort)
    if (module.cancelled_at is not None) == cancelled:
        return
    if not cancelled and not _within(module.cohort, module.starts_at, module.ends_at):
        raise TrainingError("starts_at", _l("Das Modul muss im Zeitraum des Durchgangs liegen."))
    module.cancelled_at = utcnow() if cancelled else None
    record("module.cancel" if cancelled else "module.reinstate", module)
    db.session.commit()


def ensure_open(cohort: Cohort) -> None:
    if cohort.is_closed:
        raise TrainingError(
            None,
            _l("Der Durchgang ist abgeschlossen und kann nicht mehr geändert werden."),
            conflict=True,
        )


def taken_places(cohort: Cohort) -> int:
    if cohort.id is None:
        return 0
    return db.session.scalar(
        select(func.count(Enrollment.id)).where(
            Enrollment.cohort_id == cohort.id, Enrollment.status != DROPPED
        )
    )


# Attendance ---------------------------------------------------------------------


def present_counts(module_ids: list[int]) -> dict[int, int]:
    """Per enrolment, at how many of these modules the person was present (one query)."""
    if not module_ids:
        return {}
    rows = db.session.execute(
        select(Attendance.enrollment_id, func.count())
        .where(Attendance.module_id.in_(module_ids), Attendance.status == PRESENT)
        .group_by(Attendance.enrollment_id)
    )
    return dict(rows.all())
