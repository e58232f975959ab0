"""The allowance rule: a flat amount per session plus every started hour, travel included."""

import pytest

from moderators.logbook.allowance import (
    DEFAULT_RATES,
    Rate,
    activity_allowance,
    parse_rates,
    session_allowance,
    started_hours,
)

RATE = Rate(flat_cents=2000, per_started_hour_cents=1250)


@pytest.mark.parametrize(
    ("minutes", "hours"), [(0, 0), (1, 1), (59, 1), (60, 1), (61, 2), (120, 2), (121, 3)]
)
def test_every_started_hour_counts_as_a_whole_one(minutes, hours):
    assert started_hours(minutes) == hours


def test_a_session_pays_the_flat_amount_and_every_started_hour():
    assert session_allowance(True, 90, 0, RATE) == 2000 + 2 * 1250


def test_travel_time_counts_towards_the_started_hours():
    # 90 minutes on site and 40 minutes on the road: 130 minutes, three started hours.
    assert session_allowance(True, 90, 40, RATE) == 2000 + 3 * 1250
    # Exactly two hours in all stays at two hours.
    assert session_allowance(True, 90, 30, RATE) == 2000 + 2 * 1250


def test_a_session_that_did_not_take_place_pays_only_the_travel():
    assert session_allowance(False, 0, 45, RATE) == 1250
    assert session_allowance(False, 0, 0, RATE) == 0


def test_an_activity_pays_its_types_rate():
    assert activity_allowance(45, Rate(1500, 1000)) == 1500 + 1000
    assert activity_allowance(150, Rate(0, 1000)) == 3 * 1000


def test_the_office_can_change_some_rates_and_keep_the_others():
    rates = parse_rates('{"session": [3000, 1500]}')
    assert rates["session"] == Rate(3000, 1500)
    assert rates["counselling"] == DEFAULT_RATES["counselling"]


@pytest.mark.parametrize(
    "setting", ['{"party": [1, 2]}', '{"session": [10.5, 2]}', '{"session": [-1, 2]}']
)
def test_a_malformed_rate_setting_is_refused_at_start(setting):
    with pytest.raises(ValueError):
        parse_rates(setting)
