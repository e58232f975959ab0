"""The plan behind the demo logbook: reports on past sessions and other activities, as dicts.

Reports follow a session's age: the last week's sessions still wait for theirs, the weeks before
have reports submitted, some returned, some approved, and older ones are nearly all approved.
A session becomes held (or, now and then, cancelled) once a report on it is approved, as
`approve_report` does; until then it stays planned. Everything depends only on the random seed,
the scheduling plan, the pool and today.
"""

import random
from datetime import date, datetime, time, timedelta

from moderators.common.timezone import local_datetime, to_local
from moderators.demo_logbook_texts import (
    ACTIVITY_NOTES,
    ACTIVITY_WEIGHTS,
    APPROVE_COMMENTS,
    NOT_HELD,
    QUESTIONS,
    REPORT_NOTES,
    RETURN_COMMENTS,
    TOPIC_POINTS,
)
from moderators.demo_scheduling import school_year_start
from moderators.logbook.models import (
    ACCOMPANIMENT,
    ACTIVITY_TYPES,
    APPROVED,
    COUNSELLING,
    NETWORK_EVENT,
    RETURNED,
    SUBMITTED,
    SUPERVISION,
)
from moderators.roster.models import ACTIVE
from moderators.scheduling.models import ACCEPTED, CANCELLED, HELD, PLANNED

DUE = "due"  # no report yet
NOT_HELD_SHARE = 0.015  # of the sessions reported on long ago: a few fell through
REVIEW_FIELDS = ("status", "submitted_at", "reviewed_at", "review_comment")


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), list(weights.values()))[0]


def _report_status(rng: random.Random, age: int) -> str:
    """Days since the session → what became of its report by today."""
    if age <= 7:
        return DUE
    if age <= 28:
        return _pick(rng, {DUE: 15, SUBMITTED: 50, RETURNED: 10, APPROVED: 25})
    if age <= 60:
        return _pick(rng, {SUBMITTED: 8, RETURNED: 4, APPROVED: 88})
    return _pick(rng, {RETURNED: 2, APPROVED: 98})


def _activity_status(rng: random.Random, age: int) -> str:
    if age <= 30:
        return _pick(rng, {SUBMITTED: 60, RETURNED: 10, APPROVED: 30})
    if age <= 60:
        return _pick(rng, {SUBMITTED: 5, RETURNED: 5, APPROVED: 90})
    return _pick(rng, {RETURNED: 1, APPROVED: 99})  # the office does not leave work waiting


def _review(rng, status: str, done_at: datetime, limit: datetime) -> dict:
    """Submitted a few days after the work, reviewed a few days after that (never after limit)."""

    def later(moment: datetime, days: float) -> datetime:
        return max(moment + timedelta(minutes=10), min(moment + timedelta(days=days), limit))

    submitted_at = later(done_at, rng.uniform(0.05, 5))
    reviewed_at = later(submitted_at, rng.uniform(0.2, 8)) if status != SUBMITTED else None
    comment = ""
    if status == RETURNED:
        comment = rng.choice(RETURN_COMMENTS)
    elif status == APPROVED and rng.random() < 0.15:
        comment = rng.choice(APPROVE_COMMENTS)
    values = (status, submitted_at, reviewed_at, comment)
    return dict(zip(REVIEW_FIELDS, values, strict=True))


def _demo_statuses(sessions: list[dict], person: int | None) -> dict[tuple[int, int], str]:
    """The demo moderator's logbook shows every state: the latest session waits for its report,
    the one before is submitted, the one before that returned; the older ones are approved."""
    if person is None:
        return {}
    mine = sorted(
        (
            (s["starts_at"], i, j)
            for i, s in enumerate(sessions)
            if s["status"] == HELD
            for j, a in enumerate(s["assignments"])
            if a["person"] == person and a["status"] == ACCEPTED
        ),
        reverse=True,
    )
    states = [DUE, SUBMITTED, RETURNED]
    return {(i, j): states[n] if n < len(states) else APPROVED for n, (_, i, j) in enumerate(mine)}


def _report(rng, session: dict, spoken: list[str], facts: dict, went: bool, status, limit):
    languages = [session["language"]]
    others = [code for code in spoken if code != session["language"]]
    if others and rng.random() < 0.15:  # some parents were happier in another language
        languages.append(rng.choice(others))
    took_place = facts["took_place"]
    asked = rng.sample(QUESTIONS, rng.randint(1, 2)) if took_place and rng.random() < 0.6 else []
    return {
        **facts,
        "travel_minutes": rng.randrange(15, 61, 5) if went else 0,
        "questions": "\n".join(asked),
        "notes": rng.choice(REPORT_NOTES) if took_place and rng.random() < 0.3 else "",
        "languages": languages if took_place else [],
        **_review(rng, status, session["ends_at"], limit),
    }


