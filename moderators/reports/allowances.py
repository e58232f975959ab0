"""Allowances for accounting: per moderator and month, and a moderator's own year by month.

Everything approved counts: sessions held, sessions that did not take place (their travel is
paid) and activities. A month is the month the work was done in, not the month of approval;
entries of a month still waiting for review are counted apart, so accounting can wait for them.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, extract, func, literal, select, union_all

from moderators.extensions import db
from moderators.logbook.models import APPROVED, Activity, EventReport
from moderators.reports.statistics import Period, months
from moderators.roster.models import Moderator


@dataclass
class AllowanceRow:
    moderator_id: int
    name: str
    sessions: int
    activities: int
    minutes: int
    cents: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


@dataclass
class MonthRow:
    month: date
    sessions: int
    parents: int
    activities: int
    cents: int


def _paid_work(period: Period, moderator_id: int | None = None):
    """Every approved entry of the period as one row: who, when, what it counts and pays."""
    reports = select(
        EventReport.moderator_id.label("moderator_id"),
        EventReport.held_on.label("held_on"),
        case((EventReport.took_place, 1), else_=0).label("sessions"),
        EventReport.parents_reached.label("parents"),
        literal(0).label("activities"),
        (EventReport.duration_minutes + EventReport.travel_minutes).label("minutes"),
        EventReport.allowance_cents.label("cents"),
    ).where(EventReport.status == APPROVED, EventReport.held_on.between(period.start, period.end))
    activities = select(
        Activity.moderator_id,
        Activity.held_on,
        literal(0),
        literal(0),
        literal(1),
        Activity.duration_minutes,
        Activity.allowance_cents,
    ).where(Activity.status == APPROVED, Activity.held_on.between(period.start, period.end))
    if moderator_id is not None:
        reports = reports.where(EventReport.moderator_id == moderator_id)
        activities = activities.where(Activity.moderator_id == moderator_id)
    return union_all(reports, activities).subquery()


def allowance_list(period: Period) -> list[AllowanceRow]:
    """Per moderator, by name: sessions held, activities, hours (with travel) and amount."""
    work = _paid_work(period)
    query = (
        select(
            Moderator.id,
            Moderator.last_name,
            Moderator.first_name,
            func.sum(work.c.sessions),
            func.sum(work.c.activities),
            func.sum(work.c.minutes),
            func.sum(work.c.cents),
        )
        .join(work, work.c.moderator_id == Moderator.id)
        .group_by(Moderator.id, Moderator.last_name, Moderator.first_name)
        .order_by(Moderator.last_name, Moderator.first_name, Moderator.id)
    )
    return [
        AllowanceRow(mid, f"{last}, {first}", int(s), int(a), int(m), int(c or 0))
        for mid, last, first, s, a, m, c in db.session.execute(query)
    ]


def waiting_for_review(period: Period) -> int:
    """Reports and activities of the period not approved yet."""
    reports = select(func.count()).where(
        EventReport.status != APPROVED, EventReport.held_on.between(period.start, period.end)
    )
    activities = select(func.count()).where(
        Activity.status != APPROVED, Activity.held_on.between(period.start, period.end)
    )
    return int(db.session.scalar(reports)) + int(db.session.scalar(activities))


def moderator_year(moderator_id: int, year: int) -> list[MonthRow]:
    """A moderator's own approved work in a calendar year, month by month (empty ones too)."""
    period = Period(date(year, 1, 1), date(year, 12, 31))
    work = _paid_work(period, moderator_id)
    month = extract("month", work.c.held_on)
    counted = {
        int(m): (int(s), int(p), int(a), int(c or 0))
        for m, s, p, a, c in db.session.execute(
            select(
                month,
                func.sum(work.c.sessions),
                func.sum(work.c.parents),
                func.sum(work.c.activities),
                func.sum(work.c.cents),
            ).group_by(month)
        )
    }
    return [MonthRow(first, *counted.get(first.month, (0, 0, 0, 0))) for first in months(period)]
