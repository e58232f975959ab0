"""Reminders of overdue reports, queued by `flask send-reminders`.

A report is overdue once its session started more than REPORT_REMINDER_AFTER ago (7 days by
default), the moderator's assignment is still accepted, the session was not cancelled and no
report exists for the assignment. Each moderator gets one mail that lists all their missing
reports, but only when at least one of them has not been reminded of yet: a ReportReminder row
per assignment says it has. So a second run sends nothing, and a session that becomes overdue
later brings a new mail, which lists the older missing reports again as well.
"""

import hashlib
from datetime import datetime
from itertools import groupby

from flask import current_app
from sqlalchemy import exists, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from moderators.common.commits import keeping_loaded_objects
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.logbook.models import EventReport, ReportReminder
from moderators.notifications import logbook_events as events
from moderators.notifications.recipients import moderator_recipient
from moderators.roster.models import Moderator
from moderators.scheduling.models import ACCEPTED, HELD, PLANNED, Assignment, InfoSession


def overdue_assignments(now: datetime | None = None) -> list[tuple[Assignment, bool]]:
    """Every accepted assignment whose report is overdue, with whether it was reminded of,
    grouped by moderator and in session order; the sessions come with what the mail shows."""
    now = now or utcnow()
    cutoff = now - current_app.config["REPORT_REMINDER_AFTER"]
    reminded = exists().where(ReportReminder.assignment_id == Assignment.id)
    rows = db.session.execute(
        select(Assignment, reminded)
        .join(Assignment.session)
        .where(
            Assignment.status == ACCEPTED,
            InfoSession.status.in_((PLANNED, HELD)),
            InfoSession.starts_at < cutoff,
            ~exists().where(EventReport.assignment_id == Assignment.id),
        )
        .order_by(Assignment.moderator_id, InfoSession.starts_at, Assignment.id)
        .options(
            contains_eager(Assignment.session).options(
                joinedload(InfoSession.language),
                joinedload(InfoSession.district),
                joinedload(InfoSession.school),
                joinedload(InfoSession.topic),
            ),
            selectinload(Assignment.moderator).joinedload(Moderator.user),
        )
    )
    return [(assignment, bool(was_reminded)) for assignment, was_reminded in rows]


def queue_report_reminders(now: datetime | None = None) -> int:
    """Queue a mail to each moderator with newly overdue reports; returns how many."""
    now = now or utcnow()
    # Every mail commits; the rows loaded above must not expire with it and be read again
    # one moderator at a time.
    with keeping_loaded_objects():
        return sum(
            _remind(list(rows), now)
            for _, rows in groupby(overdue_assignments(now), key=lambda row: row[0].moderator_id)
        )


def _remind(rows: list[tuple[Assignment, bool]], now: datetime) -> bool:
    """Mail one moderator about all their overdue reports if one of them is new."""
    new = [assignment for assignment, was_reminded in rows if not was_reminded]
    if not new:
        return False
    moderator = new[0].moderator
    recipient = moderator_recipient(moderator)
    if not recipient.address:
        return False  # no address on file: the office sees the missing reports in its lists
    db.session.add_all(ReportReminder(assignment_id=a.id, sent_at=now) for a in new)
    # queue_mail commits the mail and these rows together: both are stored or neither, and
    # the dedupe key keeps a run that overlaps this one from sending the mail twice.
    events.reports_due(
        moderator, [assignment for assignment, _ in rows], _dedupe_key(new, recipient)
    )
    db.session.commit()
    return True


def _dedupe_key(new: list[Assignment], recipient) -> str:
    """The same newly overdue assignments to the same address are the same mail."""
    ids = ",".join(str(a.id) for a in sorted(new, key=lambda a: a.id))
    digest = hashlib.sha256(ids.encode()).hexdigest()[:24]
    address = hashlib.sha256(recipient.address.strip().lower().encode()).hexdigest()[:16]
    return f"reports-due:{new[0].moderator_id}:{digest}:{address}"
