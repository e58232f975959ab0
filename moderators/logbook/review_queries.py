"""Read-only queries of the coordinator's review: the queue, one entry with its history."""

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, func, or_, select, union_all
from sqlalchemy.orm import joinedload, selectinload

from moderators.auth.models import User
from moderators.common.audit import AuditLog
from moderators.extensions import db
from moderators.logbook.models import SUBMITTED, Activity, EventReport
from moderators.roster.models import Moderator
from moderators.scheduling.models import InfoSession

REPORTS, ACTIVITIES, BOTH = "reports", "activities", "both"
KINDS = (BOTH, REPORTS, ACTIVITIES)


@dataclass
class QueueEntry:
    """One row of the queue: a report or an activity."""

    kind: str
    item: EventReport | Activity


def review_queue(kind: str = BOTH, status: str = SUBMITTED, name: str | None = None) -> Select:
    """Keys of the entries in one review state: waiting ones oldest submission first, reviewed
    ones latest review first.

    Reports and activities are two tables but one list, so the page is cut from a union of
    keys: a report's id, or an activity's id negated. `queue_entries` loads the rows behind them.
    """
    parts = []
    if kind in (BOTH, REPORTS):
        parts.append(_keys(EventReport, EventReport.id, status, name))
    if kind in (BOTH, ACTIVITIES):
        parts.append(_keys(Activity, -Activity.id, status, name))
    source = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    query = select(source.c.key)
    if status == SUBMITTED:
        return query.order_by(source.c.submitted_at, source.c.key)
    return query.order_by(source.c.reviewed_at.desc(), source.c.key.desc())


def _keys(model, key, status: str, name: str | None) -> Select:
    query = select(
        key.label("key"),
        model.submitted_at.label("submitted_at"),
        model.reviewed_at.label("reviewed_at"),
    ).where(model.status == status)
    words = (name or "").lower().split()
    if words:
        query = query.join(Moderator, Moderator.id == model.moderator_id)
        for word in words:
            pattern = f"%{word}%"
            query = query.where(
                or_(
                    func.lower(Moderator.first_name).like(pattern),
                    func.lower(Moderator.last_name).like(pattern),
                )
            )
    return query


def queue_entries(keys: list[int]) -> list[QueueEntry]:
    """The reports and activities behind a page of keys, in the page's order, with what a row
    shows: two queries, however long the page."""
    report_ids = [key for key in keys if key > 0]
    activity_ids = [-key for key in keys if key < 0]
    reports = {}
    if report_ids:
        reports = {
            report.id: report
            for report in db.session.scalars(
                select(EventReport)
                .where(EventReport.id.in_(report_ids))
                .options(
                    joinedload(EventReport.moderator),
                    joinedload(EventReport.session).options(
                        joinedload(InfoSession.school),
                        joinedload(InfoSession.language),
                        joinedload(InfoSession.topic),
                    ),
                )
            )
        }
    activities = {}
    if activity_ids:
        activities = {
            activity.id: activity
            for activity in db.session.scalars(
                select(Activity)
                .where(Activity.id.in_(activity_ids))
                .options(joinedload(Activity.moderator), selectinload(Activity.languages))
            )
        }
    entries = []
    for key in keys:
        if key > 0 and key in reports:
            entries.append(QueueEntry(REPORTS, reports[key]))
        elif key < 0 and -key in activities:
            entries.append(QueueEntry(ACTIVITIES, activities[-key]))
    return entries


def next_waiting() -> tuple[str, int] | None:
    """The kind and id of the entry that has waited longest for a review, if any."""
    key = db.session.scalar(review_queue().limit(1))
    if key is None:
        return None
    return (REPORTS, key) if key > 0 else (ACTIVITIES, -key)


def waiting_count() -> int:
    """Reports and activities waiting for a review, in one query."""
    return db.session.scalar(_waiting_statement()) or 0


@cache
def _waiting_statement():
    """Built once: the queue asks on every look, and building costs more than counting."""
    waiting = [
        select(func.count()).select_from(model).where(model.status == SUBMITTED).scalar_subquery()
        for model in (EventReport, Activity)
    ]
    return select(waiting[0] + waiting[1])


def report_with_details(report_id: int) -> EventReport | None:
    return _one(
        select(EventReport)
        .where(EventReport.id == report_id)
        .options(
            joinedload(EventReport.moderator),
            joinedload(EventReport.reviewed_by),
            joinedload(EventReport.session).options(
                joinedload(InfoSession.school),
                joinedload(InfoSession.language),
                joinedload(InfoSession.topic),
                joinedload(InfoSession.district),
            ),
            joinedload(EventReport.languages),
        )
    )


def activity_with_details(activity_id: int) -> Activity | None:
    return _one(
        select(Activity)
        .where(Activity.id == activity_id)
        .options(
            joinedload(Activity.moderator),
            joinedload(Activity.reviewed_by),
            joinedload(Activity.languages),
        )
    )


def _one(query):
    """The one row of a query that joins a collection (its rows repeat the entity), or None."""
    return db.session.execute(query).unique().scalar_one_or_none()


def entered_by(item: EventReport | Activity) -> User | None:
    """Who entered the report or activity (the moderator, or a coordinator for them)."""
    return db.session.get(User, item.created_by_id) if item.created_by_id else None


def history(item: EventReport | Activity) -> list[AuditLog]:
    """Everything that happened to the entry, oldest first, with who did it."""
    return list(
        db.session.scalars(
            select(AuditLog)
            .where(AuditLog.object_type == type(item).__name__, AuditLog.object_id == item.id)
            .order_by(AuditLog.at, AuditLog.id)
        )
    )


def reports_by_assignment(session_id: int) -> dict[int, EventReport]:
    """The reports on one session, by assignment: what the session page shows of them."""
    reports = db.session.scalars(select(EventReport).where(EventReport.session_id == session_id))
    return {report.assignment_id: report for report in reports}
