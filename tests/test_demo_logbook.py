"""Demo logbook: reports and activities that look real, follow the rules and fill every page."""

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from moderators.auth.models import User
from moderators.common.models import utcnow
from moderators.common.timezone import local_today, to_local
from moderators.demo import MODERATOR_EMAIL, demo_moderators, load_demo_data
from moderators.demo_logbook_planner import plan_activities, plan_reports
from moderators.extensions import db
from moderators.logbook.allowance import SESSION, activity_allowance, rate_for, session_allowance
from moderators.logbook.models import ACTIVITY_TYPES, Activity, EventReport
from moderators.roster.models import Moderator
from moderators.scheduling.models import ACCEPTED, Assignment, InfoSession
from tests.test_demo_scheduling import certified, plan_for


@pytest.fixture
def demo(app):
    load_demo_data(2007)


def reports() -> list[EventReport]:
    return db.session.scalars(
        select(EventReport).options(
            selectinload(EventReport.languages),
            selectinload(EventReport.assignment),
            selectinload(EventReport.moderator).selectinload(Moderator.languages),
            selectinload(EventReport.session).selectinload(InfoSession.assignments),
        )
    ).all()


def test_the_demo_moderator_has_something_on_every_logbook_page(demo):
    user = db.session.scalar(select(User).where(User.email == MODERATOR_EMAIL))
    mine = db.session.scalars(
        select(Assignment).where(
            Assignment.moderator_id == user.moderator_id,
            Assignment.status == ACCEPTED,
            Assignment.starts_at < utcnow(),
        )
    ).all()
    reported = {r.assignment_id: r for r in reports() if r.moderator_id == user.moderator_id}
    assert any(a.id not in reported for a in mine)  # due
    states = Counter(r.status for r in reported.values())
    assert states["submitted"] >= 1 and states["returned"] >= 1 and states["approved"] >= 3
    assert all(r.review_comment for r in reported.values() if r.status == "returned")
    assert all(r.created_by_id == user.id for r in reported.values())

    activities = db.session.scalars(
        select(Activity).where(Activity.moderator_id == user.moderator_id)
    ).all()
    assert {a.type for a in activities} == set(ACTIVITY_TYPES)
    assert {"submitted", "returned", "approved"} <= {a.status for a in activities}
    assert all(a.review_comment for a in activities if a.status == "returned")


def test_reports_are_believable_and_sessions_follow_their_approval(demo):
    now, today, rate = utcnow(), local_today(), rate_for(SESSION)
    demo_person = db.session.scalar(select(User).where(User.email == MODERATOR_EMAIL)).moderator_id
    all_reports = reports()
    states = Counter(r.status for r in all_reports)
    assert states["approved"] > 0.85 * len(all_reports) > 250
    assert states["submitted"] >= 5 and states["returned"] >= 3
    for report in all_reports:
        session = report.session
        assert report.assignment.status == ACCEPTED and report.moderator_id == (
            report.assignment.moderator_id
        )
        assert report.held_on == to_local(session.starts_at).date() < today
        # the last week's sessions wait for their reports; the demo moderator may be quicker
        assert report.held_on < today - timedelta(days=7) or report.moderator_id == demo_person
        assert session.ends_at < report.submitted_at < now
        if report.took_place:
            assert 5 <= report.parents_reached <= 40 and 15 <= report.travel_minutes <= 60
            assert abs(report.duration_minutes - session.duration_minutes) <= 30
            spoken = {ml.language_id for ml in report.moderator.languages}
            assert session.language_id in {language.id for language in report.languages}
            assert {language.id for language in report.languages} <= spoken
        else:
            assert report.reason_if_not and not report.parents_reached and not report.languages
        if report.status == "approved":
            assert report.reviewed_at > report.submitted_at and report.reviewed_by_id
            expected = session_allowance(
                report.took_place, report.duration_minutes, report.travel_minutes, rate
            )
            assert report.allowance_cents == expected
        else:
            assert report.allowance_cents is None
        assert bool(report.review_comment) or report.status != "returned"
    assert sum(len(r.languages) > 1 for r in all_reports) > 10

    approved = Counter()
    for report in all_reports:
        if report.status == "approved":
            approved[(report.session_id, report.took_place)] += 1
    past = db.session.scalars(
        select(InfoSession).where(InfoSession.starts_at < now, InfoSession.status != "cancelled")
    ).all()
    for session in past:
        held = approved[(session.id, True)] > 0
        assert (session.status == "held") == held, session.id
    fell_through = [s for s, took_place in approved if not took_place]
    assert fell_through
    for session_id in fell_through:
        session = db.session.get(InfoSession, session_id)
        assert session.status == "cancelled" and session.status_reason
    waiting = [s for s in past if s.status == "planned"]
    assert waiting and all(s.accepted for s in waiting)


