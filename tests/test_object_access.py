"""Object-level access: one moderator or school never sees or changes another's things.

Two of everything ("mine" and "theirs"); signed in as the other side's moderator or school,
every page and API endpoint that takes an object's id refuses theirs, and no list shows it.
"""

from dataclasses import dataclass

import pytest

from moderators.auth.services import issue_api_token, issue_calendar_token
from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.logbook.services import log_activity
from moderators.scheduling import services as scheduling
from moderators.scheduling.models import Assignment, SessionRequest
from moderators.training import enrolments
from moderators.training.closing import close_cohort
from tests.conftest import next_weekday_at

REFUSED = (403, 404)


@dataclass
class Side:
    """One moderator and one school with everything they own."""

    moderator_user: object
    school_user: object
    request_id: int
    booked_id: int  # a future session at the school, the moderator booked
    offer_id: int  # an assignment offered to the moderator
    held_id: int  # a past session at the school, held by the moderator
    held_assignment_id: int
    report_id: int
    activity_id: int
    enrollment_id: int
    moderator_feed: str
    school_feed: str


@pytest.fixture
def sides(
    make_user, make_cohort, make_request, make_session, make_held_session, make_report
) -> tuple[Side, Side]:
    cohort = make_cohort(held=1)
    made = []
    for n in range(2):
        moderator_user, school_user = make_user("moderator"), make_user("school")
        moderator, school = moderator_user.moderator, school_user.school
        booked = make_session(school=school, starts_at=next_weekday_at(0, 17, weeks_ahead=2 + n))
        scheduling.add_assignment(booked, moderator, "assign")
        offered = make_session(starts_at=next_weekday_at(0, 17, weeks_ahead=5 + n))
        offer = scheduling.add_assignment(offered, moderator, "offer")
        held = make_held_session(days_ago=3 + n, moderators=[moderator], school=school)
        moderator.status = "trainee"
        enrollment = enrolments.enroll(cohort, moderator)
        made.append(
            Side(
                moderator_user=moderator_user,
                school_user=school_user,
                request_id=make_request(school=school).id,
                booked_id=booked.id,
                offer_id=offer.id,
                held_id=held.id,
                held_assignment_id=held.accepted[0].id,
                report_id=make_report(held.accepted[0]).id,
                activity_id=log_activity(
                    moderator, type="counselling", held_on=local_today(), duration_minutes=60
                ).id,
                enrollment_id=enrollment.id,
                moderator_feed=issue_calendar_token(moderator_user),
                school_feed=issue_calendar_token(school_user),
            )
        )
    enrolments.record_attendance(
        cohort.modules[0], {side.enrollment_id: "present" for side in made}
    )
    close_cohort(cohort)  # both are certified
    return made[0], made[1]


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {issue_api_token(user)}"}


def ids(response) -> set[int]:
    return {item["id"] for item in response.get_json()["items"]}


# Moderators --------------------------------------------------------------------------------


def test_a_moderators_own_things_open_for_them(client, login_as, sides):
    mine, _ = sides
    login_as(user=mine.moderator_user)
    for url in (
        f"/reports/{mine.report_id}/edit",
        f"/activities/{mine.activity_id}/edit",
        f"/enrollments/{mine.enrollment_id}/certificate",
        f"/sessions/{mine.booked_id}.ics",
        f"/sessions/{mine.booked_id}/letter",
    ):
        assert client.get(url).status_code == 200, url


def test_a_moderator_cannot_open_another_moderators_things(client, login_as, sides):
    mine, theirs = sides
    login_as(user=mine.moderator_user)
    for url in (
        f"/reports/{theirs.report_id}/edit",
        f"/activities/{theirs.activity_id}/edit",
        f"/assignments/{theirs.held_assignment_id}/report",
        f"/enrollments/{theirs.enrollment_id}/certificate",
        f"/sessions/{theirs.booked_id}.ics",
        f"/sessions/{theirs.booked_id}/letter",
    ):
        assert client.get(url).status_code in REFUSED, url


def test_a_moderator_cannot_answer_or_report_on_another_moderators_booking(client, login_as, sides):
    mine, theirs = sides
    login_as(user=mine.moderator_user)
    for url in (
        f"/me/assignments/{theirs.offer_id}/accept",
        f"/me/assignments/{theirs.offer_id}/decline",
        f"/assignments/{theirs.held_assignment_id}/report",
    ):
        assert client.post(url, data={"reason": "keine Zeit"}).status_code in REFUSED, url
    assert db.session.get(Assignment, theirs.offer_id).status == "offered"


def test_a_moderators_lists_show_only_their_own(client, login_as, sides):
    mine, theirs = sides
    login_as(user=mine.moderator_user)
    logbook = client.get("/me/logbook").text
    assert f"/reports/{mine.report_id}/edit" in logbook
    assert f"/reports/{theirs.report_id}/edit" not in logbook
    assert f"/activities/{theirs.activity_id}/edit" not in logbook
    offers = client.get("/me/sessions").text
    assert f"/me/assignments/{mine.offer_id}/accept" in offers
    assert f"/me/assignments/{theirs.offer_id}/accept" not in offers


