"""Who is a candidate, who is a near-miss and why, and in which order: table-driven."""

from datetime import date, time, timedelta
from types import SimpleNamespace

import pytest

from moderators.common.results import kept_results
from moderators.common.timezone import local_datetime, local_today, to_local
from moderators.scheduling import services
from moderators.scheduling.matching import (
    ABSENT,
    BUSY,
    NOT_ACTIVE,
    UNAVAILABLE,
    exclusion_reason,
    match_slots,
    rank_key,
)
from tests.conftest import count_queries, district, language, next_weekday_at

MONDAY = date(2031, 3, 3)  # a Monday
BUFFER = timedelta(minutes=30)


def window(weekday, start, end):
    return SimpleNamespace(weekday=weekday, starts_at=start, ends_at=end)


def absence(first, last):
    return SimpleNamespace(starts_on=first, ends_on=last)


def person(status="active", windows=((0, time(16), time(20)),), absences=()):
    return SimpleNamespace(
        status=status,
        availability=[window(*w) for w in windows],
        absences=[absence(*a) for a in absences],
    )


def at(hour, minute=0, day=MONDAY):
    return local_datetime(day, time(hour, minute))


@pytest.mark.parametrize(
    ("moderator", "start", "end", "busy", "reason"),
    [
        (person(), at(16), at(20), [], None),  # exactly the window
        (person(), at(16), at(20, 1), [], UNAVAILABLE),  # one minute past its end
        (person(), at(15, 59), at(17), [], UNAVAILABLE),  # one minute before its start
        (person(windows=((1, time(16), time(20)),)), at(17), at(18), [], UNAVAILABLE),  # Tuesday
        (person(status="paused"), at(17), at(18), [], NOT_ACTIVE),
        (person(status="trainee"), at(17), at(18), [], NOT_ACTIVE),
        (person(absences=((MONDAY, MONDAY),)), at(17), at(18), [], ABSENT),
        (
            person(absences=((MONDAY - timedelta(1), MONDAY - timedelta(1)),)),
            at(17),
            at(18),
            [],
            None,
        ),
        (person(), at(17), at(18), [(at(18, 29), at(19))], BUSY),  # inside the buffer after
        (person(), at(17), at(18), [(at(18, 30), at(19))], None),  # just outside the buffer
        (person(), at(17), at(18), [(at(16), at(16, 31))], BUSY),  # inside the buffer before
        (person(), at(17), at(18), [(at(16), at(16, 30))], None),
        (person(status="paused", absences=((MONDAY, MONDAY),)), at(17), at(18), [], NOT_ACTIVE),
    ],
)
def test_exclusion_reasons(app, moderator, start, end, busy, reason):
    assert exclusion_reason(moderator, start, end, busy, BUFFER) == reason


def named(last, first="A", id=1):
    return SimpleNamespace(last_name=last, first_name=first, id=id)


def test_ranking_district_then_fewest_recent_then_longest_since_last():
    long_ago, lately = at(10, day=date(2030, 1, 1)), at(10, day=date(2031, 2, 1))
    people = [
        (named("Elsewhere", id=1), False, 0, None),
        (named("Busy", id=2), True, 3, lately),
        (named("Quiet", id=3), True, 1, lately),
        (named("Quieter", id=4), True, 1, long_ago),
        (named("Never", id=5), True, 1, None),
    ]
    order = sorted(people, key=lambda p: rank_key(*p))
    assert [p[0].last_name for p in order] == ["Never", "Quieter", "Quiet", "Busy", "Elsewhere"]


def test_ties_are_broken_by_name():
    a, b = named("Aydın", id=9), named("Bauer", id=1)
    assert sorted([b, a], key=lambda m: rank_key(m, True, 0, None)) == [a, b]


def test_match_slots_on_the_database(make_moderator, make_session):
    start = next_weekday_at(0, 17)
    end = start + timedelta(minutes=90)
    make_moderator("Ayla", "Nah", districts=("Altona",))
    make_moderator("Ferhat", "Fern", districts=("Harburg",))
    make_moderator("Pia", "Pause", status="paused")
    make_moderator("Ali", "Andere", languages=(("ar", "native"),))  # does not speak Turkish
    busy = make_moderator("Bora", "Belegt")
    other = make_session(starts_at=start - timedelta(minutes=30), duration=45)
    services.add_assignment(other, busy, "assign")
    (slot,) = match_slots(language("tr").id, district("Altona").id, [(start, end)])
    assert [(c.moderator.last_name, c.rank, c.district_match) for c in slot.candidates] == [
        ("Nah", 1, True),
        ("Fern", 2, False),
    ]
    assert {(e.moderator.last_name, e.reason) for e in slot.excluded} == {
        ("Pause", NOT_ACTIVE),
        ("Belegt", BUSY),
    }