def test_activities_come_in_every_kind_and_are_mostly_approved(demo):
    today, activities = local_today(), db.session.scalars(select(Activity)).all()
    active = db.session.scalar(
        select(func.count(Moderator.id)).where(
            Moderator.status == "active", Moderator.certified_on.is_not(None)
        )
    )
    assert 2 * active <= len(activities) <= 8 * active
    assert {a.type for a in activities} == set(ACTIVITY_TYPES)
    states = Counter(a.status for a in activities)
    assert states["approved"] > 0.85 * len(activities)
    assert states["submitted"] >= 3 and states["returned"] >= 3
    for activity in activities:
        assert activity.moderator.certified_on < activity.held_on < today
        assert 1 <= activity.duration_minutes <= 600
        if activity.type in ("supervision", "training"):
            assert not activity.languages and activity.people_reached == 0
        else:
            assert activity.languages and activity.people_reached >= 1
        if activity.status == "approved":
            rate = rate_for(activity.type)
            assert activity.allowance_cents == activity_allowance(activity.duration_minutes, rate)


def test_a_second_run_adds_no_reports(demo):
    before = db.session.scalar(select(func.count(EventReport.id)))
    activities = db.session.scalar(select(func.count(Activity.id)))
    assert load_demo_data(2007) is None
    assert db.session.scalar(select(func.count(EventReport.id))) == before
    assert db.session.scalar(select(func.count(Activity.id))) == activities


def logbook_plan(today: date, seed: int) -> tuple[dict, int, list, list]:
    """The scheduling plan for a pool made as `load_demo_data` makes it, the demo moderator's
    index, and the reports and activities planned on it."""
    plan, person, _ = plan_for(today)
    people = demo_moderators(random.Random(5), today)  # the pool plan_for planned with
    rng = random.Random(seed)
    planned = plan_reports(rng, plan["sessions"], people, today, person)
    activities = plan_activities(rng, people, certified(people, today), today, person)
    return plan, person, planned, activities


def test_the_same_seed_and_day_give_the_same_logbook_and_another_seed_another():
    first = logbook_plan(date(2026, 11, 25), seed=1)[2:]
    assert first == logbook_plan(date(2026, 11, 25), seed=1)[2:]
    assert first != logbook_plan(date(2026, 11, 25), seed=2)[2:]


@pytest.mark.parametrize("today", [date(2026, 8, 1), date(2026, 12, 1), date(2027, 7, 10)])
def test_whatever_the_day_the_demo_moderator_has_reports_in_every_state(today):
    plan, person, (planned, _), activities = logbook_plan(today, seed=3)
    booked = [
        (i, j)
        for i, s in enumerate(plan["sessions"])
        if s["status"] == "held"
        for j, a in enumerate(s["assignments"])
        if a["person"] == person and a["status"] == ACCEPTED
    ]
    mine = {(r["session"], r["assignment"]): r["status"] for r in planned}
    states = Counter(mine.get(key, "due") for key in booked)
    assert states["due"] >= 1 and states["submitted"] == 1 and states["returned"] == 1
    assert states["approved"] >= 1
    kinds = {a["type"] for a in activities if a["person"] == person}
    assert kinds == set(ACTIVITY_TYPES)
