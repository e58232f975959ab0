"""The demo pool as the scheduling planner sees it: when each person can come, and offers."""

from collections import namedtuple
from datetime import date, time

from moderators.roster.models import NATIVE

# A moderator as exclusion_reason sees them, with what else the planner needs to know
Person = namedtuple("Person", "status availability absences languages native districts certified")
Window = namedtuple("Window", "weekday starts_at ends_at")
Away = namedtuple("Away", "starts_on ends_on")


def planner_person(person: dict, certified_on: date | None) -> Person:
    availability = [Window(*window) for window in person["availability"]]
    absences = [Away(starts_on, ends_on) for starts_on, ends_on, _ in person["absences"]]
    languages = [code for code, _ in person["languages"]]
    native = [code for code, level in person["languages"] if level == NATIVE]
    fields = (availability, absences, languages, native, person["districts"], certified_on)
    return Person(person["status"], *fields)


def half_hour_starts(window: Window, duration: int, strict: bool = True) -> list[time]:
    """Half-hour starts in the window: 15:00–20:00 on weekdays, 9:00–11:30 on Saturdays."""
    earliest, latest = (9 * 60, 11 * 60 + 30) if window.weekday == 5 else (15 * 60, 20 * 60)
    first = max(window.starts_at.hour * 60 + window.starts_at.minute, earliest if strict else 0)
    last = min(window.ends_at.hour * 60 + window.ends_at.minute - duration, latest)
    return [time(m // 60, m % 60) for m in range(first + -first % 30, last + 1, 30)]


def offer_row(person: int, status: str, offered_at, responded_at=None, reason: str = "") -> dict:
    keys = ("person", "status", "offered_at", "responded_at", "decline_reason")
    return dict(zip(keys, (person, status, offered_at, responded_at, reason), strict=True))
