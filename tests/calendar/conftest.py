"""Factories for calendar tests: sessions a moderator has accepted, and reading .ics back."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.scheduling import services
from tests.conftest import next_weekday_at


@pytest.fixture
def booked_session(make_session):
    """A session with `moderator` assigned and accepted; by default a Monday evening ahead."""
    counter = iter(range(10_000))

    def make(moderator, starts_at=None, **fields):
        starts_at = starts_at or next_weekday_at(0, 17, weeks_ahead=2 + next(counter))
        session = make_session(starts_at=starts_at, **fields)
        services.add_assignment(session, moderator, "assign")
        return session

    return make


def move_into_past(session, days: int) -> None:
    """Sessions cannot be planned in the past; tests move them there afterwards."""
    length = session.ends_at - session.starts_at
    session.starts_at = utcnow() - timedelta(days=days)
    session.ends_at = session.starts_at + length
    for assignment in session.assignments:
        assignment.starts_at, assignment.ends_at = session.starts_at, session.ends_at
    db.session.commit()


def events(body: bytes) -> dict[str, object]:
    """The VEVENTs of an .ics body by UID."""
    calendar = Calendar.from_ical(body)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(session) -> str:
    return f"session-{session.id}@elternmoderation-hamburg"
