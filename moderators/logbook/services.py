"""Logging, correcting, approving and returning reports and activities; every change audited."""

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from moderators.common.audit import current_actor, record
from moderators.common.models import utcnow
from moderators.common.timezone import local_today, to_local
from moderators.extensions import db
from moderators.logbook.allowance import SESSION, activity_allowance, rate_for, session_allowance
from moderators.logbook.locks import lock, review_graph
from moderators.logbook.models import (
    ACTIVITY_TYPES,
    APPROVED,
    MAX_MINUTES,
    MAX_PEOPLE,
    RETURNED,
    SUBMITTED,
    Activity,
    EventReport,
)
from moderators.notifications import logbook_events as events
from moderators.notifications import outbox
from moderators.scheduling.models import ACCEPTED, CANCELLED, HELD, PLANNED, Assignment

TEXT_LENGTH = 5000
ALREADY_REPORTED = _l("Zu dieser Veranstaltung gibt es schon einen Bericht.")
REPORT_FIELDS = (
    "took_place",
    "reason_if_not",
    "parents_reached",
    "languages",
    "duration_minutes",
    "travel_minutes",
    "topics_covered",
    "questions",
    "notes",
)
ACTIVITY_FIELDS = ("type", "held_on", "duration_minutes", "languages", "people_reached", "notes")


class LogbookError(ValueError):
    """A report or activity that breaks a rule; `field` names the input at fault.

    `conflict`: it clashes with the state of things (approved already; the API answers 409).
    """

    def __init__(self, field, message, conflict: bool = False):
        super().__init__(str(message))
        self.field = field
        self.message = message
        self.conflict = conflict


def check_reportable(assignment: Assignment) -> None:
    """Only a moderator booked for a session that has begun reports on it. (Cancelling a
    session withdraws its assignments; one that a report says did not take place keeps them,
    so that its other moderators can still report, and be paid their travel.)"""
    if assignment.status != ACCEPTED:
        raise LogbookError(
            None, _l("Für diese Veranstaltung ist kein Bericht vorgesehen."), conflict=True
        )
    if assignment.session.starts_at > utcnow():
        raise LogbookError("session", _l("Die Veranstaltung hat noch nicht begonnen."))


def submit_report(assignment: Assignment, **fields: Any) -> EventReport:
    """A moderator's report on a session they were booked for (or a coordinator's, for them)."""
    check_reportable(assignment)
    if db.session.scalar(select(EventReport.id).where(EventReport.assignment_id == assignment.id)):
        raise LogbookError(None, ALREADY_REPORTED, conflict=True)
    report = EventReport(
        assignment=assignment,
        session=assignment.session,
        moderator_id=assignment.moderator_id,
        held_on=to_local(assignment.session.starts_at).date(),
        status=SUBMITTED,
        submitted_at=utcnow(),
        created_by_id=_actor_id(),
    )
    _apply_report(report, _full(fields, REPORT_FIELDS))
    db.session.add(report)
    try:
        record("report.submit", report, session_id=assignment.session_id)
        db.session.commit()
    except IntegrityError:
        # Sent twice at the same moment: the unique assignment lets only the first one in.
        db.session.rollback()
        raise LogbookError(None, ALREADY_REPORTED, conflict=True) from None
    return report


def update_report(report: EventReport, **fields: Any) -> EventReport:
    """Correct a report until it is approved; a returned report goes back to the queue."""
    lock(report, joinedload(EventReport.languages))
    _ensure_editable(report)
    _apply_report(report, _merged(report, fields, REPORT_FIELDS))
    _resubmit(report)
    record("report.update", report, fields=sorted(fields))
    db.session.commit()
    return report


def approve_report(report: EventReport, comment: str = "") -> EventReport:
    """Approve: the allowance is fixed and the session becomes held (or cancelled)."""
    lock(report, *review_graph(EventReport))
    _ensure_submitted(report)
    report.allowance_cents = allowance_on_approval(report)
    _reviewed(report, APPROVED, comment)
    session = report.session
    if report.took_place:
        session.status = HELD
    elif session.status == PLANNED:
        session.status, session.status_reason = CANCELLED, report.reason_if_not
    record("report.approve", report, allowance_cents=report.allowance_cents)
    _commit_with_mail(events.report_reviewed, report)
    return report


def return_report(report: EventReport, comment: str) -> EventReport:
    """Send a report back to its moderator with a comment on what to correct."""
    lock(report, *review_graph(EventReport))
    _ensure_submitted(report)
    _reviewed(report, RETURNED, _required_comment(comment))
    record("report.return", report, comment=report.review_comment)
    _commit_with_mail(events.report_reviewed, report)
    return report


def log_activity(moderator, **fields: Any) -> Activity:
    activity = Activity(
        moderator=moderator, status=SUBMITTED, submitted_at=utcnow(), created_by_id=_actor_id()
    )
    _apply_activity(activity, _full(fields, ACTIVITY_FIELDS))
    db.session.add(activity)
    record("activity.submit", activity, moderator_id=moderator.id, type=activity.type)
    db.session.commit()
    return activity


def update_activity(activity: Activity, **fields: Any) -> Activity:
    lock(activity, joinedload(Activity.languages))
    _ensure_editable(activity)
    _apply_activity(activity, _merged(activity, fields, ACTIVITY_FIELDS))
    _resubmit(activity)
    record("activity.update", activity, fields=sorted(fields))
    db.session.commit()
    return activity


