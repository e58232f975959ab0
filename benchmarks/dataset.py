"""Rows of the benchmark dataset, part two: ten years of requests, sessions and reports."""

from collections import defaultdict
from datetime import time, timedelta

from pool import FUTURE_DAYS, YEARS, Pool, utc

from moderators.logbook.allowance import DEFAULT_RATES, SESSION, session_allowance

# Start times 2.5 hours apart and sessions of at most two hours: sessions in different slots
# never overlap, so a moderator busy once per (day, slot) is never double-booked (PostgreSQL's
# exclusion constraint on accepted assignments holds).
SLOTS = (time(9), time(11, 30), time(14), time(16, 30), time(19))
DURATIONS = (60, 90, 90, 120)
TOPICS = "Schulsystem, Übergänge, Elternrechte; Fragen zu Zeugnissen und Ganztag."


class Dataset(Pool):
    """The pool, and the sessions it held over ten years with their requests and reports."""

    def language_weights(self) -> tuple[list[int], list[int]]:
        ids = sorted(self.speakers)
        return ids, [len(self.speakers[i]) for i in ids]

    def session_times(self, count: int) -> list[tuple[int, int]]:
        """(day offset from the first day, slot) of every session, in time order; no Sundays."""
        first = self.today - timedelta(days=365 * YEARS)
        days = [
            d for d in range(365 * YEARS + FUTURE_DAYS) if (first + timedelta(days=d)).weekday() < 6
        ]
        return sorted((self.rng.choice(days), self.rng.randrange(len(SLOTS))) for _ in range(count))

    def sessions(self, emit) -> dict[str, int]:
        rng = self.rng
        first = self.today - timedelta(days=365 * YEARS)
        language_ids, weights = self.language_weights()
        school_ids = list(self.school_district)
        busy: dict[tuple[int, int], set[int]] = defaultdict(set)
        ids = defaultdict(int)
        for day_offset, slot in self.session_times(self.count(120_000)):
            day = first + timedelta(days=day_offset)
            starts_at = utc(day, SLOTS[slot])
            duration = rng.choice(DURATIONS)
            ends_at = starts_at + timedelta(minutes=duration)
            language_id = rng.choices(language_ids, weights)[0]
            topic_id = rng.choice(self.topics)
            past = starts_at <= self.now
            school_id = rng.choice(school_ids) if rng.random() < 0.9 else None
            district_id = (
                self.school_district[school_id]
                if school_id
                else rng.choice(list(self.districts.values()))
            )
            venue = f"Schule {school_id}" if school_id else "Stadtteilzentrum"
            parents = rng.randint(5, 40)
            request_id = None
            if school_id and rng.random() < 0.85:
                ids["request"] += 1
                request_id = ids["request"]
                created = starts_at - timedelta(days=rng.randint(14, 60))
                self.request(
                    emit,
                    request_id,
                    school_id,
                    district_id,
                    language_id,
                    topic_id,
                    duration,
                    parents,
                    "scheduled",
                    created,
                    [starts_at],
                )
            ids["session"] += 1
            session_id = ids["session"]
            status = ("held" if rng.random() < 0.93 else "cancelled") if past else "planned"
            emit(
                "info_session",
                id=session_id,
                request_id=request_id,
                school_id=school_id,
                language_id=language_id,
                topic_id=topic_id,
                starts_at=starts_at,
                ends_at=ends_at,
                moderators_needed=1 if rng.random() < 0.8 else 2,
                expected_parents=parents,
                public=rng.random() < 0.3,
                notes="",
                status=status,
                status_reason="",
                venue_name=venue,
                venue_address="",
                district_id=district_id,
                created_at=starts_at - timedelta(days=10),
            )
            taken = busy[(day_offset, slot)]
            speakers = self.speakers[language_id]
            for _ in range(1 if rng.random() < 0.8 else 2):
                free = [m for m in rng.sample(speakers, min(8, len(speakers))) if m not in taken]
                if not free:
                    continue
                moderator_id = free[0]
                taken.add(moderator_id)
                ids["assignment"] += 1
                if status == "planned":
                    assignment_status = "accepted" if rng.random() < 0.7 else "offered"
                else:
                    assignment_status = "accepted" if status == "held" else "withdrawn"
                offered = starts_at - timedelta(days=rng.randint(7, 30))
                responded = None if assignment_status == "offered" else offered + timedelta(days=1)
                emit(
                    "assignment",
                    id=ids["assignment"],
                    session_id=session_id,
                    moderator_id=moderator_id,
                    status=assignment_status,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    offered_at=offered,
                    responded_at=responded,
                    decline_reason="",
                    reminded_at=None,
                )
                if status == "held":
                    self.report(
                        emit, ids, session_id, moderator_id, day, ends_at, duration, language_id
                    )
        self.open_requests(emit, ids, language_ids, weights, school_ids)
        return dict(ids)

    def request(
        self,
        emit,
        request_id,
        school_id,
        district_id,
        language_id,
        topic_id,
        duration,
        parents,
        status,
        created,
        starts,
    ) -> None:
        emit(
            "session_request",
            id=request_id,
            school_id=school_id,
            language_id=language_id,
            topic_id=topic_id,
            duration_minutes=duration,
            expected_parents=parents,
            notes="",
            public=False,
            status=status,
            status_reason="",
            created_by_id=None,
            venue_name=f"Schule {school_id}",
            venue_address="",
            district_id=district_id,
            created_at=created,
        )
        for starts_at in starts:
            emit("request_slot", request_id=request_id, starts_at=starts_at)

    def open_requests(self, emit, ids, language_ids, weights, school_ids) -> None:
        """Requests never scheduled: open ones ahead, unfilled or cancelled ones behind."""
        rng = self.rng
        for _ in range(max(0, self.count(150_000) - ids["request"])):
            ids["request"] += 1
            future = rng.random() < 0.03
            offset = rng.randint(1, FUTURE_DAYS) if future else -rng.randint(1, 365 * YEARS)
            day = self.today + timedelta(days=offset)
            starts = sorted(
                {utc(day + timedelta(days=rng.randint(0, 6)), rng.choice(SLOTS)) for _ in range(3)}
            )
            status = "open" if future else rng.choice(("unfilled", "cancelled", "cancelled"))
            school_id = rng.choice(school_ids)
            self.request(
                emit,
                ids["request"],
                school_id,
                self.school_district[school_id],
                rng.choices(language_ids, weights)[0],
                rng.choice(self.topics),
                rng.choice(DURATIONS),
                rng.randint(5, 40),
                status,
                min(starts[0] - timedelta(days=rng.randint(14, 60)), self.now),
                starts,
            )

    def report(
        self, emit, ids, session_id, moderator_id, day, ends_at, duration, language_id
    ) -> None:
        rng, age = self.rng, (self.now - ends_at).days
        if age < 14 and rng.random() < 0.3:
            return  # not reported yet
        status = "approved" if age > 30 or rng.random() < 0.35 else "submitted"
        if rng.random() < 0.02:
            status = "returned"
        submitted = min(ends_at + timedelta(days=rng.randint(0, 5), hours=2), self.now)
        reviewed = (
            None
            if status == "submitted"
            else min(submitted + timedelta(days=rng.randint(1, 10)), self.now)
        )
        took_place = rng.random() < 0.97
        travel = rng.choice((0, 20, 30, 45, 60))
        allowance = None
        if status == "approved":
            allowance = session_allowance(took_place, duration, travel, DEFAULT_RATES[SESSION])
        ids["report"] += 1
        emit(
            "event_report",
            id=ids["report"],
            assignment_id=ids["assignment"],
            session_id=session_id,
            moderator_id=moderator_id,
            held_on=day,
            took_place=took_place,
            reason_if_not="" if took_place else "Niemand erschienen",
            parents_reached=rng.randint(3, 35) if took_place else 0,
            duration_minutes=duration if took_place else 0,
            travel_minutes=travel,
            topics_covered=TOPICS,
            questions="",
            notes="",
            status=status,
            submitted_at=submitted,
            reviewed_at=reviewed,
            reviewed_by_id=self.coordinator_id if reviewed else None,
            review_comment="" if status != "returned" else "Bitte Teilnehmerzahl prüfen.",
            allowance_cents=allowance,
            created_by_id=None,
            created_at=submitted,
        )
        emit("report_language", report_id=ids["report"], language_id=language_id)
