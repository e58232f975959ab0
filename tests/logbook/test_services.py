"""Reports and activities: logged, corrected, approved or returned, with the session's state."""

from datetime import timedelta

import pytest

from moderators.common.audit import AuditLog
from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.logbook import services
from moderators.logbook.models import APPROVED, RETURNED, SUBMITTED, EventReport
from moderators.logbook.rules import LogbookError
from moderators.notifications.models import OutboxMail
from tests.conftest import language


def actions():
    return [entry.action for entry in db.session.scalars(db.select(AuditLog).order_by(AuditLog.id))]


def test_a_report_is_submitted_for_a_session_that_has_begun(make_held_session, make_report):
    session = make_held_session(days_ago=2)
    report = make_report(session.accepted[0], parents_reached=17)
    assert report.status == SUBMITTED
    assert report.parents_reached == 17
    assert report.held_on == local_today() - timedelta(days=2)
    assert [lang.code for lang in report.languages] == ["tr"]
    assert "report.submit" in actions()


def test_no_report_before_the_session_began(make_session, make_moderator, make_report):
    from moderators.scheduling import services as scheduling

    session = make_session()
    assignment = scheduling.add_assignment(session, make_moderator(), "assign")
    with pytest.raises(LogbookError) as refused:
        make_report(assignment)
    assert refused.value.field == "session"


def test_a_second_report_on_the_same_assignment_is_refused(make_held_session, make_report):
    assignment = make_held_session().accepted[0]
    make_report(assignment)
    with pytest.raises(LogbookError) as refused:
        make_report(assignment)
    assert refused.value.conflict


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"parents_reached": -1}, "parents_reached"),
        ({"duration_minutes": 601}, "duration_minutes"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"travel_minutes": -5}, "travel_minutes"),
        ({"languages": []}, "languages"),
        ({"took_place": False, "reason_if_not": " "}, "reason_if_not"),
        ({"mood": "good"}, "mood"),
    ],
)
def test_a_faulty_report_names_the_field_and_saves_nothing(
    make_held_session, make_report, change, field
):
    assignment = make_held_session().accepted[0]
    with pytest.raises(LogbookError) as refused:
        make_report(assignment, **change)
    assert refused.value.field == field
    db.session.rollback()
    assert db.session.scalar(db.text("SELECT count(*) FROM event_report")) == 0


def test_approval_fixes_the_allowance_and_marks_the_session_held(
    make_held_session, make_report, login_as
):
    login_as("coordinator")
    session = make_held_session(duration=90)
    report = make_report(session.accepted[0], duration_minutes=90, travel_minutes=40)
    services.approve_report(report)
    assert report.status == APPROVED
    # 20 € flat and three started hours at 12 € (90 + 40 minutes), the default rates.
    assert report.allowance_cents == 2000 + 3 * 1200
    assert session.status == "held"
    assert "report.approve" in actions()


def test_an_approved_report_that_says_it_did_not_take_place_cancels_the_session(
    make_held_session, make_report
):
    session = make_held_session()
    report = make_report(
        session.accepted[0], took_place=False, reason_if_not="Keine Eltern gekommen"
    )
    assert report.parents_reached == 0
    services.approve_report(report)
    assert session.status == "cancelled"
    assert session.status_reason == "Keine Eltern gekommen"
    assert report.allowance_cents == 1200  # the 30 minutes of travel, one started hour


def test_a_returned_report_carries_the_comment_and_goes_back_to_the_queue_when_edited(
    make_held_session, make_report
):
    report = make_report(make_held_session().accepted[0])
    with pytest.raises(LogbookError):
        services.return_report(report, "  ")
    services.return_report(report, "Bitte die Fahrzeit ergänzen.")
    assert report.status == RETURNED
    assert report.review_comment == "Bitte die Fahrzeit ergänzen."
    mail = db.session.scalars(db.select(OutboxMail).order_by(OutboxMail.id)).all()[-1]
    assert "Bitte die Fahrzeit ergänzen." in mail.body_text
    services.update_report(report, travel_minutes=50)
    assert report.status == SUBMITTED
    assert report.travel_minutes == 50


