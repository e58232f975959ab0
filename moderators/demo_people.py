"""Demo moderators as plain dicts: names, how to reach them, languages, hours and absences."""

import random
from datetime import date, time, timedelta

from moderators import demo_names as names
from moderators.demo_names import ORIGINS, Origin, ascii_fold
from moderators.roster.models import ACTIVE, FLUENT, NATIVE, PAUSED, RETIRED, TRAINEE

MODERATOR_COUNT = 150
STATUS_WEIGHTS = {ACTIVE: 75, TRAINEE: 10, PAUSED: 9, RETIRED: 6}


# Plain helpers ------------------------------------------------------------


def weighted_sample(rng: random.Random, weights: dict, k: int) -> list:
    """k different items, each drawn with its weight."""
    pool = dict(weights)
    chosen = []
    for _ in range(min(k, len(pool))):
        item = rng.choices(list(pool), weights=list(pool.values()))[0]
        chosen.append(item)
        del pool[item]
    return chosen


def _half_hours(slot: int) -> time:
    return time(slot // 2, 30 * (slot % 2))


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"{rng.choice(names.MOBILE_PREFIXES)} {rng.randint(10_000_000, 99_999_999)}"
    return landline(rng)


def landline(rng: random.Random) -> str:
    return f"040 {rng.randint(2, 9)}{rng.randint(0, 9_999_999):0{rng.choice((6, 7))}d}"


def _unique_email(rng: random.Random, first: str, last: str, taken: set[str]) -> str:
    given, family = ascii_fold(first), ascii_fold(last)
    local = rng.choice(
        (f"{given}.{family}", f"{given[0]}.{family}", f"{given}{family}", f"{family}.{given}")
    )
    domain = rng.choice(("example.org", "example.net"))
    email, n = f"{local}@{domain}", 1
    while email in taken:
        n += 1
        email = f"{local}{n}@{domain}"
    taken.add(email)
    return email


def person_name(rng: random.Random, origin: Origin, female: bool) -> tuple[str, str]:
    first = rng.choice(origin.female if female else origin.male)
    return first, origin.family_name(rng.choice(origin.family), female)


# Moderators ---------------------------------------------------------------


def _languages(rng: random.Random, origin: Origin) -> list[tuple[str, str]]:
    extra = rng.choices((0, 1, 2), weights=(40, 45, 15))[0]
    spoken = [(origin.language, NATIVE)]
    for code in rng.sample(origin.also, min(extra, len(origin.also))):
        bilingual = code == origin.also[0] and rng.random() < 0.3  # Kurmanji and Turkish, ...
        spoken.append((code, NATIVE if bilingual else FLUENT))
    return spoken


def _availability(rng: random.Random) -> list[tuple[int, time, time]]:
    """Afternoons and evenings on weekdays, some mornings, now and then a Saturday morning."""
    count = rng.choices((1, 2, 3, 4), weights=(25, 40, 25, 10))[0]
    days = sorted(rng.sample(range(5), count))
    if rng.random() < 0.15:
        days = [*days[:3], 5]
    windows = []
    for day in days:
        if day == 5:
            start, length = rng.randint(18, 20), rng.randint(6, 8)
        else:
            kind = rng.choices(("morning", "afternoon", "evening"), weights=(15, 50, 35))[0]
            if kind == "morning":
                start, length = rng.randint(16, 20), rng.randint(4, 7)
            elif kind == "afternoon":
                start, length = rng.randint(28, 33), rng.randint(4, 8)
            else:
                start = rng.randint(34, 37)
                length = min(rng.randint(4, 6), 42 - start)  # over by 21:00
        windows.append((day, _half_hours(start), _half_hours(start + length)))
    return windows


def _absences(rng: random.Random, today: date) -> list[tuple[date, date, str]]:
    absences = []
    if rng.random() < 0.2:  # over: ended at least ten days ago
        start = today - timedelta(days=rng.randint(30, 200))
        absences.append((start, start + timedelta(days=rng.randint(2, 20)), ""))
    if rng.random() < 0.25:  # running now or coming up
        start = today + timedelta(days=rng.randint(-5, 120))
        absences.append((start, start + timedelta(days=rng.randint(1, 27)), ""))
    return [(start, end, rng.choice(names.ABSENCE_NOTES)) for start, end, _ in absences]


def _notes(rng: random.Random, status: str) -> str:  # certified_on says when they qualified
    if status == PAUSED:
        return rng.choice(("Pausiert wegen Elternzeit", "Pausiert bis auf Weiteres", ""))
    if status == RETIRED:
        return rng.choice(("Ausgeschieden auf eigenen Wunsch", "Ausgeschieden wegen Umzug"))
    return ""


def demo_moderators(rng: random.Random, today: date, count: int = MODERATOR_COUNT) -> list[dict]:
    """The pool as plain dicts; the shares of origins follow Hamburg's larger communities."""
    origins = list(ORIGINS.values())
    taken: set[str] = set()
    people = []
    for _ in range(count):
        origin = rng.choices(origins, weights=[o.weight for o in origins])[0]
        female = rng.random() < 0.72
        first, last = person_name(rng, origin, female)
        status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        district_count = rng.choices((1, 2, 3), weights=(45, 40, 15))[0]
        people.append(
            {
                "first_name": first,
                "last_name": last,
                "female": female,
                "email": _unique_email(rng, first, last, taken),
                "phone": _phone(rng),
                "status": status,
                "notes": _notes(rng, status),
                "languages": _languages(rng, origin),
                "districts": weighted_sample(rng, names.DISTRICT_WEIGHTS, district_count),
                "availability": _availability(rng),
                "absences": _absences(rng, today),
            }
        )
    return people
