"""The personal calendar feed: a secret address per user, showing what that user should see."""

import pytest
from flask import url_for

from moderators.auth.models import User
from moderators.auth.services import (
    issue_calendar_token,
    revoke_calendar_token,
    user_for_calendar_token,
)
from moderators.common.audit import AuditLog
from moderators.extensions import db
from moderators.roster.models import Moderator
from moderators.scheduling import services, session_changes
from moderators.schools.models import School
from tests.calendar.conftest import events, move_into_past, uid
from tests.conftest import count_queries


def feed_url(app, token: str) -> str:
    with app.test_request_context():
        return url_for("calendar.feed", calendar_token=token)


@pytest.fixture
def get_feed(app, client):
    """Fetch `user`'s feed as a calendar app does: no login, a fresh token in the address."""

    def get(user):
        response = client.get(feed_url(app, issue_calendar_token(user)))
        assert response.status_code == 200
        return response

    return get


def test_feed_is_a_calendar_with_a_name(get_feed, make_user):
    response = get_feed(make_user("moderator"))
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"X-WR-CALNAME:Meine Eins\xc3\xa4tze" in response.data
    assert b"METHOD" not in response.data


def test_issuing_a_new_address_makes_the_old_one_stop_working(app, client, make_user):
    user = make_user("moderator")
    first = issue_calendar_token(user)
    second = issue_calendar_token(user)
    assert client.get(feed_url(app, first)).status_code == 404
    assert client.get(feed_url(app, second)).status_code == 200
    assert user_for_calendar_token(first) is None
    assert user_for_calendar_token(second) == user


def test_a_revoked_address_gives_404(app, client, make_user):
    user = make_user("school")
    token = issue_calendar_token(user)
    revoke_calendar_token(user)
    assert client.get(feed_url(app, token)).status_code == 404
    actions = set(db.session.scalars(db.select(AuditLog.action).filter_by(object_id=user.id)))
    assert {"user.calendar_token", "user.calendar_token_revoked"} <= actions


@pytest.mark.parametrize("token", ["unknown", "a" * 43, "x.y", "%00"])
def test_unknown_addresses_give_404(client, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_a_blocked_account_has_no_feed(app, client, make_user):
    user = make_user("moderator")
    token = issue_calendar_token(user)
    user.active = False
    db.session.commit()
    assert client.get(feed_url(app, token)).status_code == 404


def test_moderator_sees_what_they_accepted_and_cancellations_of_it(
    get_feed, make_user, make_moderator, make_session, booked_session
):
    user = make_user("moderator")
    me, colleague = user.moderator, make_moderator()
    accepted = booked_session(me)
    recent = booked_session(me)
    move_into_past(recent, days=30)
    long_ago = booked_session(me)
    move_into_past(long_ago, days=120)
    cancelled_after_accepting = booked_session(me)
    session_changes.cancel_session(cancelled_after_accepting, "Schule geschlossen")
    only_offered = make_session()
    services.add_assignment(only_offered, me, "offer")
    offered_then_cancelled = make_session()
    services.add_assignment(offered_then_cancelled, me, "offer")
    session_changes.cancel_session(offered_then_cancelled, "Schule geschlossen")
    declined = make_session()
    services.add_assignment(declined, me, "offer")
    services.decline(declined.assignments[0], "keine Zeit")
    someone_elses = booked_session(colleague)

    shown = events(get_feed(user).data)

    assert set(shown) == {uid(accepted), uid(recent), uid(cancelled_after_accepting)}
    assert str(shown[uid(cancelled_after_accepting)]["STATUS"]) == "CANCELLED"
    assert str(shown[uid(accepted)]["STATUS"]) == "CONFIRMED"
    assert uid(someone_elses) not in shown


def test_coordinator_sees_every_session_of_the_window(
    get_feed, make_user, make_session, make_moderator, booked_session
):
    unstaffed, staffed = make_session(), booked_session(make_moderator())
    held = booked_session(make_moderator())
    move_into_past(held, days=10)
    held.status = "held"
    cancelled = make_session()
    session_changes.cancel_session(cancelled, "zu wenige Anmeldungen")
    long_ago = make_session()
    move_into_past(long_ago, days=91)

    shown = events(get_feed(make_user("coordinator")).data)

    assert set(shown) == {uid(s) for s in (unstaffed, staffed, held, cancelled)}
    assert str(shown[uid(cancelled)]["STATUS"]) == "CANCELLED"
    assert "Moderation: " + staffed.accepted[0].moderator.full_name in str(
        shown[uid(staffed)]["DESCRIPTION"]
    )


def test_school_sees_its_own_sessions_with_first_names_only(
    get_feed, make_user, make_school, make_session, make_moderator, booked_session
):
    school, other = make_school(), make_school()
    moderator = make_moderator(first_name="Dilan", last_name="Karadeniz", phone="0170 99")
    ours = booked_session(moderator, school=school)
    planned = make_session(school=school)
    theirs = make_session(school=other)

    response = get_feed(make_user("school", school=school))

    shown = events(response.data)
    assert set(shown) == {uid(ours), uid(planned)}
    assert uid(theirs) not in shown
    assert "Moderation: Dilan" in str(shown[uid(ours)]["DESCRIPTION"])
    assert b"Karadeniz" not in response.data and b"0170 99" not in response.data
    assert school.name.encode() in response.data  # the calendar's name


def test_feed_is_written_in_the_owners_language(get_feed, make_user, booked_session):
    german, english = make_user("moderator"), make_user("moderator", locale="en")
    german_session = booked_session(german.moderator)
    english_session = booked_session(english.moderator)
    (german_event,) = events(get_feed(german).data).values()
    (english_event,) = events(get_feed(english).data).values()
    assert str(german_event["UID"]) == uid(german_session)
    assert "Türkisch" in str(german_event["SUMMARY"])
    assert str(english_event["UID"]) == uid(english_session)
    assert "Turkish" in str(english_event["SUMMARY"])


@pytest.mark.parametrize("role", ["moderator", "school", "coordinator"])
def test_feed_costs_the_same_queries_for_2_and_for_20_sessions(
    app, client, role, make_user, make_school, booked_session, make_moderator
):
    school = make_school()
    user = make_user(role, school=school if role == "school" else None)
    moderator = user.moderator or make_moderator()
    ids = {"user": user.id, "school": school.id, "moderator": moderator.id}
    made = 0

    def queries_for(count: int) -> int:
        nonlocal made
        # count_queries empties the session: load afresh what the factories need
        school = db.session.get(School, ids["school"])
        moderator = db.session.get(Moderator, ids["moderator"])
        for _ in range(count - made):
            booked_session(moderator, school=school)
        made = count
        url = feed_url(app, issue_calendar_token(db.session.get(User, ids["user"])))
        with count_queries() as statements:
            response = client.get(url)
        assert response.status_code == 200
        assert len(events(response.data)) == count
        return len(statements)

    assert queries_for(2) == queries_for(20)
