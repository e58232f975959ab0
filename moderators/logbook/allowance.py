"""The allowance (Aufwandsentschädigung) a moderator is paid for a session or an activity.

A rate is a flat amount plus an amount per started hour, in euro cents. The office sets the
rates in ALLOWANCE_RATES (JSON, e.g. {"session": [2000, 1200], "counselling": [1500, 1200]});
what it leaves out keeps the defaults below. The amount is computed once, on approval, and
stored with the report, so a later change of rates does not rewrite what was paid.
"""

import json
import math
from dataclasses import dataclass

from flask import current_app

SESSION = "session"


@dataclass(frozen=True)
class Rate:
    flat_cents: int
    per_started_hour_cents: int


DEFAULT_RATES = {
    SESSION: Rate(2000, 1200),
    "counselling": Rate(1500, 1200),
    "accompaniment": Rate(1500, 1200),
    "network_event": Rate(1000, 1200),
    "supervision": Rate(0, 1200),
    "training": Rate(0, 1200),
}


def parse_rates(text: str | None) -> dict[str, Rate]:
    """The defaults, overridden by ALLOWANCE_RATES; a malformed setting fails at start-up."""
    rates = dict(DEFAULT_RATES)
    if not text:
        return rates
    for kind, (flat, hourly) in json.loads(text).items():
        if kind not in DEFAULT_RATES:
            raise ValueError(f"ALLOWANCE_RATES: unknown kind {kind!r}")
        if not all(isinstance(v, int) and v >= 0 for v in (flat, hourly)):
            raise ValueError(f"ALLOWANCE_RATES: {kind} needs two whole numbers of cents")
        rates[kind] = Rate(flat, hourly)
    return rates


def rate_for(kind: str) -> Rate:
    return current_app.config["ALLOWANCE_RATES"][kind]


def started_hours(minutes: int) -> int:
    """61 minutes are two started hours; no time is none."""
    return math.ceil(max(minutes, 0) / 60)


def session_allowance(took_place: bool, duration_minutes: int, travel_minutes: int, rate: Rate):
    """Flat amount plus every started hour of the session and the travel to and from it.

    A session that did not take place pays no flat amount and no session time, but the travel
    the moderator undertook for nothing is paid by the hour.
    """
    if not took_place:
        return rate.per_started_hour_cents * started_hours(travel_minutes)
    hours = started_hours(duration_minutes + travel_minutes)
    return rate.flat_cents + rate.per_started_hour_cents * hours


def activity_allowance(duration_minutes: int, rate: Rate) -> int:
    return rate.flat_cents + rate.per_started_hour_cents * started_hours(duration_minutes)
