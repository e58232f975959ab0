"""The planner behind the scheduling demo: which requests and sessions, when, and who takes them."""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from moderators.common.timezone import local_datetime, to_local
from moderators.demo_scheduling_pool import half_hour_starts, offer_row, planner_person
from moderators.roster.models import ACTIVE
from moderators.scheduling.matching import exclusion_reason
from moderators.scheduling.models import (
    ACCEPTED,
    CANCELLED,
    DECLINED,
    HELD,
    OFFERED,
    OPEN,
    PLANNED,
    SCHEDULED,
    UNFILLED,
    WITHDRAWN,
)

# What becomes of a planned request (and of its session)
ASKED, UNFILLED_REQUEST, CANCELLED_REQUEST = "asked", "unfilled", "request cancelled"
HELD_SESSION, CANCELLED_SESSION, OFFERS_OUT, CONFIRMED = "held", "cancelled", "offers", "confirmed"
DURATIONS = {60: 20, 90: 40, 120: 25, 150: 8, 180: 7}
# fmt: off
SCHOOL_WEIGHTS = {"grundschule": 3, "stadtteilschule": 3, "gymnasium": 1, "rebbz": 2,
                  "berufliche_schule": 1, "kita": 2, "community_centre": 0}
SYSTEM, KITA, SECONDARY, ALL_DAY = ("Das Hamburger Schulsystem", "Von der Kita in die Grundschule",
    "Von der Grundschule in die weiterführende Schule", "Ganztagsschule")
RIGHTS, CAREERS, WORK, LANGUAGE = ("Elternrechte und Mitwirkung in der Schule",
    "Berufsorientierung und duale Ausbildung", "Übergang Schule – Beruf",
    "Sprachförderung und Mehrsprachigkeit")
TOPIC_WEIGHTS = {  # the seeded topics each kind of school asks for most; others now and then
    "grundschule": {SECONDARY: 6, SYSTEM: 4, ALL_DAY: 3, RIGHTS: 2, LANGUAGE: 2, KITA: 1},
    "stadtteilschule": {CAREERS: 5, WORK: 4, SYSTEM: 3, RIGHTS: 2, ALL_DAY: 1},
    "gymnasium": {SYSTEM: 3, RIGHTS: 3, CAREERS: 2, WORK: 1},
    "rebbz": {SYSTEM: 3, RIGHTS: 3, LANGUAGE: 3},
    "berufliche_schule": {WORK: 5, CAREERS: 4},
    "kita": {KITA: 6, LANGUAGE: 4, SYSTEM: 1},
    "community_centre": {SYSTEM: 4, SECONDARY: 2, CAREERS: 2, LANGUAGE: 2, RIGHTS: 2},
}
REQUEST_NOTES = ("Im Rahmen des Elterncafés", "Kinderbetreuung ist organisiert.",
    "Raum 104, Eingang über den Schulhof", "Bitte Flyer in der Sprache mitbringen.",
    "Die Klassenleitung ist dabei.", "Beamer und Leinwand sind vorhanden.",
    "Die Eltern werden über die Klassen eingeladen.")
CENTRE_NOTES = ("Offenes Elterncafé, Anmeldung nicht nötig", "Mit Kinderbetreuung",
    "Gemeinsam mit der Elternberatung im Haus")
DECLINE_REASONS = ("Der Termin passt leider nicht.", "Ich bin an dem Tag verhindert.",
    "Arbeitstermin", "Der Weg ist mir zu weit.", "Krankheit in der Familie")
SESSION_CANCEL_REASONS = ("Schule hat abgesagt", "Schule hat abgesagt", "Krankheit",
    "Zu wenige Anmeldungen", "Streik im Nahverkehr", "Raum stand nicht zur Verfügung")
