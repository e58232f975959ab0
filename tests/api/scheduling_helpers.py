"""Helpers for the scheduling API tests: times as the API writes them, sessions in the past."""

from datetime import UTC, datetime, timedelta

from moderators.common.audit import AuditLog
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.scheduling.models import ACCEPTED, HELD, Assignment, InfoSession
from moderators.topics.models import Topic
from tests.conftest import district, language

VENUE = {"name": "Bürgerhaus", "address": "Mengestraße 20", "district": "Hamburg-Mitte"}


def utc(moment: datetime) -> str:
    """A time as the API sends it: UTC, to the second, with Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def first_topic() -> Topic:
    return db.session.scalar(db.select(Topic).order_by(Topic.position, Topic.id))


def held_session(moderator, days_ago: int, language_code: str = "tr") -> InfoSession:
    """A session held `days_ago` days ago that `moderator` had accepted.

    Written straight to the database: the services refuse to plan anything in the past.
    """
    starts_at = (utcnow() - timedelta(days=days_ago)).replace(microsecond=0)
    ends_at = starts_at + timedelta(minutes=90)
    session = InfoSession(
        language=language(language_code),
        topic=first_topic(),
        starts_at=starts_at,
        ends_at=ends_at,
        venue_name="Bürgerhaus",
        district=district("Altona"),
        status=HELD,
    )
    session.assignments = [
        Assignment(moderator=moderator, status=ACCEPTED, starts_at=starts_at, ends_at=ends_at)
    ]
    db.session.add(session)
    db.session.commit()
    return session


def audit_rows(action: str) -> list[AuditLog]:
    return list(db.session.scalars(db.select(AuditLog).where(AuditLog.action == action)))


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))
