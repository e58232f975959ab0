"""An .ics file that calendar apps read the same way: Hamburg times, German text, one UID."""

from datetime import date, time, timedelta

from icalendar import Calendar

from moderators.common.timezone import local_datetime, local_today
from moderators.extensions import db
from moderators.scheduling import services, session_changes
from moderators.scheduling.calendar import feed_ics, session_ics
from tests.calendar.conftest import events, uid


def last_sunday_of_october(year: int) -> date:
    day = date(year, 10, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def test_a_session_file_is_a_published_calendar_with_one_event(make_session):
    session = make_session()
    calendar = Calendar.from_ical(session_ics(session))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert "Elternmoderation Hamburg" in str(calendar["PRODID"])
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == uid(session)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=90)


def test_times_are_hamburg_wall_clock_times_with_their_timezone(make_session):
    starts_at = local_datetime(local_today() + timedelta(days=20), time(17, 30))
    body = session_ics(make_session(starts_at=starts_at))
    calendar = Calendar.from_ical(body)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART").strftime("%H:%M") == "17:30"
    local_day = (local_today() + timedelta(days=20)).strftime("%Y%m%d")
    assert f"DTSTART;TZID=Europe/Berlin:{local_day}T173000".encode() in body


def test_clock_change_in_october_keeps_six_in_the_evening(make_session):
    sunday = last_sunday_of_october(local_today().year + 1)
    after = make_session(starts_at=local_datetime(sunday, time(18)))
    before = make_session(starts_at=local_datetime(sunday - timedelta(days=1), time(18)))

    calendar = Calendar.from_ical(feed_ics([before, after], "Test"))
    by_uid = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    # The VTIMEZONE in the file is what a calendar app without its own tz database uses.
    (vtimezone,) = calendar.walk("VTIMEZONE")
    zone = vtimezone.to_tz()
    for session, offset in ((before, timedelta(hours=2)), (after, timedelta(hours=1))):
        start = by_uid[uid(session)].decoded("DTSTART")
        assert (start.hour, start.minute) == (18, 0)
        assert start.utcoffset() == offset
        assert start.replace(tzinfo=zone).utcoffset() == offset
        assert start == session.starts_at
    assert after.starts_at.hour == 17 and before.starts_at.hour == 16  # UTC in the database


def test_summary_location_and_description_say_what_where_and_in_which_language(
    make_session, make_school
):
    school = make_school(name="Stadtteilschule Am Hafen", address="Hafenstraße 1, 20359 Hamburg")
    session = make_session(school=school)
    (event,) = events(session_ics(session)).values()
    summary = str(event["SUMMARY"])
    assert session.topic.name_de in summary
    assert "Türkisch" in summary and "Stadtteilschule Am Hafen" in summary
    assert str(event["LOCATION"]) == "Stadtteilschule Am Hafen, Hafenstraße 1, 20359 Hamburg"
    description = str(event["DESCRIPTION"])
    assert f"Thema: {session.topic.name_de}" in description
    assert "Sprache: Türkisch" in description
    assert "Schule: Stadtteilschule Am Hafen" in description
    assert "Moderation: noch offen" in description


def test_the_sequence_grows_when_a_session_changes(make_session):
    session = make_session()
    (before,) = events(session_ics(session)).values()
    session.updated_at = session.updated_at + timedelta(minutes=5)  # as a later change would
    db.session.commit()
    (after,) = events(session_ics(session)).values()
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert str(after["UID"]) == str(before["UID"])


def test_a_cancelled_session_is_marked_cancelled(make_session):
    session = make_session()
    session_changes.cancel_session(session, "Raum nicht verfügbar")
    (event,) = events(session_ics(session)).values()
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Abgesagt: ")
    assert "Raum nicht verfügbar" not in str(event["DESCRIPTION"])


def test_staff_see_full_names_a_school_only_first_names(
    make_session, make_moderator, make_user, make_school
):
    school = make_school(contact_name="Frau Beispiel", contact_phone="040 428 00")
    moderator = make_moderator(
        first_name="Ayşe", last_name="Yılmaz", phone="0170 123456", email="ayse@example.org"
    )
    session = make_session(school=school)
    services.add_assignment(session, moderator, "assign")
    coordinator = make_user("coordinator")
    school_user = make_user("school", school=school)

    (staff_copy,) = events(session_ics(session, for_user=coordinator)).values()
    assert "Moderation: Ayşe Yılmaz" in str(staff_copy["DESCRIPTION"])
    assert "Ansprechperson der Schule: Frau Beispiel, 040 428 00" in str(staff_copy["DESCRIPTION"])

    for body in (session_ics(session, for_user=school_user), session_ics(session)):
        (event,) = events(body).values()
        assert "Moderation: Ayşe" in str(event["DESCRIPTION"])
        text = Calendar.from_ical(body).to_ical().decode().replace("\r\n ", "")  # unfolded
        for contact in ("Yılmaz", "0170 123456", "ayse@example.org", "040 428 00"):
            assert contact not in text