def approve_activity(activity: Activity, comment: str = "") -> Activity:
    lock(activity, *review_graph(Activity))
    _ensure_submitted(activity)
    activity.allowance_cents = allowance_on_approval(activity)
    _reviewed(activity, APPROVED, comment)
    record("activity.approve", activity, allowance_cents=activity.allowance_cents)
    _commit_with_mail(events.activity_reviewed, activity)
    return activity


def return_activity(activity: Activity, comment: str) -> Activity:
    lock(activity, *review_graph(Activity))
    _ensure_submitted(activity)
    _reviewed(activity, RETURNED, _required_comment(comment))
    record("activity.return", activity, comment=activity.review_comment)
    _commit_with_mail(events.activity_reviewed, activity)
    return activity


def allowance_on_approval(item: EventReport | Activity) -> int:
    """What approving the entry pays, by the rates in force now (approval fixes it)."""
    if isinstance(item, EventReport):
        return session_allowance(
            item.took_place, item.duration_minutes, item.travel_minutes, rate_for(SESSION)
        )
    return activity_allowance(item.duration_minutes, rate_for(item.type))


def _commit_with_mail(send, item) -> None:
    """Queue the review's mail in the review's transaction, then commit both: the mail is
    rendered from what the review holds, before the commit would expire it, and it goes out
    only if the review is stored."""
    with outbox.batch():
        send(item)
    db.session.commit()


def _apply_report(report: EventReport, values: dict[str, Any]) -> None:
    took_place = bool(values["took_place"])
    reason = _text("reason_if_not", values["reason_if_not"], 500)
    if not took_place and not reason:
        raise LogbookError("reason_if_not", _l("Bitte angeben, warum sie nicht stattfand."))
    parents = _count("parents_reached", values["parents_reached"], 0, MAX_PEOPLE)
    duration = _count("duration_minutes", values["duration_minutes"], 0, MAX_MINUTES)
    travel = _count("travel_minutes", values["travel_minutes"], 0, MAX_MINUTES)
    languages = list(dict.fromkeys(values["languages"] or []))
    if took_place and duration == 0:
        raise LogbookError("duration_minutes", _l("Bitte die Dauer in Minuten angeben."))
    if took_place and not languages:
        raise LogbookError("languages", _l("Bitte mindestens eine Sprache angeben."))
    report.took_place = took_place
    report.reason_if_not = "" if took_place else reason
    # What did not take place reached nobody and lasted no time; the travel still counts.
    report.parents_reached = parents if took_place else 0
    report.duration_minutes = duration if took_place else 0
    report.travel_minutes = travel
    report.languages = languages
    for key in ("topics_covered", "questions", "notes"):
        setattr(report, key, _text(key, values[key], TEXT_LENGTH))


def _apply_activity(activity: Activity, values: dict[str, Any]) -> None:
    if values["type"] not in ACTIVITY_TYPES:
        raise LogbookError("type", _l("Unbekannte Art von Tätigkeit."))
    held_on = values["held_on"]
    if not isinstance(held_on, date):
        raise LogbookError("date", _l("Bitte ein Datum angeben."))
    if held_on > local_today():
        raise LogbookError("date", _l("Das Datum liegt in der Zukunft."))
    activity.type = values["type"]
    activity.held_on = held_on
    activity.duration_minutes = _count(
        "duration_minutes", values["duration_minutes"], 1, MAX_MINUTES
    )
    activity.people_reached = _count("people_reached", values["people_reached"], 0, MAX_PEOPLE)
    activity.languages = list(dict.fromkeys(values["languages"] or []))
    activity.notes = _text("notes", values["notes"], TEXT_LENGTH)


def _full(fields: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """All fields of a new entry; what is left out takes its default."""
    _known(fields, names)
    defaults = {"took_place": True, "languages": [], "travel_minutes": 0}
    defaults |= {"parents_reached": 0, "people_reached": 0}
    return {name: fields.get(name, defaults.get(name, "")) for name in names}


def _merged(item, fields: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The item's current values with the changed ones laid over them."""
    current = {name: getattr(item, name) for name in names}
    return current | _known(fields, names)


def _known(fields: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(fields) - set(names)
    if unknown:
        raise LogbookError(sorted(unknown)[0], _l("Dieses Feld gibt es nicht."))
    return fields


def _count(field: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise LogbookError(
            field, _l("Bitte eine Zahl von %(low)d bis %(high)d angeben.", low=low, high=high)
        )
    return value


def _text(field: str, value: Any, length: int) -> str:
    text = (value or "").strip()
    if len(text) > length:
        raise LogbookError(field, _l("Höchstens %(n)d Zeichen.", n=length))
    return text


def _required_comment(comment: str) -> str:
    text = _text("comment", comment, 2000)
    if not text:
        raise LogbookError("comment", _l("Bitte schreiben, was zu ändern ist."))
    return text


def _ensure_editable(item) -> None:
    if not item.editable:
        raise LogbookError(
            None, _l("Freigegebene Einträge können nicht mehr geändert werden."), True
        )


def _ensure_submitted(item) -> None:
    if item.status != SUBMITTED:
        raise LogbookError(None, _l("Dieser Eintrag wartet nicht auf eine Prüfung."), True)


def _resubmit(item) -> None:
    if item.status == RETURNED:
        item.status, item.submitted_at = SUBMITTED, utcnow()


def _reviewed(item, status: str, comment: str) -> None:
    item.status = status
    item.review_comment = _text("comment", comment, 2000)
    item.reviewed_at = utcnow()
    item.reviewed_by_id = _actor_id()


def _actor_id() -> int | None:
    actor = current_actor()
    return actor.id if actor is not None else None
