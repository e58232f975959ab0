"""Demo data for the training: the past cohorts the pool graduated from, and one running now.

`plan_training` returns plain dicts that depend only on the random seed, the pool and today;
`training_cohorts` (in demo_training_rows) turns them into rows. Every moderator who is not a
trainee completed exactly one past cohort, with attendance that meets the completion rule, and is
certified on its last day.
"""

import random
from datetime import date, datetime, time, timedelta
from fractions import Fraction

from moderators import demo_names as names
from moderators.common.timezone import local_datetime
from moderators.roster.models import RETIRED, TRAINEE
from moderators.training.models import (
    ABSENT,
    COMPLETED,
    DROPPED,
    ENROLLED,
    EXCUSED,
    NOT_COMPLETED,
    PRESENT,
)
from moderators.training.services import meets_completion_rule

PAST_YEARS = 10  # past cohorts in the ten years before this one, one a year (none in 2020)
RESERVED = 2  # places per past cohort left for people who did not complete it
RUNNING_MODULES, RUNNING_CAPACITY, RUNNING_PLACES = 11, 18, 16
DEFAULT_THRESHOLD = Fraction(4, 5)


def _free(day: date) -> bool:
    """Not a public holiday (those on fixed dates) nor in the Christmas break."""
    month_day = (day.month, day.day)
    return month_day not in ((5, 1), (10, 3), (10, 31)) and (1, 6) < month_day < (12, 22)


def _module_days(rng: random.Random, first: date, last: date, count: int, skip=None) -> list[date]:
    """`count` days spread evenly from first to last: the cohort's evening or a Saturday."""
    evening = rng.choice((1, 2, 3))  # Tuesday, Wednesday or Thursday
    span = ((first + timedelta(n)) for n in range((last - first).days + 1))
    days = [d for d in span if d.weekday() in (evening, 5) and _free(d) and d != skip]
    step = (len(days) - 1) / (count - 1)
    return [days[round(i * step)] for i in range(count)]


def _at(rng: random.Random, day: date) -> datetime:
    """A time in office hours on that day."""
    return local_datetime(day, time(rng.randint(9, 16), rng.choice((0, 15, 30, 45))))


def _cohort(rng, name, first, last, count, today, venue=names.LI, district=None) -> dict:
    curriculum = names.CURRICULUM
    chosen = sorted(rng.sample(range(2, len(curriculum) - 1), count - 3))
    titles = [*curriculum[:2], *(curriculum[i] for i in chosen), curriculum[-1]]
    days = _module_days(rng, first, last, count, skip=today)
    modules = []
    for day, (title, topic) in zip(days, titles, strict=True):
        starts, ends = (time(10), time(15)) if day.weekday() == 5 else (time(17, 30), time(20, 30))
        modules.append(
            {
                "title": title,
                "topic": topic,
                "day": day,
                "starts_at": local_datetime(day, starts),
                "ends_at": local_datetime(day, ends),
                "cancelled_at": None,
            }
        )
    return {
        "name": name,
        "starts_on": days[0],
        "ends_on": days[-1],
        "venue": venue,
        "district": district,
        "capacity": rng.choice((20, 22, 24)),
        "trainers": " und ".join(rng.sample(names.TRAINERS, 2)),
        "notes": "",
        "closed_at": None,
        "modules": modules,
        "enrollments": [],
    }


def _cancel_one(rng: random.Random, cohort: dict, today: date) -> None:
    module = rng.choice(cohort["modules"][1:-1])
    day = min(module["day"] - timedelta(rng.randint(1, 5)), today - timedelta(1))
    module["cancelled_at"] = _at(rng, day)


