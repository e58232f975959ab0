"""The completion rule at the edges of its threshold."""

from fractions import Fraction

import pytest

from moderators.training.services import attendance_rate, meets_completion_rule

EIGHTY = Fraction(4, 5)


@pytest.mark.parametrize(
    ("present", "counted", "completes"),
    [
        (8, 10, True),  # exactly 80 %
        (4, 5, True),
        (7, 10, False),  # just below
        (79, 100, False),
        (10, 10, True),
        (0, 0, False),  # no held modules: nobody is certified without training
        (0, 3, False),
    ],
)
def test_present_at_80_percent_or_more_completes(present, counted, completes):
    assert meets_completion_rule(present, counted, EIGHTY) is completes


def test_threshold_comes_from_the_setting(app):
    app.config["COMPLETION_THRESHOLD"] = 0.75
    try:
        assert meets_completion_rule(3, 4)
        assert not meets_completion_rule(2, 3)
    finally:
        app.config["COMPLETION_THRESHOLD"] = 0.8
    assert not meets_completion_rule(3, 4)


def test_attendance_rate_is_none_while_nothing_counts():
    assert attendance_rate(0, 0) is None
    assert attendance_rate(3, 4) == 0.75
