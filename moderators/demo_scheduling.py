"""Demo scheduling data: two school years of requests and sessions and the weeks ahead, as rows."""

import random
from collections import defaultdict
from datetime import date, time, timedelta

import holidays
from holidays.constants import PUBLIC as PUBLIC_HOLIDAYS
from holidays.constants import SCHOOL as SCHOOL_HOLIDAYS
from sqlalchemy import select

from moderators.auth.models import MODERATOR, SCHOOL
from moderators.common.timezone import local_datetime, local_today
from moderators.demo_scheduling_planner import (
    ASKED,
    CANCELLED_REQUEST,
    CANCELLED_SESSION,
    CONFIRMED,
    HELD_SESSION,
    OFFERS_OUT,
    UNFILLED_REQUEST,
    Planner,
)
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.scheduling.matching import travel_buffer
from moderators.scheduling.models import Assignment, InfoSession, RequestSlot, SessionRequest
from moderators.topics.models import Topic

SESSIONS_PER_YEAR = 165  # past sessions, held or cancelled
CENTRE_SHARE = 0.15  # of past sessions: planned with a community centre, without a request
AHEAD = (14, 56)  # upcoming requests ask for times two to eight weeks from today
PAST_OUTCOMES = {HELD_SESSION: 88, CANCELLED_SESSION: 5, UNFILLED_REQUEST: 4, CANCELLED_REQUEST: 3}
AHEAD_OUTCOMES = {ASKED: 40, OFFERS_OUT: 40, CONFIRMED: 20}


def _calendar(first: date, last: date, closed: dict[bool, set]) -> dict[bool, dict]:
    """At a school or not → weekday (None: Monday to Friday) → the days a session can be held."""
    calendar: dict[bool, dict] = {False: defaultdict(list), True: defaultdict(list)}
    for n in range((last - first).days + 1):
        day = first + timedelta(n)
        for at_school, days in calendar.items():
            if day.weekday() < 6 and day not in closed[at_school]:
                days[day.weekday()].append(day)
                if day.weekday() < 5:
                    days[None].append(day)
    return calendar


# The plan -----------------------------------------------------------------


def school_year_start(day: date) -> date:
    """A school year runs from 1 August to 31 July."""
    return date(day.year if day.month >= 8 else day.year - 1, 8, 1)


def _closed_days(first: date, last: date) -> dict[bool, set[date]]:
    """Days without sessions (public holidays) and, at schools, the school holidays too."""
    hamburg = {"country": "DE", "subdiv": "HH", "years": range(first.year, last.year + 1)}
    public = set(holidays.country_holidays(**hamburg, categories=PUBLIC_HOLIDAYS))
    school = set(holidays.country_holidays(**hamburg, categories=SCHOOL_HOLIDAYS))
    return {False: public, True: public | school}


def _holiday_days(today: date, closed: dict[bool, set[date]]) -> list[date]:
    """Weekdays of Hamburg's school holidays from two weeks ahead: in the next eight weeks if
    there are any, else the first ones after that."""
    school_holidays = closed[True] - closed[False]
    span = (today + timedelta(n) for n in range(AHEAD[0], 183))
    days = [d for d in span if d.weekday() < 5 and d in school_holidays]
    return [d for d in days if d <= today + timedelta(AHEAD[1])] or days[:10]


