"""Every route declares who may use it, and the rule holds for every role."""

from datetime import date, time

import pytest
from flask import url_for

from moderators.auth.access import PUBLIC
from moderators.auth.services import issue_api_token, issue_calendar_token
from moderators.extensions import db
from moderators.roster.models import Absence, AvailabilityWindow
from moderators.scheduling import services as scheduling
from moderators.training import enrolments
from moderators.training.closing import close_cohort
from tests.conftest import next_weekday_at

ROLES = ("anonymous", "coordinator", "moderator", "school")
# Routes that are open by design, each with the reason.
UNRULED_OK = {"static": "static files of the layout"}


def view_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in UNRULED_OK:
            continue
        yield rule, app.view_functions[rule.endpoint]


def test_every_route_declares_who_may_use_it(app):
    missing = [rule.rule for rule, view in view_rules(app) if not hasattr(view, "access")]
    assert missing == [], f"routes without an access rule: {missing}"


@pytest.fixture
def world(
    app,
    make_user,
    make_moderator,
    make_school,
    make_cohort,
    make_request,
    make_session,
    make_held_session,
    make_report,
):
    """One object of each kind, owned by the moderator and school who will knock."""
    from moderators.auth.services import invite
    from moderators.common.timezone import local_today
    from moderators.languages.models import Language
    from moderators.logbook.services import log_activity
    from moderators.topics.models import Topic

    moderator_user = make_user("moderator")
    school_user = make_user("school")
    moderator = moderator_user.moderator
    window = AvailabilityWindow(weekday=1, starts_at=time(9), ends_at=time(12))
    absence = Absence(
        starts_on=date(2030, 1, 1),
        ends_on=date(2030, 1, 2),
    )
    moderator.availability.append(window)
    moderator.absences.append(absence)
    db.session.commit()
    cohort = make_cohort(held=1)
    moderator.status = "trainee"
    enrollment = enrolments.enroll(cohort, moderator)
    enrolments.record_attendance(cohort.modules[0], {enrollment.id: "present"})
    close_cohort(cohort)  # the moderator's own certificate exists; nothing else can change
    school = school_user.school
    request = make_request(school=school)
    booked = make_session(school=school, starts_at=next_weekday_at(0, 17))
    offered = make_session(starts_at=next_weekday_at(0, 17, weeks_ahead=3))
    scheduling.add_assignment(booked, moderator, "assign")
    offer = scheduling.add_assignment(offered, moderator, "offer")
    held = make_held_session(days_ago=3, moderators=[moderator], school=school)
    report = make_report(held.accepted[0])
    activity = log_activity(
        moderator, type="counselling", held_on=local_today(), duration_minutes=60
    )
    calendar_token = issue_calendar_token(moderator_user)
    with app.test_request_context():
        _, token = invite("neu@example.org", "moderator", moderator=make_moderator())
    users = {
        "coordinator": make_user("coordinator"),
        "moderator": moderator_user,
        "school": school_user,
    }
    return {
        "users": users,
        "args": {
            "moderator_id": moderator.id,
            "school_id": school_user.school_id,
            "window_id": window.id,
            "absence_id": absence.id,
            "language_id": db.session.scalar(db.select(Language.id).limit(1)),
            "topic_id": db.session.scalar(db.select(Topic.id).limit(1)),
            "token": token,
            "request_id": request.id,
            "session_id": booked.id,
            "assignment_id": offer.id,
            "calendar_token": calendar_token,
            "cohort_id": cohort.id,
            "module_id": cohort.modules[0].id,
            "enrollment_id": enrollment.id,
            "report_id": report.id,
            "activity_id": activity.id,
            "user_id": users["coordinator"].id,  # refusing to block oneself changes nothing
        },
    }


def request_as(client, app, role, world, rule):
    """Call `rule` as `role`: signed in through the session, or for the API with a bearer token."""
    with app.test_request_context():
        url = url_for(rule.endpoint, **{a: world["args"][a] for a in rule.arguments})
    headers = {}
    if role != "anonymous":
        user = world["users"][role]
        if rule.rule.startswith("/api/"):
            headers["Authorization"] = f"Bearer {issue_api_token(user)}"
        else:
            with client.session_transaction() as session:
                # with the current session version: the walk signs out at /logout on the way
                session["_user_id"] = user.session_id()
                session["_fresh"] = True
    method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS", "HEAD"})[0]
    response = client.open(
        url,
        method=method,
        headers=headers,
        json={} if method != "GET" and rule.rule.startswith("/api/") else None,
    )
    return response


def test_each_role_gets_what_the_rule_says(app, world):
    failures = []
    for rule, view in view_rules(app):
        for role in ROLES:
            client = app.test_client()
            response = request_as(client, app, role, world, rule)
            allowed = role in view.access or view.access == PUBLIC
            status = response.status_code
            if allowed:
                ok = status not in (401, 403) and not (
                    status == 302
                    and "/login" in response.headers.get("Location", "")
                    and view.access != PUBLIC
                    and rule.endpoint != "auth.logout"
                )
            elif role == "anonymous":
                ok = (
                    status == 401
                    if rule.rule.startswith("/api/")
                    else (status == 302 and "/login" in response.headers["Location"])
                )
            else:
                ok = status == 403
            if not ok or status >= 500:
                failures.append(f"{role} {rule.rule} -> {status} (allowed={allowed})")
    assert failures == [], "\n".join(failures)