def _past_cohorts(rng: random.Random, today: date) -> list[dict]:
    """One cohort a year, in spring or in autumn; the last one ended before the summer."""
    years = list(range(today.year - PAST_YEARS, today.year))
    years.remove(2020 if 2020 in years else rng.choice(years[1:-1]))
    places = rng.sample(range(len(years) - 1), len(names.LOCAL_COHORTS))
    local = dict(zip(places, names.LOCAL_COHORTS, strict=True))
    cohorts = []
    for n, year in enumerate(years):
        season = rng.choice(("", "Frühjahr", "Herbst")[: 3 if year < today.year - 1 else 2])
        if season == "Herbst":
            first = date(year, 8, 25) + timedelta(rng.randint(0, 14))
            last = min(first + timedelta(weeks=rng.randint(12, 16)), date(year, 12, 19))
        else:
            first = date(year, 2, 1) + timedelta(rng.randint(0, 21))
            last = min(first + timedelta(weeks=rng.randint(12, 18)), date(year, 6, 30))
        place, district, venue = local.get(n, ("", None, rng.choice(names.VENUES)))
        name = " ".join(filter(None, ("Qualifizierung", season, str(year), place)))
        cohort = _cohort(rng, name, first, last, rng.randint(8, 12), today, venue, district)
        if rng.random() < 0.2:
            _cancel_one(rng, cohort, today)
            cohort["notes"] = "Ein Modul fiel wegen Krankheit der Referentin aus."
        elif year == 2021 and 2020 not in years:
            cohort["notes"] = "2020 fiel die Qualifizierung wegen der Pandemie aus."
        cohort["closed_at"] = _at(rng, cohort["ends_on"] + timedelta(rng.randint(3, 14)))
        cohorts.append(cohort)
    return cohorts


def _running_cohort(rng: random.Random, today: date) -> dict:
    first, last = today - timedelta(weeks=8), today + timedelta(weeks=8)
    season = "Frühjahr" if first.month <= 5 else "Sommer" if first.month <= 8 else "Herbst"
    cohort = _cohort(
        rng, f"Qualifizierung {season} {first.year}", first, last, RUNNING_MODULES, today
    )
    cohort["capacity"] = RUNNING_CAPACITY
    _cancel_one(rng, cohort, today)
    return cohort


# Enrolments ---------------------------------------------------------------


def _held(cohort: dict, today: date) -> list[int]:
    """Positions of the modules that count and have taken place."""
    modules = enumerate(cohort["modules"])
    return [j for j, m in modules if m["cancelled_at"] is None and m["day"] < today]


def _enrollment(rng, cohort, today, person, status, missed=(), attended=None) -> dict:
    """Attendance at the modules held (the first `attended` of them if given), missing `missed`."""
    held = _held(cohort, today)
    attendance = [None] * len(cohort["modules"])
    for j in held[:attended]:
        attendance[j] = rng.choice((EXCUSED, EXCUSED, ABSENT)) if j in missed else PRESENT
    decided = status in (COMPLETED, NOT_COMPLETED)
    decided_at = cohort["closed_at"] if decided else None
    if status == DROPPED:  # the day after the last module they came to
        decided_at = _at(rng, cohort["modules"][held[attended - 1]]["day"] + timedelta(1))
    return {
        "person": person,
        "status": status,
        "enrolled_at": _at(rng, cohort["starts_on"] - timedelta(rng.randint(10, 60))),
        "decided_at": decided_at,
        "drop_reason": rng.choice(names.DROP_REASONS) if status == DROPPED else "",
        "final_rate": attendance.count(PRESENT) / len(held) if decided else None,
        "attendance": attendance,
    }


def _most_misses(held: int, threshold: Fraction) -> int:
    """How many of the held modules a trainee may miss and still meet the rule."""
    return max(m for m in range(held + 1) if meets_completion_rule(held - m, held, threshold))


def _decided(rng, cohort: dict, today: date, person: int, status: str, threshold) -> dict:
    """A closed cohort's enrolment: completed, not completed, or dropped on the way."""
    held = _held(cohort, today)
    allowed = _most_misses(len(held), threshold)
    if status == DROPPED:
        attended = rng.randint(1, len(held) - 2)
        missed = {held[attended - 1]} if rng.random() < 0.4 else set()
        return _enrollment(rng, cohort, today, person, DROPPED, missed, attended)
    if status == COMPLETED:
        misses = rng.randint(1, allowed) if allowed and rng.random() < 0.5 else 0
    else:
        misses = min(len(held), allowed + rng.randint(1, 3))
    return _enrollment(rng, cohort, today, person, status, set(rng.sample(held, misses)))


