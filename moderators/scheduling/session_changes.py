"""Changes to a planned session: moving it, changing what describes it, cancelling it.

As in services.py, each change is validated, audited and announced by mail, and its commit keeps
what the transaction holds (see services._commit).
"""

from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l

from moderators.common.audit import record
from moderators.common.commits import commit_keeping_loaded_objects
from moderators.extensions import db
from moderators.notifications import events, outbox
from moderators.scheduling.booking import SchedulingError, ensure_free, withdraw_open_offers
from moderators.scheduling.models import BOOKED, CANCELLED, PLANNED, WITHDRAWN, InfoSession
from moderators.scheduling.rules import check_duration, check_starts


def reschedule(
    session: InfoSession, starts_at: datetime, duration_minutes: int | None = None, reason: str = ""
) -> None:
    """Move a session; accepted moderators stay booked if they are free at the new time."""
    if session.status != PLANNED:
        raise SchedulingError(
            None,
            _l("Die Veranstaltung hat schon begonnen oder ist nicht mehr geplant."),
            conflict=True,
        )
    (starts_at,) = check_starts([starts_at])
    minutes = duration_minutes or session.duration_minutes
    check_duration(minutes)
    before, ends_at = session.starts_at, starts_at + timedelta(minutes=minutes)
    ensure_free(session.accepted, starts_at, ends_at)  # checked before anything moves
    session.starts_at, session.ends_at = starts_at, ends_at
    for assignment in session.assignments:
        assignment.starts_at, assignment.ends_at = starts_at, ends_at
    record("session.reschedule", session, before=before, after=starts_at, reason=reason)
    db.session.flush()  # sets updated_at, which the calendar files count their changes by
    with outbox.batch():
        events.session_changed(session, reason)
    commit_keeping_loaded_objects()


def cancel_session(session: InfoSession, reason: str) -> None:
    if session.status != PLANNED:
        raise SchedulingError(
            None,
            _l("Die Veranstaltung hat schon begonnen oder ist nicht mehr geplant."),
            conflict=True,
        )
    if not (reason or "").strip():
        raise SchedulingError("reason", _l("Bitte einen Grund angeben."))
    session.status = CANCELLED
    session.status_reason = reason.strip()
    informed = [a for a in session.assignments if a.status in BOOKED]
    for assignment in informed:
        assignment.status = WITHDRAWN
    record("session.cancel", session, reason=session.status_reason)
    with outbox.batch():
        events.session_cancelled(session, informed)
    commit_keeping_loaded_objects()


# Fields that hold the id of what a relationship of the session loads.
RELATIONSHIPS = {"district_id": "district", "topic_id": "topic"}
SESSION_FIELDS = (
    "venue_name",
    "venue_address",
    "district_id",
    "moderators_needed",
    "public",
    "notes",
    "topic_id",
    "expected_parents",
)


def update_session(session: InfoSession, **fields: Any) -> list[str]:
    """Change what describes a planned session (not its time: see reschedule)."""
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise SchedulingError(sorted(unknown)[0], _l("Dieses Feld gibt es nicht."))
    if session.status != PLANNED:
        raise SchedulingError(
            None,
            _l("Die Veranstaltung hat schon begonnen oder ist nicht mehr geplant."),
            conflict=True,
        )
    if "moderators_needed" in fields and not 1 <= int(fields["moderators_needed"]) <= 10:
        raise SchedulingError("moderators_needed", _l("Bitte eine Zahl von 1 bis 10 angeben."))
    changed = [k for k, v in fields.items() if getattr(session, k) != v]
    if not changed:
        return changed
    for key in changed:
        setattr(session, key, fields[key])
    # The district or topic object goes with its id (from the identity map, if it is there).
    if moved := [RELATIONSHIPS[key] for key in changed if key in RELATIONSHIPS]:
        db.session.expire(session, moved)
    withdrawn = withdraw_open_offers(session)
    record("session.update", session, fields=changed)
    db.session.flush()  # sets updated_at, which the calendar files count their changes by
    with outbox.batch():
        for assignment in withdrawn:
            events.offer_withdrawn(assignment)
        if set(changed) & {"venue_name", "venue_address", "district_id", "topic_id"}:
            events.session_changed(session)
    commit_keeping_loaded_objects()
    return changed
