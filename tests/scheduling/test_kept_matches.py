"""A match is kept until the data changes or time changes a speaker's history, and what a
caller does with the lists it gets does not change what the next caller gets."""

from datetime import timedelta

import pytest

from moderators.common.models import utcnow
from moderators.scheduling import services
from moderators.scheduling.matching import BUSY, match_slots
from tests.conftest import count_queries, district, language, next_weekday_at


def match(start, where=None):
    """The Turkish speakers for an hour from `start` at a school in `where` (default Altona)."""
    language_id, district_id = where or (language("tr").id, district("Altona").id)
    (slot,) = match_slots(language_id, district_id, [(start, start + timedelta(hours=1))])
    return slot


def facts(slot):
    return [(c.moderator.last_name, c.rank, c.sessions_90d) for c in slot.candidates]


@pytest.fixture
def clock(monkeypatch):
    """Moves the time that matching and the kept results read."""

    def move_to(moment):
        for module in ("moderators.scheduling.matching", "moderators.common.results"):
            monkeypatch.setattr(f"{module}.utcnow", lambda: moment)

    return move_to


def test_a_match_asked_again_is_not_read_again(make_moderator):
    make_moderator("Ayla", "Nah")
    start = next_weekday_at(0, 17)
    where = language("tr").id, district("Altona").id
    first = match(start, where)
    with count_queries() as statements:
        again = match(start, where)
    assert facts(again) == facts(first) == [("Nah", 1, 0)]
    assert len(statements) == 1 and "audit_log" in statements[0]


def test_a_booking_made_since_is_in_the_next_match(make_moderator, make_session):
    booked = make_moderator("Bora", "Belegt")
    start = next_weekday_at(0, 17)
    assert facts(match(start)) == [("Belegt", 1, 0)]

    services.add_assignment(make_session(starts_at=start), booked, "assign")

    slot = match(start)
    assert slot.candidates == []
    assert [(e.moderator.last_name, e.reason) for e in slot.excluded] == [("Belegt", BUSY)]


def test_a_session_that_began_since_counts_as_held(make_moderator, make_session, clock):
    busy, free = make_moderator("Viel", "Beschäftigt"), make_moderator("Wenig", "Beschäftigt")
    soon = make_session(starts_at=utcnow() + timedelta(hours=2))
    services.add_assignment(soon, busy, "assign")
    start = next_weekday_at(0, 17, weeks_ahead=2)
    assert [c.sessions_90d for c in match(start).candidates] == [0, 0]

    clock(utcnow() + timedelta(hours=3))

    slot = match(start)
    assert [(c.moderator.first_name, c.sessions_90d) for c in slot.candidates] == [
        ("Wenig", 0),
        ("Viel", 1),
    ]
    assert slot.candidates[1].last_session_at == soon.starts_at
    assert free.id == slot.candidates[0].moderator.id


def test_a_session_falls_out_of_the_ninety_days(make_moderator, make_held_session, clock):
    held = make_moderator("Ayla", "Nah")
    session = make_held_session(days_ago=89, moderators=[held])
    start = next_weekday_at(0, 17, weeks_ahead=2)
    assert facts(match(start)) == [("Nah", 1, 1)]

    clock(utcnow() + timedelta(days=2))

    (candidate,) = match(start).candidates
    assert candidate.sessions_90d == 0
    assert candidate.last_session_at == session.starts_at


def test_what_a_caller_does_with_its_lists_stays_its_own(make_moderator, make_session):
    make_moderator("Ayla", "Nah")
    make_moderator("Ferhat", "Fern", districts=("Harburg",))
    start = next_weekday_at(0, 17)
    first = match(start)
    first.candidates.pop(0)
    first.excluded.append(first.candidates[0])

    again = match(start)
    assert facts(again) == [("Nah", 1, 0), ("Fern", 2, 0)]
    assert again.excluded == []
