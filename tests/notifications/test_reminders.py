"""`flask send-reminders`: a reminder two days before, and never the same one twice."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.notifications.models import OutboxMail
from moderators.notifications.reminders import queue_due_reminders
from moderators.scheduling import services, session_changes


def reminders() -> list[OutboxMail]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(OutboxMail)
            .where(
                OutboxMail.subject.startswith("Erinnerung")
                | OutboxMail.subject.startswith("Reminder")
            )
            .order_by(OutboxMail.id)
        )
    )


@pytest.fixture
def booked(app, make_session, make_school, make_moderator):
    """A session with Ayşe booked, starting `hours` from now at Schule am Park."""

    def make(hours: float, moderator=None):
        school = make_school("Schule am Park", contact_email="sekretariat@park.example")
        session = make_session(starts_at=utcnow() + timedelta(hours=hours), school=school)
        moderator = moderator or make_moderator(first_name="Ayşe", email="ayse@example.org")
        with app.test_request_context():
            services.add_assignment(session, moderator, "assign")
        return session

    return make


def send_reminders(app) -> str:
    result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.exception or result.output
    return result.output


def test_running_twice_reminds_each_person_once(app, booked, smtp_server, send_mail):
    booked(hours=30)

    assert send_reminders(app).startswith("1 assignment(s) reminded")
    assert send_reminders(app).startswith("0 assignment(s) reminded")
    send_mail()

    for address in ("ayse@example.org", "sekretariat@park.example"):
        (message,) = [m for m in smtp_server.to(address) if m["Subject"].startswith("Erinnerung")]
        assert (
            "zur Erinnerung: Ihre Informationsveranstaltung steht bevor."
            in message.get_body(("plain",)).get_content()
        )
    school_text = smtp_server.to("sekretariat@park.example")[-1].get_body(("plain",)).get_content()
    assert "Moderiert von: Ayşe" in school_text
    assert "ayse@example.org" not in school_text
    assert "Bitte erinnern Sie die Eltern noch einmal an den Termin." in school_text


def test_only_booked_sessions_of_the_next_two_days_are_reminded(
    app, booked, make_session, make_moderator
):
    booked(hours=49)  # too early
    offered_only = make_session(starts_at=utcnow() + timedelta(hours=20))
    with app.test_request_context():
        services.add_assignment(offered_only, make_moderator(), "offer")
        cancelled = booked(hours=20)
        session_changes.cancel_session(cancelled, "Ausgefallen")

    assert queue_due_reminders() == 0
    assert reminders() == []
    assert queue_due_reminders(now=utcnow() + timedelta(hours=2)) == 1  # the first one is due


def test_one_school_reminder_for_a_session_with_two_moderators(app, booked, make_moderator):
    session = booked(hours=30)
    session.moderators_needed = 2
    db.session.commit()
    with app.test_request_context():
        services.add_assignment(session, make_moderator(email="zweite@example.org"), "assign")

    assert queue_due_reminders() == 2
    assert sorted(m.recipient for m in reminders()) == [
        "ayse@example.org",
        "sekretariat@park.example",
        "zweite@example.org",
    ]


def test_a_session_moved_after_its_reminder_is_reminded_of_again_for_the_new_date(app, booked):
    session = booked(hours=30)
    queue_due_reminders()
    new_start = session.starts_at + timedelta(days=7)
    with app.test_request_context():
        session_changes.reschedule(session, new_start, reason="Raum belegt")

    assert queue_due_reminders() == 0
    assert queue_due_reminders(now=new_start - timedelta(hours=40)) == 1
    assert queue_due_reminders(now=new_start - timedelta(hours=39)) == 0
    assert [m.recipient for m in reminders()] == [
        "ayse@example.org",
        "sekretariat@park.example",
    ] * 2


def test_a_reminder_is_written_in_the_recipients_language(app, booked, make_user, make_moderator):
    moderator = make_moderator(first_name="Ayşe", email="ayse@example.org")
    make_user("moderator", email="ayse@konto.example", moderator=moderator, locale="en")
    booked(hours=30, moderator=moderator)

    queue_due_reminders()

    (english,) = [m for m in reminders() if m.recipient == "ayse@konto.example"]
    assert english.body_text.startswith("Hello,")
    assert "Turkish" in english.body_text
