"""Demo scheduling history: believable, repeatable, and true to the booking rules."""

import random
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from moderators.auth.models import User
from moderators.common.models import utcnow
from moderators.common.timezone import to_local
from moderators.demo import (
    MODERATOR_EMAIL,
    SCHOOL_EMAIL,
    demo_moderators,
    demo_schools,
    load_demo_data,
)
from moderators.demo_scheduling import plan_scheduling, school_year_start
from moderators.demo_training import plan_training
from moderators.extensions import db
from moderators.logbook.models import EventReport
from moderators.roster.models import Moderator
from moderators.scheduling.matching import exclusion_reason
from moderators.scheduling.models import (
    ACCEPTED,
    BOOKED,
    OFFERED,
    REQUEST_STATUSES,
    SESSION_STATUSES,
    InfoSession,
    SessionRequest,
)
from moderators.seed import TOPICS
from moderators.training.models import COMPLETED


@pytest.fixture
def demo(app):
    load_demo_data(2007)
    return db.session.scalars(
        select(InfoSession).options(
            selectinload(InfoSession.assignments),
            selectinload(InfoSession.request).selectinload(SessionRequest.slots),
        )
    ).all()


def pool() -> dict[int, Moderator]:
    moderators = db.session.scalars(
        select(Moderator).options(
            selectinload(Moderator.languages),
            selectinload(Moderator.availability),
            selectinload(Moderator.absences),
        )
    )
    return {moderator.id: moderator for moderator in moderators}


def test_nobody_is_booked_twice_and_whoever_is_booked_could_take_the_session(app, demo):
    """Speaks the language, certified, active, not absent, available then, free around it."""
    buffer, moderators = app.config["TRAVEL_BUFFER"], pool()
    booked, accepted = defaultdict(list), defaultdict(list)
    for session in demo:
        for a in session.assignments:
            assert (a.starts_at, a.ends_at) == (session.starts_at, session.ends_at)
            if a.status in BOOKED:
                booked[a.moderator_id].append(a)
            if a.status == ACCEPTED:
                accepted[a.moderator_id].append((a.starts_at, a.ends_at))
    assert sum(map(len, accepted.values())) > 300
    for times in accepted.values():
        times.sort()
        for (_, ends_at), (next_start, _) in zip(times, times[1:], strict=False):
            assert ends_at + buffer <= next_start
    for session in demo:
        for a in session.assignments:
            moderator = moderators[a.moderator_id]
            assert session.language_id in {ml.language_id for ml in moderator.languages}
            assert moderator.certified_on < to_local(session.starts_at).date()
            if a.status in BOOKED:
                busy = [(b.starts_at, b.ends_at) for b in booked[a.moderator_id] if b is not a]
                reason = exclusion_reason(moderator, a.starts_at, a.ends_at, busy, buffer)
                assert reason is None, (moderator.full_name, a.starts_at, reason)


def test_requests_and_sessions_come_in_every_state_in_believable_numbers(demo):
    now, today = utcnow(), to_local(utcnow()).date()
    requests = db.session.scalars(select(SessionRequest)).all()
    assert {r.status for r in requests} == set(REQUEST_STATUSES)
    states = Counter(s.status for s in demo)
    reports = db.session.scalars(select(EventReport).where(EventReport.status == "approved"))
    approved, not_held = set(), set()
    for report in reports:
        (approved if report.took_place else not_held).add(report.session_id)
    assert set(states) == set(SESSION_STATUSES) and states["cancelled"] < states["held"] / 10
    for session in demo:
        accepted, starts = session.accepted, to_local(session.starts_at)
        if session.status == "held":
            assert session.ends_at < now and len(accepted) == session.moderators_needed
        if session.status == "cancelled":  # by the office, or by a report that it fell through
            assert session.status_reason
            assert not accepted or session.id in not_held
        if session.status == "planned":  # ahead, or past and waiting for an approved report
            assert session.starts_at > now or (accepted and session.id not in approved)
            assert len(accepted) <= session.moderators_needed
        assert 60 <= session.duration_minutes <= 180 and 8 <= session.expected_parents <= 60
        assert (starts.weekday() < 5 and 15 <= starts.hour <= 20) or starts.weekday() == 5
        if session.request is not None:
            assert session.request.status == "scheduled"
            assert session.starts_at in [slot.starts_at for slot in session.request.slots]
            assert session.request.created_at < session.created_at < session.starts_at
        for a in session.assignments:
            assert a.offered_at < session.starts_at and a.offered_at < now
            assert a.responded_at is None or a.offered_at < a.responded_at < session.starts_at
            assert (a.status == "declined") == bool(a.decline_reason)

    first = school_year_start(today).replace(year=school_year_start(today).year - 2)
    past = [s for s in demo if s.status != "planned"]
    assert 300 <= len(past) <= 520
    assert min(to_local(s.starts_at).date() for s in past) >= first
    assert sum(s.request_id is None for s in past) > 20  # planned with community centres
    assert Counter(a.status for s in demo for a in s.assignments)["declined"] > 10
    languages = Counter(s.language.code for s in past)
    assert languages["tr"] > languages["ti"] and languages["ar"] > languages["ti"]

    upcoming = [r for r in requests if r.slots[0].starts_at > now]
    assert 25 <= len(upcoming) <= 40
    ahead = Counter(r.status for r in upcoming)
    assert ahead["open"] >= 8 and ahead["scheduled"] >= 12
    for request in upcoming:
        for slot in request.slots:
            assert 14 <= (to_local(slot.starts_at).date() - today).days <= 183


