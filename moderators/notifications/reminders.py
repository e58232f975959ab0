"""Reminders two days before a session, queued by `flask send-reminders`.

"Two days before" means: a session is due for its reminder once it starts within the next
48 hours. Each run (hourly or daily, from cron) looks at the planned sessions that start after
now and no later than now + 48 h, and at their accepted assignments that have not been reminded
of the session's current start time. Their moderators get a reminder, and so does the school.

Nobody gets the same reminder twice: every reminder carries a dedupe key (per assignment and
recipient for moderators, per session and recipient for the school, each with the start time),
and the assignment's reminded_at is set. A session that was moved afterwards is reminded of
again for its new time, unless the new time was already within 48 hours of that reminder.
A moderator booked less than 48 hours ahead gets the reminder on the next run.
"""

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.notifications import events
from moderators.scheduling.models import ACCEPTED, PLANNED, Assignment, InfoSession

REMIND_BEFORE = timedelta(days=2)


def queue_due_reminders(now: datetime | None = None) -> int:
    """Queue the reminders that are due; returns how many assignments were reminded."""
    now = now or utcnow()
    sessions = db.session.scalars(
        select(InfoSession)
        .where(
            InfoSession.status == PLANNED,
            InfoSession.starts_at > now,
            InfoSession.starts_at <= now + REMIND_BEFORE,
        )
        .order_by(InfoSession.starts_at, InfoSession.id)
        .options(selectinload(InfoSession.assignments).selectinload(Assignment.moderator))
    ).all()
    reminded = 0
    for session in sessions:
        due = [a for a in session.assignments if a.status == ACCEPTED and _due(a, session)]
        if not due:
            continue
        events.session_reminder(session, due, _dedupe_key_for(session))
        for assignment in due:
            assignment.reminded_at = now
        db.session.commit()
        reminded += len(due)
    return reminded


def _due(assignment: Assignment, session: InfoSession) -> bool:
    """Not reminded yet, or reminded of an earlier start time that has since moved on."""
    return (
        assignment.reminded_at is None or assignment.reminded_at < session.starts_at - REMIND_BEFORE
    )


def _dedupe_key_for(session: InfoSession):
    starts = session.starts_at.strftime("%Y%m%dT%H%MZ")

    def dedupe_key(kind: str, object_id: int, recipient) -> str:
        address = hashlib.sha256(recipient.address.strip().lower().encode()).hexdigest()[:16]
        return f"reminder:{kind}:{object_id}:{starts}:{address}"

    return dedupe_key