def _graduations(rng, people: list[dict], cohorts: list[dict], today: date) -> dict[int, int]:
    """Person → the past cohort they completed; locals in their quarter's, the retired in older."""
    graduates = [i for i, p in enumerate(people) if p["status"] != TRAINEE]
    rng.shuffle(graduates)
    graduates.sort(key=lambda i: people[i]["status"] != RETIRED)
    free = [c["capacity"] - RESERVED for c in cohorts]
    while sum(free) < len(graduates):  # a larger pool than the demo's: larger cohorts
        free = [f + 1 for f in free]
    placed = {}
    for i in graduates:
        person = people[i]
        weights = [
            f
            * (3 if c["district"] in person["districts"] else 1)
            * (person["status"] != RETIRED or c["ends_on"].year <= today.year - 3)
            for f, c in zip(free, cohorts, strict=True)
        ]
        k = rng.choices(range(len(cohorts)), weights=weights if any(weights) else free)[0]
        free[k] -= 1
        placed[i] = k
    return placed


def _earlier_attempts(rng, completed: dict[int, int], trainees: list[int], last: int) -> list:
    """(person, cohort): graduates who first tried an earlier cohort, trainees a recent one."""
    retried = [i for i, k in completed.items() if k > 0]
    retried = rng.sample(retried, min(len(retried), rng.randint(4, 6)))
    again = rng.sample(trainees, min(len(trainees), rng.randint(2, 3)))
    return [(i, max(0, completed[i] - rng.randint(1, 2))) for i in retried] + [
        (i, last - rng.randint(0, 2)) for i in again
    ]


def _running_enrollments(rng, cohort: dict, today: date, trainees: list[int], threshold) -> list:
    """Most trainees on track; one dropped out, one or two at risk of missing the rule."""
    held = _held(cohort, today)
    left = sum(m["cancelled_at"] is None and m["day"] > today for m in cohort["modules"])
    risky = [
        m
        for m in range(1, len(held) + 1)
        if not meets_completion_rule(len(held) - m, len(held), threshold)
        and meets_completion_rule(len(held) - m + left, len(held) + left, threshold)
    ]
    enrolled = sorted(rng.sample(trainees, min(len(trainees), RUNNING_PLACES)))
    roles = rng.sample(enrolled, len(enrolled))
    dropped = roles[0] if len(enrolled) >= 10 and len(held) >= 3 else None
    at_risk = roles[1 : 1 + rng.randint(1, 2)] if risky else []
    one_miss = roles[3 : 3 + rng.randint(2, 4)] if _most_misses(len(held), threshold) else []
    enrollments = []
    for person in enrolled:
        if person == dropped:
            attended = rng.randint(1, len(held) - 1)
            enrollments.append(_enrollment(rng, cohort, today, person, DROPPED, (), attended))
            continue
        misses = risky[0] if person in at_risk else 1 if person in one_miss else 0
        missed = set(rng.sample(held, misses))
        enrollments.append(_enrollment(rng, cohort, today, person, ENROLLED, missed))
    return enrollments


def plan_training(
    rng: random.Random, people: list[dict], today: date, threshold: Fraction = DEFAULT_THRESHOLD
) -> list[dict]:
    """Past cohorts (closed) and the running one as plain dicts; enrolments name people by index."""
    past = _past_cohorts(rng, today)
    running = _running_cohort(rng, today)
    completed = _graduations(rng, people, past, today)
    trainees = [i for i, p in enumerate(people) if p["status"] == TRAINEE]
    attempts: list[list[tuple[int, str]]] = [[] for _ in past]
    for person, k in completed.items():
        attempts[k].append((person, COMPLETED))
    for n, (person, k) in enumerate(_earlier_attempts(rng, completed, trainees, len(past) - 1)):
        if len(attempts[k]) < past[k]["capacity"]:
            attempts[k].append((person, (NOT_COMPLETED, DROPPED)[n % 2]))
    for cohort, chosen in zip(past, attempts, strict=True):
        cohort["enrollments"] = [
            _decided(rng, cohort, today, person, status, threshold)
            for person, status in sorted(chosen)
        ]
        cohort["capacity"] = max(cohort["capacity"], len(chosen))
    running["enrollments"] = _running_enrollments(rng, running, today, trainees, threshold)
    return [*past, running]