def test_an_approved_report_can_no_longer_be_changed_or_reviewed(make_held_session, make_report):
    report = make_report(make_held_session().accepted[0])
    services.approve_report(report)
    for change in (
        lambda: services.update_report(report, parents_reached=3),
        lambda: services.approve_report(report),
        lambda: services.return_report(report, "zu spät"),
    ):
        with pytest.raises(LogbookError) as refused:
            change()
        assert refused.value.conflict
    assert report.parents_reached == 20


def test_an_activity_is_logged_and_approved_at_its_types_rate(make_moderator):
    moderator = make_moderator()
    activity = services.log_activity(
        moderator,
        type="counselling",
        held_on=local_today() - timedelta(days=1),
        duration_minutes=75,
        languages=[language("tr"), language("ku")],
        people_reached=3,
        notes="Familie mit zwei Kindern",
    )
    assert activity.status == SUBMITTED
    services.approve_activity(activity)
    assert activity.allowance_cents == 1500 + 2 * 1200


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "party"}, "type"),
        ({"held_on": local_today() + timedelta(days=1)}, "date"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 601}, "duration_minutes"),
        ({"people_reached": -1}, "people_reached"),
    ],
)
def test_a_faulty_activity_names_the_field(make_moderator, change, field):
    values = {
        "type": "supervision",
        "held_on": local_today(),
        "duration_minutes": 120,
        "languages": [],
        "people_reached": 0,
    }
    with pytest.raises(LogbookError) as refused:
        services.log_activity(make_moderator(), **(values | change))
    assert refused.value.field == field


# Locks and the review's mail ------------------------------------------------------------


def test_a_review_reads_the_entry_afresh_under_its_lock(make_held_session, make_report):
    """What another request changed meanwhile counts, not what this session held of it."""
    from sqlalchemy import update

    report = make_report(make_held_session().accepted[0])
    db.session.execute(
        update(EventReport).where(EventReport.id == report.id).values(status=APPROVED)
    )  # as another request would, behind this session's back
    with pytest.raises(LogbookError) as refused:
        services.return_report(report, "Bitte ergänzen")
    assert refused.value.conflict


def test_an_entry_loaded_locked_is_neither_locked_nor_read_again(make_held_session, make_report):
    from moderators.logbook import locks
    from tests.conftest import count_queries

    report_id = make_report(make_held_session().accepted[0]).id
    with count_queries() as statements:
        report = locks.report_for_review(report_id)
        services.approve_report(report, "Danke")
    selects = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1, selects  # the locked load; the mail needs nothing more
    db.session.rollback()  # a lock ends with its transaction: the next review locks again
    with count_queries() as statements:
        report = db.session.get(EventReport, report_id)
        with pytest.raises(LogbookError):
            services.approve_report(report)
    assert any("event_report" in sql for sql in statements[1:])


def test_the_review_mail_is_stored_with_the_review_or_not_at_all(
    make_held_session, make_report, monkeypatch
):
    from moderators.notifications import logbook_events

    report = make_report(make_held_session().accepted[0])
    report_id = report.id

    def broken(report):
        raise RuntimeError("template missing")

    monkeypatch.setattr(logbook_events, "report_reviewed", broken)
    with pytest.raises(RuntimeError):
        services.approve_report(report)
    db.session.rollback()
    assert db.session.get(EventReport, report_id).status == SUBMITTED
    assert "report.approve" not in actions()


def test_the_allowance_shown_before_approval_is_the_one_approval_fixes(
    make_held_session, make_report, make_moderator
):
    report = make_report(make_held_session().accepted[0], duration_minutes=100)
    activity = services.log_activity(
        make_moderator(),
        type="network_event",
        held_on=local_today(),
        duration_minutes=61,
    )
    expected = (services.allowance_on_approval(report), services.allowance_on_approval(activity))
    services.approve_report(report)
    services.approve_activity(activity)
    assert (report.allowance_cents, activity.allowance_cents) == expected