def _session_facts(rng, session: dict, held: bool) -> tuple[dict, bool]:
    """What every report on a session agrees on (did it take place, how many came, how long),
    and whether the moderators set off for it."""
    facts = {"held_on": to_local(session["starts_at"]).date(), "took_place": held}
    if not held:
        reason, travelled = rng.choice(NOT_HELD)
        facts |= {"reason_if_not": reason, "parents_reached": 0, "duration_minutes": 0}
        return facts | {"topics_covered": ""}, travelled
    minutes = int((session["ends_at"] - session["starts_at"]).total_seconds() // 60)
    points = TOPIC_POINTS.get(session["topic"], ())
    parents = round(session["expected_parents"] * rng.triangular(0.4, 1.2, 0.8))
    return facts | {
        "reason_if_not": "",
        "parents_reached": min(40, max(5, parents)),
        "duration_minutes": max(30, minutes + rng.choice((-15, 0, 0, 0, 15, 30))),
        "topics_covered": ", ".join(rng.sample(points, min(len(points), rng.randint(2, 3)))),
    }, True


def plan_reports(rng, sessions, people, today: date, demo_person=None) -> tuple[list, dict]:
    """Reports on the planned sessions (the scheduling plan's dicts) as plain dicts, and what
    the approvals made of the sessions: index → (status, reason, when)."""
    limit = local_datetime(today, time(0))
    forced = _demo_statuses(sessions, demo_person)
    reports, outcomes = [], {}
    for i, session in enumerate(sessions):
        if session["status"] != HELD:  # the planner's held: past, staffed and not cancelled
            continue
        age = (today - to_local(session["starts_at"]).date()).days
        booked = [j for j, a in enumerate(session["assignments"]) if a["status"] == ACCEPTED]
        # Only sessions reported on long ago (and none of the demo moderator's) fell through
        recent = any((i, j) in forced for j in booked) or age <= 60
        facts, went = _session_facts(rng, session, recent or rng.random() >= NOT_HELD_SHARE)
        mine = []
        for j in booked:
            status = forced.get((i, j)) or (
                _report_status(rng, age) if facts["took_place"] else APPROVED
            )
            if status == DUE:
                continue
            spoken = [code for code, _ in people[session["assignments"][j]["person"]]["languages"]]
            report = _report(rng, session, spoken, facts, went, status, limit)
            mine.append(report | {"session": i, "assignment": j})
        reports += mine
        approved = sorted(r["reviewed_at"] for r in mine if r["status"] == APPROVED)
        if approved and facts["took_place"]:
            outcomes[i] = (HELD, "", approved[0])
        elif approved and len(approved) == len(booked):  # all agree it did not take place
            outcomes[i] = (CANCELLED, facts["reason_if_not"], approved[-1])
        else:
            outcomes[i] = (PLANNED, "", None)  # waits for an approved report
    return reports, outcomes


def _activity(rng, kind: str, held_on: date, spoken: list[str], status: str, limit) -> dict:
    duration = {
        COUNSELLING: lambda: rng.randrange(30, 121, 15),
        ACCOMPANIMENT: lambda: rng.randrange(60, 181, 15),
        NETWORK_EVENT: lambda: rng.randrange(120, 301, 30),
        SUPERVISION: lambda: rng.choice((90, 120, 180)),
    }.get(kind, lambda: rng.choice((180, 240, 360, 420)))()
    people = {COUNSELLING: (1, 4), ACCOMPANIMENT: (1, 3), NETWORK_EVENT: (8, 60)}.get(kind)
    # counselling and accompaniment in the family's language; a network event in one or two;
    # supervision and training are held in German, which is no heritage language
    count = {COUNSELLING: 1, ACCOMPANIMENT: 1, NETWORK_EVENT: rng.randint(1, 2)}.get(kind, 0)
    done_at = local_datetime(held_on, time(rng.randint(9, 18)))
    return {
        "type": kind,
        "held_on": held_on,
        "duration_minutes": duration,
        "people_reached": rng.randint(*people) if people else 0,
        "notes": rng.choice(ACTIVITY_NOTES[kind]),
        "languages": rng.sample(spoken, min(count, len(spoken))),
        **_review(rng, status, done_at, limit),
    }


def plan_activities(rng, people, certified_on, today: date, demo_person=None) -> list[dict]:
    """A handful of activities per active moderator since two school years back; the demo
    moderator has one of each kind, the latest submitted and the one before returned."""
    first = school_year_start(today).replace(year=school_year_start(today).year - 2)
    limit = local_datetime(today, time(0))
    activities = []
    for p, person in enumerate(people):
        certified = certified_on[p]
        if person["status"] != ACTIVE or certified is None or certified >= today - timedelta(2):
            continue
        start = max(first, certified + timedelta(1))
        span = (today - start).days - 1
        kinds = [_pick(rng, ACTIVITY_WEIGHTS) for _ in range(rng.randint(2, 7))]
        days = [start + timedelta(rng.randint(0, span)) for _ in kinds]
        if p == demo_person:  # one of each kind, and two in the last weeks
            kinds += [*ACTIVITY_TYPES, COUNSELLING, ACCOMPANIMENT]
            days += [start + timedelta(rng.randint(0, span)) for _ in ACTIVITY_TYPES]
            days += [max(start, today - timedelta(rng.randint(*ago))) for ago in ((2, 9), (10, 30))]
        spoken = [code for code, _ in person["languages"]]
        ordered = sorted(zip(days, kinds, strict=True), reverse=True)
        for n, (held_on, kind) in enumerate(ordered):
            status = _activity_status(rng, (today - held_on).days)
            if p == demo_person:
                status = (SUBMITTED, RETURNED)[n] if n < 2 else APPROVED
            activities.append(_activity(rng, kind, held_on, spoken, status, limit) | {"person": p})
    return activities
