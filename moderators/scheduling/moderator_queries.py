"""What a moderator's own pages read: their offers and sessions, each with what the page shows."""

from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload

from moderators.extensions import db
from moderators.scheduling.models import (
    ACCEPTED,
    CANCELLED,
    OFFERED,
    PLANNED,
    Assignment,
    InfoSession,
)

RECENT_PAST = 5


def _with_session_details():
    """The session of an assignment, with everything a moderator's page shows about it."""
    return joinedload(Assignment.session).options(
        joinedload(InfoSession.school),
        joinedload(InfoSession.language),
        joinedload(InfoSession.topic),
        joinedload(InfoSession.district),
    )


def open_offers_and_upcoming(moderator_id: int, now: datetime) -> list[Assignment]:
    """Offers of sessions that have not begun, and accepted sessions not yet over, by time."""
    return list(
        db.session.scalars(
            select(Assignment)
            .join(Assignment.session)
            .where(
                Assignment.moderator_id == moderator_id,
                InfoSession.status == PLANNED,
                or_(
                    and_(Assignment.status == OFFERED, Assignment.starts_at > now),
                    and_(Assignment.status == ACCEPTED, Assignment.ends_at > now),
                ),
            )
            .options(_with_session_details())
            .order_by(Assignment.starts_at, Assignment.id)
        )
    )


def recent_past(moderator_id: int, now: datetime, limit: int = RECENT_PAST) -> list[Assignment]:
    """The moderator's last few sessions that are over, the latest first."""
    return list(
        db.session.scalars(
            select(Assignment)
            .join(Assignment.session)
            .where(
                Assignment.moderator_id == moderator_id,
                Assignment.status == ACCEPTED,
                Assignment.ends_at <= now,
                InfoSession.status != CANCELLED,
            )
            .options(_with_session_details())
            .order_by(Assignment.starts_at.desc(), Assignment.id.desc())
            .limit(limit)
        )
    )


def own_assignment(assignment_id: int, moderator_id: int | None) -> Assignment | None:
    """The assignment, if it is this moderator's; another moderator's reads as missing."""
    if moderator_id is None:
        return None
    return db.session.scalar(
        select(Assignment).where(
            Assignment.id == assignment_id, Assignment.moderator_id == moderator_id
        )
    )


def assignment_with_session(assignment_id: int) -> Assignment | None:
    return db.session.scalar(
        select(Assignment)
        .where(Assignment.id == assignment_id)
        .options(_with_session_details(), joinedload(Assignment.moderator))
    )
