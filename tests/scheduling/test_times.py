"""Times are stored in UTC and mean the same wall-clock time in Hamburg across DST changes."""

from datetime import UTC, date, datetime, time

from moderators.common.timezone import local_datetime, to_local
from moderators.extensions import db
from moderators.scheduling.models import InfoSession

LAST_SUNDAY_OF_OCTOBER = date(2030, 10, 27)  # clocks go back at 03:00 that morning


def test_evening_after_the_change_is_utc_plus_one_and_the_day_before_plus_two():
    after = local_datetime(LAST_SUNDAY_OF_OCTOBER, time(18))
    before = local_datetime(date(2030, 10, 26), time(18))
    assert after == datetime(2030, 10, 27, 17, tzinfo=UTC)
    assert before == datetime(2030, 10, 26, 16, tzinfo=UTC)


def test_a_session_on_that_sunday_keeps_its_local_time_through_the_database(make_session):
    session = make_session(starts_at=local_datetime(LAST_SUNDAY_OF_OCTOBER, time(18)))
    session_id = session.id
    db.session.remove()
    stored = db.session.get(InfoSession, session_id)
    assert stored.starts_at.tzinfo is not None
    assert to_local(stored.starts_at).strftime("%H:%M %z") == "18:00 +0100"
    assert stored.ends_at - stored.starts_at == session.ends_at - session.starts_at