def test_a_moderators_api_token_reaches_only_their_own(client, sides):
    mine, theirs = sides
    headers = bearer(mine.moderator_user)
    theirs_moderator = theirs.moderator_user.moderator_id
    for method, url in (
        ("GET", f"/api/v1/reports/{theirs.report_id}"),
        ("PATCH", f"/api/v1/reports/{theirs.report_id}"),
        ("GET", f"/api/v1/activities/{theirs.activity_id}"),
        ("PATCH", f"/api/v1/activities/{theirs.activity_id}"),
        ("GET", f"/api/v1/moderators/{theirs_moderator}"),
        ("PATCH", f"/api/v1/moderators/{theirs_moderator}"),
        ("POST", f"/api/v1/assignments/{theirs.offer_id}/accept"),
        ("POST", f"/api/v1/assignments/{theirs.offer_id}/decline"),
        ("POST", f"/api/v1/sessions/{theirs.held_id}/report"),
    ):
        response = client.open(url, method=method, headers=headers, json={})
        assert response.status_code in REFUSED, f"{method} {url}"
    assert ids(client.get("/api/v1/reports", headers=headers)) == {mine.report_id}
    assert ids(client.get("/api/v1/activities", headers=headers)) == {mine.activity_id}
    own = client.get(f"/api/v1/moderators/{mine.moderator_user.moderator_id}", headers=headers)
    assert own.status_code == 200


def test_a_moderators_calendar_feed_holds_only_their_sessions(client, sides):
    mine, theirs = sides
    feed = client.get(f"/calendar/{mine.moderator_feed}.ics").text
    assert f"session-{mine.booked_id}@" in feed
    assert f"session-{theirs.booked_id}@" not in feed


# Schools -----------------------------------------------------------------------------------


def test_a_school_cannot_open_or_cancel_another_schools_things(client, login_as, sides):
    mine, theirs = sides
    login_as(user=mine.school_user)
    assert client.get(f"/sessions/{mine.booked_id}.ics").status_code == 200
    for url in (f"/sessions/{theirs.booked_id}.ics", f"/sessions/{theirs.booked_id}/letter"):
        assert client.get(url).status_code in REFUSED, url
    cancel = client.post(f"/school/requests/{theirs.request_id}/cancel", data={"reason": "x"})
    assert cancel.status_code in REFUSED
    assert db.session.get(SessionRequest, theirs.request_id).status == "open"


def test_a_schools_lists_show_only_their_own(client, login_as, sides):
    mine, theirs = sides
    login_as(user=mine.school_user)
    requests = client.get("/school/requests").text
    assert f"/school/requests/{mine.request_id}/cancel" in requests
    assert f"/school/requests/{theirs.request_id}/cancel" not in requests
    sessions = client.get("/school/sessions").text
    assert f"/sessions/{mine.booked_id}.ics" in sessions
    assert f"/sessions/{theirs.booked_id}.ics" not in sessions
    own_page = client.get("/school").text
    assert theirs.school_user.school.name not in own_page


def test_a_school_sees_no_reports_activities_or_certificates(client, login_as, sides):
    mine, _ = sides
    login_as(user=mine.school_user)
    for url in (
        f"/reports/{mine.report_id}/edit",
        f"/activities/{mine.activity_id}/edit",
        f"/enrollments/{mine.enrollment_id}/certificate",
    ):
        assert client.get(url).status_code == 403, url
    headers = bearer(mine.school_user)
    for url in ("/api/v1/reports", f"/api/v1/reports/{mine.report_id}", "/api/v1/activities"):
        assert client.get(url, headers=headers).status_code == 403, url


def test_a_schools_api_token_reaches_only_their_own(client, sides):
    mine, theirs = sides
    headers = bearer(mine.school_user)
    for method, url in (
        ("GET", f"/api/v1/requests/{theirs.request_id}"),
        ("POST", f"/api/v1/requests/{theirs.request_id}/cancel"),
        ("GET", f"/api/v1/schools/{theirs.school_user.school_id}"),
    ):
        response = client.open(url, method=method, headers=headers, json={})
        assert response.status_code in REFUSED, f"{method} {url}"
    assert ids(client.get("/api/v1/requests", headers=headers)) == {mine.request_id}
    own = client.get(f"/api/v1/schools/{mine.school_user.school_id}", headers=headers)
    assert own.status_code == 200


def test_a_schools_calendar_feed_holds_only_their_sessions(client, sides):
    mine, theirs = sides
    feed = client.get(f"/calendar/{mine.school_feed}.ics").text
    assert f"session-{mine.booked_id}@" in feed
    assert f"session-{theirs.booked_id}@" not in feed
    assert f"session-{theirs.held_id}@" not in feed
