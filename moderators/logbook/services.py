"""Logging, correcting, approving and returning reports and activities; every change audited."""

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from moderators.common.audit import current_actor, record
from moderators.common.models import utcnow
from moderators.common.timezone import to_local
from moderators.extensions import db
from moderators.logbook.allowance import SESSION, activity_allowance, rate_for, session_allowance
from moderators.logbook.locks import lock, review_graph
from moderators.logbook.models import APPROVED, RETURNED, SUBMITTED, Activity, EventReport
from moderators.logbook.rules import (
    ACTIVITY_FIELDS,
    REPORT_FIELDS,
    LogbookError,
    apply_activity,
    apply_report,
    full_fields,
    merged_fields,
    required_comment,
    review_comment,
)
from moderators.notifications import logbook_events as events
from moderators.notifications import outbox
from moderators.scheduling.models import ACCEPTED, CANCELLED, HELD, PLANNED, Assignment

ALREADY_REPORTED = _l("Zu dieser Veranstaltung gibt es schon einen Bericht.")


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
    apply_report(report, full_fields(fields, REPORT_FIELDS))
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
    apply_report(report, merged_fields(report, fields, REPORT_FIELDS))
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
    _reviewed(report, RETURNED, required_comment(comment))
    record("report.return", report, comment=report.review_comment)
    _commit_with_mail(events.report_reviewed, report)
    return report


def log_activity(moderator, **fields: Any) -> Activity:
    activity = Activity(
        moderator=moderator, status=SUBMITTED, submitted_at=utcnow(), created_by_id=_actor_id()
    )
    apply_activity(activity, full_fields(fields, ACTIVITY_FIELDS))
    db.session.add(activity)
    record("activity.submit", activity, moderator_id=moderator.id, type=activity.type)
    db.session.commit()
    return activity


def update_activity(activity: Activity, **fields: Any) -> Activity:
    lock(activity, joinedload(Activity.languages))
    _ensure_editable(activity)
    apply_activity(activity, merged_fields(activity, fields, ACTIVITY_FIELDS))
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
    _reviewed(activity, RETURNED, required_comment(comment))
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
    item.review_comment = review_comment(comment)
    item.reviewed_at = utcnow()
    item.reviewed_by_id = _actor_id()


def _actor_id() -> int | None:
    actor = current_actor()
    return actor.id if actor is not None else None
