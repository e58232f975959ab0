"""Helpers for a school's request pages: the form's data and a confirmed session."""

from datetime import date, timedelta

import pytest

from moderators.common.timezone import local_today, to_local
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.scheduling import services
from moderators.topics.models import Topic
from tests.conftest import district, next_weekday_at


def slot_fields(n: int, moment) -> dict:
    local = to_local(moment)
    return {f"start_date_{n}": local.date().isoformat(), f"start_time_{n}": local.strftime("%H:%M")}


@pytest.fixture
def request_form():
    """Valid form data for a Turkish request at the school; keyword arguments override it."""

    def make(**overrides) -> dict:
        language = db.session.scalar(db.select(Language).filter_by(code="tr"))
        topic = db.session.scalar(db.select(Topic).order_by(Topic.position))
        data = {
            "language_id": language.id,
            "topic_id": topic.id,
            **slot_fields(1, next_weekday_at(1, 18)),
            "duration_minutes": "90",
            "expected_parents": "25",
            "venue": "school",
            "notes": "Elternabend der 5. Klassen",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make


def next_christmas() -> date:
    """The next 25 December that is still ahead (a public holiday and in the school holidays)."""
    today = local_today()
    christmas = date(today.year, 12, 25)
    return christmas if christmas > today + timedelta(days=1) else date(today.year + 1, 12, 25)


@pytest.fixture
def confirm(make_moderator):
    """Schedule a request at its first time with a moderator who is assigned directly."""

    def make(session_request, **moderator_fields):
        moderator = make_moderator(**moderator_fields)
        return services.schedule_request(
            session_request, session_request.slots[0].starts_at, [moderator.id], "assign"
        )

    return make


def altona():
    return district("Altona")
