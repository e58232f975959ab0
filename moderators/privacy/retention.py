"""Who is past the retention period: long-inactive retired moderators and school contacts.

A moderator's last activity is the latest of: a booking's start, a report or an activity,
a sign-in, a change of the profile or the account, a training enrolment or its outcome.
A school's is the latest of: a request, a session at the school, a sign-in or a change of one
of its accounts, a change of the school. Retirement itself is a change of the profile, so the
period starts at the earliest when a moderator retires.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Select, exists, func, not_, or_, select

from moderators.auth.models import User
from moderators.common.models import utcnow
from moderators.common.timezone import local_today, to_local
from moderators.extensions import db
from moderators.logbook.models import Activity, EventReport
from moderators.roster.models import RETIRED, Moderator
from moderators.scheduling.models import BOOKED, Assignment, InfoSession, SessionRequest
from moderators.schools.models import School
from moderators.training.models import Enrollment

PLACEHOLDER_PATTERN = "%@invalid"


@dataclass
class PurgePlan:
    years: int
    cutoff: date  # last activity before this day: past retention
    moderator_ids: list[int] = field(default_factory=list)
    school_ids: list[int] = field(default_factory=list)
    # Past retention but booked ahead: a coordinator looks at them first.
    booked_moderator_ids: list[int] = field(default_factory=list)
    # Past retention but not retired: only retired moderators are anonymised automatically.
    not_retired_ids: list[int] = field(default_factory=list)


def cutoff_date(years: int, today: date) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _as_day(value) -> date | None:
    if isinstance(value, datetime):
        return to_local(value).date()
    return value


def _latest(found: dict[int, date], rows: Iterable) -> None:
    for key, *values in rows:
        for value in values:
            day = _as_day(value)
            if key is not None and day is not None and (key not in found or day > found[key]):
                found[key] = day


def moderator_last_activity(ids: Select | list[int]) -> dict[int, date]:
    """Moderator id → the local day of their last activity; a few grouped queries in all."""
    found: dict[int, date] = {}
    _latest(
        found,
        db.session.execute(
            select(Moderator.id, Moderator.created_at, Moderator.updated_at).where(
                Moderator.id.in_(ids)
            )
        ),
    )
    for key, *columns in (
        (Assignment.moderator_id, func.max(Assignment.starts_at)),
        (EventReport.moderator_id, func.max(EventReport.held_on)),
        (Activity.moderator_id, func.max(Activity.held_on)),
        (
            User.moderator_id,
            func.max(User.last_login_at),
            func.max(User.updated_at),
            func.max(User.created_at),
        ),
        (
            Enrollment.moderator_id,
            func.max(Enrollment.enrolled_at),
            func.max(Enrollment.decided_at),
        ),
    ):
        _latest(found, db.session.execute(select(key, *columns).where(key.in_(ids)).group_by(key)))
    return found


def _has_contact_data():
    """SQL: the school still holds a contact's data, or an account with a real address."""
    return or_(
        School.contact_name != "",
        School.contact_email != "",
        School.contact_phone != "",
        exists().where(User.school_id == School.id, not_(User.email.like(PLACEHOLDER_PATTERN))),
    )


def school_last_activity(ids: Select | list[int]) -> dict[int, date]:
    found: dict[int, date] = {}
    _latest(
        found,
        db.session.execute(
            select(School.id, School.created_at, School.updated_at).where(School.id.in_(ids))
        ),
    )
    for key, *columns in (
        (SessionRequest.school_id, func.max(SessionRequest.created_at)),
        (InfoSession.school_id, func.max(InfoSession.starts_at)),
        (
            User.school_id,
            func.max(User.last_login_at),
            func.max(User.updated_at),
            func.max(User.created_at),
        ),
    ):
        _latest(found, db.session.execute(select(key, *columns).where(key.in_(ids)).group_by(key)))
    return found


def purge_plan(years: int, today: date | None = None) -> PurgePlan:
    """Everyone whose last activity lies before the cutoff and who is not anonymised yet."""
    plan = PurgePlan(years=years, cutoff=cutoff_date(years, today or local_today()))
    moderators = select(Moderator.id).where(Moderator.anonymised_at.is_(None))
    statuses = dict(
        db.session.execute(
            select(Moderator.id, Moderator.status).where(Moderator.id.in_(moderators))
        ).all()
    )
    booked = set(
        db.session.scalars(
            select(Assignment.moderator_id).where(
                Assignment.moderator_id.in_(moderators),
                Assignment.status.in_(BOOKED),
                Assignment.ends_at > utcnow(),
            )
        )
    )
    for moderator_id, day in sorted(moderator_last_activity(moderators).items()):
        if day >= plan.cutoff:
            continue
        if statuses[moderator_id] != RETIRED:
            plan.not_retired_ids.append(moderator_id)
        elif moderator_id in booked:
            plan.booked_moderator_ids.append(moderator_id)
        else:
            plan.moderator_ids.append(moderator_id)
    schools = select(School.id).where(_has_contact_data())
    plan.school_ids = sorted(
        school_id for school_id, day in school_last_activity(schools).items() if day < plan.cutoff
    )
    return plan
