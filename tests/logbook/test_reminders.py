"""Reminders of overdue reports: one mail per moderator, once, listing every missing report."""

from datetime import timedelta

import pytest
from flask import url_for
from sqlalchemy import select

from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.logbook.models import ReportReminder
from moderators.logbook.reminders import queue_report_reminders
from moderators.notifications.models import OutboxMail
from moderators.scheduling import session_changes
from moderators.scheduling.models import WITHDRAWN
from tests.conftest import count_queries

SUBJECT = "Erinnerung: Berichte zu Ihren Veranstaltungen fehlen"


def report_reminders() -> list[OutboxMail]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(OutboxMail).where(OutboxMail.subject == SUBJECT).order_by(OutboxMail.id)
        )
    )


def long_date(days_ago: int) -> str:
    """The session's date as the German mail writes it, e.g. "Montag, 17. November 2025"."""
    from flask_babel import format_date

    return format_date(local_today() - timedelta(days=days_ago), "full")


@pytest.fixture
def ayse(make_moderator):
    return make_moderator(first_name="Ayşe", email="ayse@example.org")


def test_a_report_overdue_for_eight_days_brings_one_mail_listing_the_session(
    app, make_held_session, ayse
):
    make_held_session(
        days_ago=8, moderators=[ayse], venue_name="Schule am Park", venue_address="Parkweg 3"
    )

    with app.test_request_context():
        assert queue_report_reminders() == 1

    (mail,) = report_reminders()
    assert mail.recipient == "ayse@example.org"
    for body in (mail.body_text, mail.body_html):
        assert "zu dieser Veranstaltung fehlt noch Ihr Bericht:" in body
        assert long_date(8) in body
        assert "17:00–18:30 Uhr" in body
        assert "Schule am Park, Parkweg 3" in body
        assert "Türkisch" in body
    with app.test_request_context():
        assert url_for("logbook.index", _external=True) in mail.body_text


def test_a_session_six_days_ago_is_not_overdue_yet(make_held_session, ayse):
    make_held_session(days_ago=6, moderators=[ayse])
    assert queue_report_reminders() == 0
    assert report_reminders() == []


def test_a_session_with_a_report_is_not_reminded_of(make_held_session, make_report, ayse):
    session = make_held_session(days_ago=10, moderators=[ayse])
    make_report(session.accepted[0])
    assert queue_report_reminders() == 0
    assert report_reminders() == []


def test_a_second_run_sends_nothing(make_held_session, ayse):
    make_held_session(days_ago=8, moderators=[ayse])
    assert queue_report_reminders() == 1
    assert queue_report_reminders() == 0
    assert len(report_reminders()) == 1
    assert db.session.scalars(select(ReportReminder)).one().sent_at is not None


def test_cancelled_sessions_and_withdrawn_assignments_are_not_reminded_of(
    app, make_held_session, make_moderator, ayse
):
    cancelled = make_held_session(days_ago=9, moderators=[ayse])
    with app.test_request_context():
        session_changes.cancel_session(cancelled, "Schule hat abgesagt")
    withdrawn = make_held_session(days_ago=12, moderators=[make_moderator()])
    withdrawn.accepted[0].status = WITHDRAWN
    db.session.commit()

    assert queue_report_reminders() == 0
    assert report_reminders() == []


def test_two_overdue_sessions_come_in_one_mail(make_held_session, ayse):
    make_held_session(days_ago=8, moderators=[ayse], venue_name="Schule am Park")
    make_held_session(days_ago=15, moderators=[ayse], venue_name="Kita Sonnenschein")

    assert queue_report_reminders() == 1

    (mail,) = report_reminders()
    text = mail.body_text
    assert "zu diesen Veranstaltungen fehlen noch Ihre Berichte:" in text
    # the older first
    assert text.index(long_date(15)) < text.index(long_date(8))
    assert "Kita Sonnenschein" in text and "Schule am Park" in text


def test_a_session_overdue_later_brings_a_new_mail_that_lists_what_is_still_missing(
    make_held_session, ayse
):
    make_held_session(days_ago=20, moderators=[ayse], venue_name="Schule am Park")
    assert queue_report_reminders() == 1
    make_held_session(days_ago=8, moderators=[ayse], venue_name="Kita Sonnenschein")

    assert queue_report_reminders() == 1
    assert queue_report_reminders() == 0

    first, second = report_reminders()
    assert "Kita Sonnenschein" not in first.body_text
    assert "Kita Sonnenschein" in second.body_text and "Schule am Park" in second.body_text


def test_moderators_without_an_address_are_skipped_and_others_still_reminded(
    make_held_session, make_moderator, ayse
):
    make_held_session(days_ago=8, moderators=[make_moderator(email="")])
    make_held_session(days_ago=9, moderators=[ayse])

    assert queue_report_reminders() == 1
    assert [mail.recipient for mail in report_reminders()] == ["ayse@example.org"]


def test_the_mail_is_written_in_the_moderators_language(make_held_session, make_user, ayse):
    make_user("moderator", email="ayse.account@example.org", moderator=ayse, locale="en")
    make_held_session(days_ago=8, moderators=[ayse])

    assert queue_report_reminders() == 1

    mail = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id.desc())).first()
    assert mail.recipient == "ayse.account@example.org"
    assert "Turkish" in mail.body_text
    weekday = (local_today() - timedelta(days=8)).strftime("%A")
    assert weekday in mail.body_text  # e.g. "Monday, November 17, 2025"


def test_the_queries_do_not_grow_with_the_number_of_overdue_sessions(
    make_held_session, make_moderator, make_user
):
    def reads(moderators: int) -> int:
        for _ in range(moderators):
            moderator = make_moderator()
            make_user("moderator", moderator=moderator)
            for days_ago in (8, 9, 10):
                make_held_session(days_ago=days_ago, moderators=[moderator])
        with count_queries() as queries:
            assert queue_report_reminders() == moderators
        # each mail asks whether its dedupe key was used, and writes; nothing else may grow
        return sum(
            q.lstrip().upper().startswith("SELECT") and "outbox_mail" not in q for q in queries
        )

    assert reads(1) == reads(4)


def test_send_reminders_prints_both_counts(app, make_held_session, ayse):
    make_held_session(days_ago=8, moderators=[ayse])

    result = app.test_cli_runner().invoke(args=["send-reminders"])

    assert result.exit_code == 0, result.exception or result.output
    assert result.output.startswith("0 assignment(s) reminded")
    assert "1 moderator(s) reminded of overdue reports." in result.output
    assert len(report_reminders()) == 1
    result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert "0 moderator(s) reminded of overdue reports." in result.output