def plan_scheduling(
    rng: random.Random,
    people: list[dict],
    certified_on: list[date | None],
    schools: list[dict],
    topics: list[str],
    today: date,
    buffer: timedelta = timedelta(minutes=30),
    demo_person: int | None = None,
    demo_school: int | None = None,
) -> dict[str, list[dict]]:
    """Requests and sessions as plain dicts (people and schools by index, languages by code,
    topics by German name) from 1 August two school years back to eight weeks ahead.

    They depend only on the random seed, the pool, the schools, the topics and today. Whoever is
    offered or given a session speaks its language and is free by the matching rule
    (`exclusion_reason`), checked against the bookings planned so far, so nobody is booked twice.
    """
    first = school_year_start(today).replace(year=school_year_start(today).year - 2)
    closed = _closed_days(first, today + timedelta(183))
    past = _calendar(first, today - timedelta(1), closed)
    recent = _calendar(today - timedelta(21), today - timedelta(1), closed)
    ahead = _calendar(today + timedelta(AHEAD[0]), today + timedelta(AHEAD[1]), closed)
    planner = Planner(rng, people, certified_on, schools, topics, today, buffer)
    if not topics or not planner.speakers:
        return {"requests": [], "sessions": []}

    # The demo accounts' pages first, while everybody's time is still free
    if demo_person is not None:
        for outcome, days, times in (
            (OFFERS_OUT, ahead, 2),
            (CONFIRMED, ahead, 1),
            (HELD_SESSION, recent, 3),
            (HELD_SESSION, past, 4),
        ):
            done = planner.repeat(times, planner.request, None, outcome, days, demo_person)
            # someone free only in the mornings or for short spells: at any time they can
            args = (None, outcome, days, demo_person, None, False)
            planner.repeat(times - done, planner.request, *args)
    if demo_school is not None:
        for outcome in (ASKED, OFFERS_OUT, CONFIRMED):
            planner.repeat(1, planner.request, demo_school, outcome, ahead)
        for outcome in (HELD_SESSION, HELD_SESSION, CANCELLED_SESSION, CANCELLED_REQUEST):
            planner.repeat(1, planner.request, demo_school, outcome, past)
        planner.repeat(1, planner.request, demo_school, UNFILLED_REQUEST, past)

    def past_session() -> bool:
        if rng.random() < CENTRE_SHARE:
            outcome = rng.choices((HELD_SESSION, CANCELLED_SESSION), (93, 7))[0]
            return planner.centre_session(outcome, past)
        outcome = rng.choices(list(PAST_OUTCOMES), list(PAST_OUTCOMES.values()))[0]
        made = planner.request(None, outcome, past)
        return made and outcome in (HELD_SESSION, CANCELLED_SESSION)

    made = sum(s["starts_at"] < planner.midnight for s in planner.sessions)
    planner.repeat(round((today - first).days / 365 * SESSIONS_PER_YEAR) - made, past_session)

    holiday_days = _holiday_days(today, closed)
    for _ in range(2 if holiday_days else 0):  # the app warns about these
        start = local_datetime(rng.choice(holiday_days), time(rng.randint(15, 18), 30))
        planner.request(None, ASKED, ahead, None, start)

    def upcoming_request() -> bool:
        outcome = rng.choices(list(AHEAD_OUTCOMES), list(AHEAD_OUTCOMES.values()))[0]
        return planner.request(None, outcome, ahead)

    made = sum(r["slots"][0] > planner.midnight for r in planner.requests)
    planner.repeat(rng.randint(28, 36) - made, upcoming_request)
    planner.repeat(rng.randint(3, 4), planner.centre_session, CONFIRMED, ahead)
    return {"requests": planner.requests, "sessions": planner.sessions}


# Loading ------------------------------------------------------------------

REQUEST_FIELDS = ("duration_minutes", "expected_parents", "notes", "public", "status")
REQUEST_FIELDS += ("status_reason", "created_at", "updated_at")
SESSION_FIELDS = ("starts_at", "ends_at", "moderators_needed", "expected_parents", "public")
SESSION_FIELDS += ("notes", "status", "status_reason", "created_at", "updated_at")
ASSIGNMENT_FIELDS = ("status", "offered_at", "responded_at", "decline_reason")


def scheduling_rows(plan: dict, moderators: list, schools: list) -> tuple[list, list]:
    """The planned requests and sessions as rows; slots and assignments hang on them. Rows are
    built directly: no mail, no audit."""
    languages = {language.code: language for language in db.session.scalars(select(Language))}
    topics = {topic.name_de: topic for topic in db.session.scalars(select(Topic))}

    def place(planned: dict) -> dict:
        school = schools[planned["school"]]
        return {
            "school": school,
            "venue_name": school.name,
            "venue_address": school.address,
            "district": school.district,
            "language": languages[planned["language"]],
            "topic": topics[planned["topic"]],
        }

    requests = [
        SessionRequest(
            **place(r),
            **{field: r[field] for field in REQUEST_FIELDS},
            slots=[RequestSlot(starts_at=starts_at) for starts_at in r["slots"]],
        )
        for r in plan["requests"]
    ]
    sessions = []
    for s in plan["sessions"]:
        session = InfoSession(**place(s), **{field: s[field] for field in SESSION_FIELDS})
        session.request = requests[s["request"]] if s["request"] is not None else None
        session.assignments = [
            Assignment(
                moderator=moderators[a["person"]],
                starts_at=s["starts_at"],
                ends_at=s["ends_at"],
                **{field: a[field] for field in ASSIGNMENT_FIELDS},
            )
            for a in s["assignments"]
        ]
        sessions.append(session)
    return requests, sessions


def scheduling_history(rng, people, moderators, schools, accounts) -> tuple[list, list]:
    """The demo pool's requests and sessions as of today, with pages for the demo accounts."""
    with db.session.no_autoflush:  # the caller adds the pool and its training afterwards
        topics = db.session.scalars(
            select(Topic.name_de).where(Topic.active).order_by(Topic.position, Topic.id)
        ).all()
        holder = {user.role: user for user in accounts}
        person = holder[MODERATOR].moderator if MODERATOR in holder else None
        school = holder[SCHOOL].school if SCHOOL in holder else None
        plan = plan_scheduling(
            rng,
            people,
            [moderator.certified_on for moderator in moderators],
            [{"type": s.type, "district": s.district.name} for s in schools],
            topics,
            local_today(),
            travel_buffer(),
            demo_person=moderators.index(person) if person is not None else None,
            demo_school=schools.index(school) if school is not None else None,
        )
        return scheduling_rows(plan, moderators, schools)