def test_recent_sessions_lower_the_rank(make_moderator, make_session):
    from moderators.extensions import db

    start = next_weekday_at(0, 17)
    busy_lately = make_moderator("Viel", "Beschäftigt")
    make_moderator("Wenig", "Beschäftigt")
    past = make_session(starts_at=next_weekday_at(0, 17, weeks_ahead=1))
    services.add_assignment(past, busy_lately, "assign")
    # move that session into the past, as if it had been held last week
    past.starts_at -= timedelta(days=14)
    past.ends_at -= timedelta(days=14)
    for assignment in past.assignments:
        assignment.starts_at, assignment.ends_at = past.starts_at, past.ends_at
    db.session.commit()
    (slot,) = match_slots(
        language("tr").id, district("Altona").id, [(start, start + timedelta(hours=1))]
    )
    assert [(c.moderator.first_name, c.sessions_90d) for c in slot.candidates] == [
        ("Wenig", 0),
        ("Viel", 1),
    ]
    assert slot.candidates[1].last_session_at == past.starts_at


def test_matching_costs_the_same_queries_for_a_small_and_a_large_pool(make_moderator):
    start = next_weekday_at(0, 17)
    slots = [
        (start, start + timedelta(hours=1)),
        (start + timedelta(days=1), start + timedelta(days=1, hours=1)),
    ]

    def queries():
        # The factory writes no audit row, so the data's version stays: without this the second
        # count would be of the match kept from the first.
        kept_results().clear()
        with count_queries() as statements:
            match_slots(language("tr").id, district("Altona").id, slots)
        return len(statements)

    for _ in range(3):
        make_moderator()
    few = queries()
    for _ in range(30):
        make_moderator()
    assert queries() == few


def test_the_database_facts_decide_as_the_rules_do(make_moderator, make_session, make_held_session):
    """Absences, windows, bookings and the history as match_slots reads them from the database:
    only what touches the slot counts, and a session's own bookings can be left out."""
    from moderators.extensions import db
    from moderators.roster.models import Absence

    start = next_weekday_at(0, 17, weeks_ahead=2)
    end = start + timedelta(minutes=90)
    monday = to_local(start).date()
    spanning = make_moderator("Lange", "Abwesend")
    spanning.absences.append(
        Absence(starts_on=monday - timedelta(3), ends_on=monday + timedelta(3))
    )
    elsewhere = make_moderator("Andere", "Woche")
    elsewhere.absences.append(
        Absence(starts_on=monday + timedelta(1), ends_on=monday + timedelta(9))
    )
    db.session.commit()
    make_moderator("Nur", "Dienstags", availability=((1, time(16), time(20)),))
    before = make_moderator("Knapp", "Davor")
    services.add_assignment(make_session(starts_at=start - timedelta(minutes=60)), before, "assign")
    own = make_moderator("Eigene", "Buchung")
    session = make_session(starts_at=start)
    services.add_assignment(session, own, "offer")
    held = make_moderator("Viel", "Erfahren")
    make_held_session(days_ago=10, moderators=[held])
    make_held_session(days_ago=200, moderators=[held])
    cancelled = make_held_session(days_ago=5, moderators=[held])
    cancelled.status = "cancelled"
    db.session.commit()

    (slot,) = match_slots(
        language("tr").id, district("Altona").id, [(start, end)], exclude_session_id=session.id
    )

    reasons = {e.moderator.last_name: e.reason for e in slot.excluded}
    assert reasons == {"Abwesend": ABSENT, "Dienstags": UNAVAILABLE, "Davor": BUSY}
    candidates = {c.moderator.last_name: c for c in slot.candidates}
    assert set(candidates) == {"Woche", "Buchung", "Erfahren"}
    assert candidates["Erfahren"].sessions_90d == 1
    assert to_local(candidates["Erfahren"].last_session_at).date() == local_today() - timedelta(10)
    assert candidates["Buchung"].sessions_90d == 0 and candidates["Buchung"].last_session_at is None


def test_near_misses_with_the_same_name_keep_the_order_of_the_pool(make_moderator):
    start = next_weekday_at(0, 17)
    first = make_moderator("Ada", "Gleich", status="paused")
    second = make_moderator("Bea", "gleich", status="paused")
    (slot,) = match_slots(
        language("tr").id, district("Altona").id, [(start, start + timedelta(hours=1))]
    )
    assert [e.moderator.id for e in slot.excluded] == [first.id, second.id]
    assert [e.moderator.full_name for e in slot.excluded] == ["Ada Gleich", "Bea gleich"]


def test_a_pool_without_speakers_and_no_slots(make_moderator):
    make_moderator(languages=(("ar", "native"),))
    start = next_weekday_at(0, 17)
    (slot,) = match_slots(language("tr").id, district("Altona").id, [(start, start + BUFFER)])
    assert slot.candidates == [] and slot.excluded == []
    assert match_slots(language("ar").id, district("Altona").id, []) == []
