"""Read-only queries of the logbook: reports due, a moderator's reports and activities."""

from datetime import datetime

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import joinedload, selectinload

from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.logbook import locks
from moderators.logbook.models import Activity, EventReport
from moderators.roster.models import Moderator, ModeratorLanguage
from moderators.scheduling.models import ACCEPTED, HELD, PLANNED, Assignment, InfoSession


def _session_details(relationship):
    """A session with what a logbook page shows of it: where, in which language, on what."""
    return joinedload(relationship).options(
        joinedload(InfoSession.school),
        joinedload(InfoSession.language),
        joinedload(InfoSession.topic),
        joinedload(InfoSession.district),
    )


def _due_query(moderator_id: int, now: datetime) -> Select:
    """Accepted assignments whose session has begun, is not cancelled, and has no report."""
    reported = exists().where(EventReport.assignment_id == Assignment.id)
    return (
        select(Assignment)
        .join(Assignment.session)
        .where(
            Assignment.moderator_id == moderator_id,
            Assignment.status == ACCEPTED,
            InfoSession.status.in_((PLANNED, HELD)),
            InfoSession.starts_at <= now,
            ~reported,
        )
    )


def reports_due(moderator_id: int, now: datetime | None = None) -> list[Assignment]:
    """The sessions this moderator still owes a report on, the oldest first."""
    query = _due_query(moderator_id, now or utcnow())
    return list(
        db.session.scalars(
            query.options(_session_details(Assignment.session)).order_by(
                InfoSession.starts_at, Assignment.id
            )
        )
    )


def count_reports_due(moderator_id: int, now: datetime | None = None) -> int:
    query = _due_query(moderator_id, now or utcnow())
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def own_reports_query(moderator_id: int) -> Select:
    """A moderator's reports, the latest session first, with what a list row shows."""
    return (
        select(EventReport)
        .join(EventReport.session)
        .where(EventReport.moderator_id == moderator_id)
        .options(_session_details(EventReport.session), selectinload(EventReport.languages))
        .order_by(InfoSession.starts_at.desc(), EventReport.id.desc())
    )


def own_activities_query(moderator_id: int) -> Select:
    """A moderator's activities, the latest first, with their languages."""
    return (
        select(Activity)
        .where(Activity.moderator_id == moderator_id)
        .options(selectinload(Activity.languages))
        .order_by(Activity.held_on.desc(), Activity.id.desc())
    )


def reports_by_assignment(assignment_ids: list[int]) -> dict[int, EventReport]:
    """The reports on these assignments (one query), by assignment id."""
    if not assignment_ids:
        return {}
    reports = db.session.scalars(
        select(EventReport).where(EventReport.assignment_id.in_(assignment_ids))
    )
    return {report.assignment_id: report for report in reports}


def _with_moderator_languages():
    return joinedload(Moderator.languages).joinedload(ModeratorLanguage.language)


def _one(query):
    """The one row of a query that joins collections (their rows repeat the entity), or None."""
    return db.session.execute(query).unique().scalar_one_or_none()


def assignment_for_report(assignment_id: int) -> tuple[Assignment | None, int | None]:
    """An assignment with its session and its moderator's languages (the report form's order),
    and the id of its report if there is one already; in one query."""
    report_id = (
        select(EventReport.id)
        .where(EventReport.assignment_id == Assignment.id)
        .scalar_subquery()
        .label("report_id")
    )
    row = (
        db.session.execute(
            select(Assignment, report_id)
            .where(Assignment.id == assignment_id)
            .options(
                _session_details(Assignment.session),
                joinedload(Assignment.moderator).options(_with_moderator_languages()),
            )
        )
        .unique()
        .one_or_none()
    )
    return (None, None) if row is None else (row[0], row[1])


def report_with_details(report_id: int, for_change: bool = False) -> EventReport | None:
    """A report with what its form shows, in one query; `for_change`: locked for the change
    (see moderators.logbook.locks)."""
    details = (
        _session_details(EventReport.session),
        joinedload(EventReport.languages),
        joinedload(EventReport.moderator).options(_with_moderator_languages()),
    )
    if for_change:
        return locks.locked(EventReport, report_id, *details)
    return _one(select(EventReport).where(EventReport.id == report_id).options(*details))


def activity_with_details(activity_id: int, for_change: bool = False) -> Activity | None:
    """An activity with what its form shows, in one query; `for_change` as for a report."""
    details = (
        joinedload(Activity.languages),
        joinedload(Activity.moderator).options(_with_moderator_languages()),
    )
    if for_change:
        return locks.locked(Activity, activity_id, *details)
    return _one(select(Activity).where(Activity.id == activity_id).options(*details))


def moderator_with_languages(moderator_id: int) -> Moderator | None:
    return _one(
        select(Moderator).where(Moderator.id == moderator_id).options(_with_moderator_languages())
    )