CENTRE_CANCEL_REASONS = ("Stadtteilzentrum hat abgesagt", "Krankheit", "Zu wenige Anmeldungen")
REQUEST_CANCEL_REASONS = ("Schule hat abgesagt", "Elternabend wird verschoben",
    "Termin fällt auf die Lernentwicklungsgespräche", "Versehentlich doppelt angefragt")
UNFILLED_REASONS = ("Zu den gewünschten Zeiten war niemand frei.",
    "Alle Angefragten haben abgesagt.", "Für diese Sprache war kurzfristig niemand verfügbar.")
# fmt: on
SHARED = ("school", "language", "topic", "expected_parents", "public", "notes")


class Planner:
    """Plans requests and sessions one at a time and remembers who is booked when."""

    def __init__(self, rng, people, certified_on, schools, topics, today, buffer):
        self.rng, self.schools, self.topics, self.today = rng, schools, topics, today
        self.buffer, self.midnight = buffer, local_datetime(today, time(0))
        self.pool = [planner_person(p, c) for p, c in zip(people, certified_on, strict=True)]
        self.busy: list[list[tuple[datetime, datetime]]] = [[] for _ in people]
        self.load = [0] * len(people)
        self.speakers = defaultdict(list)  # language → active, certified speakers
        for i, person in enumerate(self.pool):
            for code in person.languages if person.status == ACTIVE and person.certified else ():
                self.speakers[code].append(i)
        self.school_weights = [  # some schools ask far more often than others
            SCHOOL_WEIGHTS.get(s["type"], 1) * rng.choice((1, 1, 2, 3)) for s in schools
        ]
        self.demand: dict[str, list[float]] = {}  # district → weights of self.speakers
        self.requests: list[dict] = []
        self.sessions: list[dict] = []

    def school(self, near: int | None = None) -> int:
        """A school that asks for a session; one in a district of person `near` if given."""
        weights = self.school_weights
        if near is not None:
            here = self.pool[near].districts
            nearby = [
                w * (s["district"] in here) for w, s in zip(weights, self.schools, strict=True)
            ]
            weights = nearby if any(nearby) else weights
        return self.rng.choices(range(len(self.schools)), weights)[0]

    def language(self, district: str) -> str:
        """Parents' languages: as often as the pool grew up with them (its share of Hamburg's
        communities), more often where their speakers work."""
        if district not in self.demand:
            self.demand[district] = [
                sum(
                    (1 if code in self.pool[i].native else 0.2)
                    * (1 + 2 * (district in self.pool[i].districts))
                    for i in speakers
                )
                for code, speakers in self.speakers.items()
            ]
        return self.rng.choices(list(self.speakers), self.demand[district])[0]

    def topic(self, kind: str) -> str:
        weights = TOPIC_WEIGHTS.get(kind, {})
        return self.rng.choices(self.topics, [weights.get(t, 0.4) for t in self.topics])[0]

    def office_hours(self, day: date) -> datetime:
        return local_datetime(day, time(self.rng.randint(9, 16), self.rng.choice((0, 15, 30, 45))))

    def later(self, moment: datetime, days: int, limit: datetime) -> datetime:
        """Office hours up to `days` days after `moment`, but before `limit` (and after moment)."""
        day = to_local(moment).date() + timedelta(self.rng.randint(0, days))
        return max(moment + timedelta(minutes=5), min(self.office_hours(day), limit))

    def guided(self, code, days, duration, person=None, strict=True) -> datetime | None:
        """A start in one speaker's week: schools ask when parents can come and whether a
        moderator could, so they mostly name a time that suits somebody."""
        speakers = [person] if person is not None else self.speakers[code]
        for _ in range(12):
            window = self.rng.choice(self.pool[self.rng.choice(speakers)].availability)
            starts, dates = half_hour_starts(window, duration, strict), days.get(window.weekday)
            if starts and dates:
                return local_datetime(self.rng.choice(dates), self.rng.choice(starts))
        return None

    def loose(self, weekdays: list[date], duration: int, near: datetime) -> datetime | None:
        """Another start a school might name: a weekday afternoon within a fortnight."""
        day = to_local(near).date()
        lo, hi = (
            bisect_left(weekdays, day - timedelta(14)),
            bisect_right(weekdays, day + timedelta(14)),
        )
        days = weekdays[lo:hi]
        start = self.rng.randrange(15 * 60, min(20 * 60, 21 * 60 - duration) + 1, 30)
        return (
            local_datetime(self.rng.choice(days), time(start // 60, start % 60)) if days else None
        )

    def candidates(self, code, district, starts_at, ends_at, person=None) -> list[int]:
        """Free speakers: `person` first, then those working in the district, the least busy."""
        ranked = []
        for i in self.speakers[code]:
            moderator = self.pool[i]
            if moderator.certified >= to_local(starts_at).date():
                continue
            if exclusion_reason(moderator, starts_at, ends_at, self.busy[i], self.buffer) is None:
                facts = (i != person, district not in moderator.districts, self.load[i])
                ranked.append((*facts, self.rng.random(), i))
        return [i for *_, i in sorted(ranked)]

    def request(self, school, outcome, days, person=None, first=None, strict=True) -> bool:
        """A school's request (`school` None: any, or one near `person`) and once scheduled its
        session, offered to `person` if given; False if no time fits."""
        rng = self.rng
        school = self.school(near=person) if school is None else school
        kind, district = self.schools[school]["type"], self.schools[school]["district"]
        code = rng.choice(self.pool[person].languages) if person is not None else None
        code = code or self.language(district)
        duration = rng.choices(list(DURATIONS), list(DURATIONS.values()))[0]
        first = first or self.guided(code, days[True], duration, person, strict)
        if first is None:
            return False
        slots = {first}
        for _ in range(rng.choices((0, 1, 2), (35, 40, 25))[0]):
            slots.add(self.loose(days[True][None], duration, first) or first)
        earliest = to_local(min(slots)).date() - timedelta(rng.randint(10, 35))
        asked = self.office_hours(min(earliest, self.today - timedelta(rng.randint(1, 10))))
        decided = self.later(asked, 6, min(min(slots) - timedelta(1), self.midnight))
        request = {
            "school": school,
            "language": code,
            "topic": self.topic(kind),
            "duration_minutes": duration,
            "expected_parents": round(rng.triangular(8, 60, 18)),
            "notes": rng.choice(REQUEST_NOTES) if rng.random() < 0.4 else "",
            "public": rng.random() < 0.15,
            "status": OPEN,
            "status_reason": "",
            "slots": sorted(slots),
            "created_at": asked,
            "updated_at": asked,
        }
        if outcome in (UNFILLED_REQUEST, CANCELLED_REQUEST):
            unfilled = outcome == UNFILLED_REQUEST
            reason = rng.choice(UNFILLED_REASONS if unfilled else REQUEST_CANCEL_REASONS)
            status = UNFILLED if unfilled else CANCELLED
            request |= {"status": status, "status_reason": reason, "updated_at": decided}
        if outcome in (ASKED, UNFILLED_REQUEST, CANCELLED_REQUEST):
            self.requests.append(request)
            return True
        needed = 2 if person is None and rng.random() < 0.12 else 1
        for starts_at in (first, *sorted(slots - {first})):
            ends_at = starts_at + timedelta(minutes=duration)
            found = self.candidates(code, district, starts_at, ends_at, person)
            if len(found) >= needed and (person is None or found[0] == person):
                break
        else:
            return False
        self.requests.append(request | {"status": SCHEDULED, "updated_at": decided})
        self.session(len(self.requests) - 1, request, starts_at, needed, outcome, found, decided)
        return True

    def centre_session(self, outcome, days) -> bool:
        """A session a community centre plans with the coordination office, without a request."""
        rng = self.rng
        centres = [i for i, s in enumerate(self.schools) if s["type"] == "community_centre"]
        if not centres:
            return False
        school = rng.choice(centres)
        district = self.schools[school]["district"]
        code = self.language(district)
        duration = rng.choices(list(DURATIONS), list(DURATIONS.values()))[0]
        starts_at = self.guided(code, days[False], duration)
        if starts_at is None:
            return False
        found = self.candidates(code, district, starts_at, starts_at + timedelta(minutes=duration))
        if not found:
            return False
        planned = {
            "school": school,
            "language": code,
            "topic": self.topic("community_centre"),
            "duration_minutes": duration,
            "expected_parents": round(rng.triangular(8, 60, 25)),
            "notes": rng.choice(CENTRE_NOTES) if rng.random() < 0.5 else "",
            "public": rng.random() < 0.7,
        }
        day = to_local(starts_at).date() - timedelta(rng.randint(14, 42))
        created_at = self.office_hours(min(day, self.today - timedelta(1)))
        needed = 2 if len(found) >= 2 and rng.random() < 0.25 else 1
        self.session(None, planned, starts_at, needed, outcome, found, created_at)
        return True

    def session(self, request, planned, starts_at, needed, outcome, found, created_at) -> None:
        """The session, its offers and who took it; books them in the planner's record."""
        rng, ends_at = self.rng, starts_at + timedelta(minutes=planned["duration_minutes"])
        offers: list[dict] = []
        session = {
            "request": request,
            **{field: planned[field] for field in SHARED},
            "starts_at": starts_at,
            "ends_at": ends_at,
            "moderators_needed": needed,
            "status": PLANNED,
            "status_reason": "",
            "created_at": created_at,
            "updated_at": created_at,
            "assignments": offers,
        }
        self.sessions.append(session)
        staff, spare = found[:needed], found[needed:]
        if outcome == OFFERS_OUT:
            for person in found[: min(3, needed + rng.randint(0, 2))]:
                offers.append(offer_row(person, OFFERED, created_at))
                self.book(person, starts_at, ends_at)
            return
        limit, offered_at = min(starts_at - timedelta(1), self.midnight), created_at
        if spare and rng.random() < 0.2:  # the first one asked said no
            declined_at = self.later(offered_at, 3, limit)
            reason = rng.choice(DECLINE_REASONS)
            offers.append(offer_row(spare.pop(0), DECLINED, offered_at, declined_at, reason))
            offered_at = declined_at
        accepted_at = self.later(offered_at, 3, limit)
        offers += [offer_row(person, ACCEPTED, offered_at, accepted_at) for person in staff]
        if spare and rng.random() < 0.1:  # offered to one more, withdrawn once it was staffed
            offers.append(offer_row(spare.pop(0), WITHDRAWN, offered_at, accepted_at))
        if outcome == CANCELLED_SESSION:
            reasons = SESSION_CANCEL_REASONS if request is not None else CENTRE_CANCEL_REASONS
            limit = min(starts_at - timedelta(hours=2), self.midnight)
            cancelled_at = self.later(accepted_at, 20, limit)
            reason = rng.choice(reasons)
            session |= {"status": CANCELLED, "status_reason": reason, "updated_at": cancelled_at}
            for offer in offers:
                offer["status"] = WITHDRAWN if offer["status"] == ACCEPTED else offer["status"]
            return
        for person in staff:
            self.book(person, starts_at, ends_at)
        if outcome == HELD_SESSION:
            session |= {"status": HELD, "updated_at": ends_at}

    def book(self, person: int, starts_at: datetime, ends_at: datetime) -> None:
        self.busy[person].append((starts_at, ends_at))
        self.load[person] += 1

    def repeat(self, times: int, plan, *args) -> int:
        """Call `plan(*args)` until it succeeded `times` times (or clearly cannot); how often."""
        done = 0
        for _ in range(times * 25):
            if done >= times:
                break
            done += bool(plan(*args))
        return done
