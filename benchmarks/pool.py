"""Rows of the benchmark dataset, part one: the pool of moderators, schools and cohorts."""

import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from moderators.demo_names import ORIGINS

BERLIN = ZoneInfo("Europe/Berlin")
YEARS = 10
FUTURE_DAYS = 60
SCHOOL_TYPES = ("grundschule",) * 5 + ("stadtteilschule",) * 3 + ("gymnasium", "kita", "rebbz")
STATUSES = ("active",) * 16 + ("paused", "paused", "retired", "trainee")


def utc(day: date, at: time) -> datetime:
    return datetime.combine(day, at, BERLIN).astimezone(UTC)


class Pool:
    """Builds the rows with explicit ids, so children can point at parents without RETURNING."""

    def __init__(self, rng: random.Random, scale: float, refs: dict, now: datetime):
        self.rng, self.scale, self.now = rng, scale, now
        self.today = now.astimezone(BERLIN).date()
        self.languages, self.districts, self.topics = (
            refs["languages"],
            refs["districts"],
            refs["topics"],
        )
        self.coordinator_id = refs["coordinator_id"]
        self.speakers: dict[int, list[int]] = defaultdict(list)  # language id -> moderator ids
        self.school_district: dict[int, int] = {}

    def count(self, full: int) -> int:
        return max(1, round(full * self.scale))

    # --- the pool -------------------------------------------------------------------------
    def moderators(self, emit) -> None:
        rng = self.rng
        origins = list(ORIGINS.values())
        weights = [origin.weight for origin in origins]
        district_ids = list(self.districts.values())
        for mid in range(1, self.count(3000) + 1):
            origin = rng.choices(origins, weights)[0]
            female = rng.random() < 0.7
            first = rng.choice(origin.female if female else origin.male)
            last = origin.family_name(rng.choice(origin.family), female)
            status = rng.choice(STATUSES)
            certified = None
            if status != "trainee":
                certified = self.today - timedelta(days=rng.randrange(30, 365 * YEARS))
            emit(
                "moderator",
                id=mid,
                first_name=first,
                last_name=last,
                email=f"m{mid}@bench.example.org",
                phone=f"0170 {mid:07d}",
                status=status,
                notes="",
                certified_on=certified,
            )
            # Half speak one language of the programme, a few three: keeps the origins' skew.
            extra = rng.choices((0, 1, 2), (50, 38, 12))[0]
            codes = [origin.language] + rng.sample(origin.also, min(extra, len(origin.also)))
            for position, code in enumerate(dict.fromkeys(codes)):
                language_id = self.languages[code]
                level = "native" if position == 0 else "fluent"
                emit("moderator_language", moderator_id=mid, language_id=language_id, level=level)
                if status != "trainee":
                    self.speakers[language_id].append(mid)
            for district_id in rng.sample(district_ids, rng.randint(1, 3)):
                emit("moderator_district", moderator_id=mid, district_id=district_id)
            for weekday in rng.sample(range(6), rng.randint(1, 4)):
                start = rng.choice((9, 10, 14, 16, 17))
                emit(
                    "availability_window",
                    moderator_id=mid,
                    weekday=weekday,
                    starts_at=time(start),
                    ends_at=time(start + rng.choice((2, 3, 4))),
                )

    def schools(self, emit) -> None:
        district_ids = list(self.districts.values())
        for sid in range(1, self.count(600) + 1):
            school_type = self.rng.choice(SCHOOL_TYPES)
            district_id = self.rng.choice(district_ids)
            self.school_district[sid] = district_id
            emit(
                "school",
                id=sid,
                name=f"{school_type.capitalize()} Bench {sid}",
                type=school_type,
                district_id=district_id,
                address=f"Schulweg {sid}, 2{sid % 1000:04d} Hamburg",
                contact_name=f"Kontakt {sid}",
                contact_email=f"s{sid}@bench.example.org",
                contact_phone="040 000000",
                notes="",
                active=True,
            )

    # --- training -------------------------------------------------------------------------
    def cohorts(self, emit, moderator_count: int) -> None:
        rng, cohorts = self.rng, self.count(40)
        module_id = enrollment_id = 0
        first_start = self.today - timedelta(days=365 * YEARS)
        step = (365 * YEARS + FUTURE_DAYS) // cohorts
        for cid in range(1, cohorts + 1):
            starts_on = first_start + timedelta(days=(cid - 1) * step)
            ends_on = starts_on + timedelta(weeks=7)
            closed = ends_on + timedelta(days=7) < self.today
            closed_at = utc(ends_on + timedelta(days=7), time(12)) if closed else None
            emit(
                "cohort",
                id=cid,
                name=f"Qualifizierung {starts_on:%Y-%m} ({cid})",
                starts_on=starts_on,
                ends_on=ends_on,
                venue="Landesinstitut",
                capacity=24,
                trainers="Team LI",
                notes="",
                closed_at=closed_at,
            )
            held = []
            for position in range(8):
                module_id += 1
                day = starts_on + timedelta(weeks=position)
                starts_at = utc(day, time(10))
                emit(
                    "training_module",
                    id=module_id,
                    cohort_id=cid,
                    title=f"Modul {position + 1}",
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=5),
                    topic_id=self.topics[position % len(self.topics)],
                    position=position,
                    cancelled_at=None,
                )
                if starts_at <= self.now:
                    held.append(module_id)
            people = rng.sample(range(1, moderator_count + 1), min(20, moderator_count))
            for mid in people:
                enrollment_id += 1
                status = rng.choices(("completed", "not_completed", "dropped"), (85, 5, 10))[0]
                if not closed:
                    status = "enrolled"
                emit(
                    "enrollment",
                    id=enrollment_id,
                    cohort_id=cid,
                    moderator_id=mid,
                    status=status,
                    enrolled_at=utc(starts_on - timedelta(days=30), time(9)),
                    decided_at=closed_at,
                    drop_reason="",
                    final_rate=rng.uniform(0.6, 1) if closed else None,
                )
                for mod in held:
                    attendance = rng.choices(("present", "excused", "absent"), (85, 10, 5))[0]
                    emit(
                        "attendance", module_id=mod, enrollment_id=enrollment_id, status=attendance
                    )

    # --- requests, sessions, assignments, reports -----------------------------------------