def test_the_demo_accounts_have_offers_sessions_and_requests_to_see(demo):
    now = utcnow()
    moderator = db.session.scalar(select(User).where(User.email == MODERATOR_EMAIL)).moderator
    mine = [(a, s) for s in demo for a in s.assignments if a.moderator_id == moderator.id]
    offers = [a for a, s in mine if a.status == OFFERED and s.status == "planned"]
    confirmed = [a for a, s in mine if a.status == ACCEPTED and s.starts_at > now]
    held = [a for a, s in mine if a.status == ACCEPTED and s.status == "held"]
    assert len(offers) >= 2 and all(a.starts_at > now for a in offers)
    assert len(confirmed) >= 1 and len(held) >= 3

    school = db.session.scalar(select(User).where(User.email == SCHOOL_EMAIL)).school
    requests = db.session.scalars(
        select(SessionRequest).where(SessionRequest.school_id == school.id)
    ).all()
    assert {r.status for r in requests} == set(REQUEST_STATUSES)
    assert any(r.status == "open" and r.slots[0].starts_at > now for r in requests)
    sessions = [s for s in demo if s.school_id == school.id]
    assert any(s.status == "planned" and s.accepted and s.starts_at > now for s in sessions)
    assert {"held", "cancelled"} <= {s.status for s in sessions}


def certified(people: list[dict], today: date) -> list[date | None]:
    done = [None] * len(people)
    for cohort in plan_training(random.Random(1), people, today):
        for enrollment in cohort["enrollments"]:
            if enrollment["status"] == COMPLETED:
                done[enrollment["person"]] = cohort["ends_on"]
    return done


def plan_for(today: date, seed: int = 5) -> tuple[dict, int, int]:
    """A plan for a pool and schools made as `load_demo_data` makes them; the account holders."""
    people, schools = demo_moderators(random.Random(5), today), demo_schools(random.Random(5))
    person = next(i for i, p in enumerate(people) if p["status"] == "active" and p["female"])
    school = next(i for i, s in enumerate(schools) if s["type"] == "grundschule")
    topics = [name for name, _ in TOPICS]
    plan = plan_scheduling(
        random.Random(seed),
        people,
        certified(people, today),
        schools,
        topics,
        today,
        demo_person=person,
        demo_school=school,
    )
    return plan, person, school


def test_the_same_seed_and_day_give_the_same_plan_and_another_seed_another():
    plan, _, _ = plan_for(date(2025, 3, 14))
    assert plan == plan_for(date(2025, 3, 14))[0]
    assert plan != plan_for(date(2025, 3, 14), seed=6)[0]


@pytest.mark.parametrize("today", [date(2026, 8, 1), date(2026, 12, 1), date(2027, 7, 10)])
def test_whatever_the_day_the_plan_fills_two_school_years_and_the_demo_pages(today):
    plan, person, school = plan_for(today)
    sessions, requests = plan["sessions"], plan["requests"]
    past = [s for s in sessions if s["status"] != "planned"]
    assert 300 <= len(past) <= 520
    first = school_year_start(today).replace(year=school_year_start(today).year - 2)
    days = sorted(to_local(s["starts_at"]).date() for s in past)
    assert first <= days[0] < first + timedelta(days=60) and days[-1] < today
    mine = [
        (s["status"], a["status"])
        for s in sessions
        for a in s["assignments"]
        if a["person"] == person
    ]
    assert mine.count(("planned", OFFERED)) >= 2 and mine.count(("planned", ACCEPTED)) >= 1
    assert {r["status"] for r in requests if r["school"] == school} == set(REQUEST_STATUSES)
    upcoming = [r for r in requests if to_local(r["slots"][0]).date() > today]
    assert 25 <= len(upcoming) <= 40
