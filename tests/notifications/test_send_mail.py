"""`flask send-mail`: the outbox goes out through SMTP; failures wait and are tried again."""

import logging
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.notifications.models import FAILED, PENDING, SENT, OutboxMail
from moderators.notifications.outbox import queue_mail
from moderators.notifications.sending import claim, claim_due, send_due_mails
from tests.notifications.conftest import free_port, mail_settings


def queue_test_mail(recipient="eltern@example.org", **fields) -> OutboxMail:
    return queue_mail(recipient, "Betreff", "signature", **fields)


def outbox() -> list[OutboxMail]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)))


def make_due(mail: OutboxMail) -> None:
    """As if the back-off had passed."""
    mail.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.session.commit()


def test_a_new_request_reaches_the_coordinators_as_text_and_html(
    app, smtp_server, send_mail, make_user, make_school, make_request
):
    make_user("coordinator", email="koordination@example.org")
    with app.test_request_context():
        make_request(school=make_school("Stadtteilschule am Park"))

    assert send_mail().startswith("1 sent, 0 to retry later, 0 failed")

    (message,) = smtp_server.to("koordination@example.org")
    assert message["Subject"] == "Neue Anfrage: Stadtteilschule am Park, Türkisch"
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Stadtteilschule am Park bittet um eine Informationsveranstaltung" in text
    assert "Sprache: Türkisch" in text
    assert "Montag" in text  # the preferred time, in German
    assert "http://localhost/requests" in text
    assert '<html lang="de" dir="ltr">' in html
    assert 'href="http://localhost/requests/' in html
    (mail,) = outbox()
    assert (mail.status, mail.attempts) == (SENT, 1)
    assert mail.sent_at is not None


def test_a_mail_that_cannot_be_sent_stays_in_the_outbox_for_a_later_attempt(
    closed_port_server, send_mail
):
    queue_test_mail()

    assert send_mail().startswith("0 sent, 1 to retry later, 0 failed")

    (mail,) = outbox()
    assert mail.status == PENDING
    assert mail.attempts == 1
    assert "ConnectionRefusedError" in mail.last_error
    assert utcnow() + timedelta(seconds=50) < mail.next_attempt_at
    assert send_mail().startswith("0 sent, 0 to retry")  # not due again yet
    assert outbox()[0].attempts == 1


def test_the_wait_grows_with_each_failure_and_the_last_attempt_marks_the_mail_failed(
    app, closed_port_server, send_mail
):
    queue_test_mail()
    waits = []
    with mail_settings(app, MAIL_MAX_ATTEMPTS=4):
        for _ in range(4):
            before = utcnow()
            send_mail()
            (mail,) = outbox()
            waits.append(mail.next_attempt_at - before)
            make_due(mail)
    (mail,) = outbox()
    assert mail.status == FAILED
    assert mail.attempts == 4
    assert mail.last_error
    assert [round(wait.total_seconds() / 60) for wait in waits[:3]] == [1, 5, 30]
    send_mail()
    assert outbox()[0].attempts == 4  # a failed mail is kept, and left alone


def test_a_retried_mail_goes_out_once_the_server_answers_again(app, smtp_server, send_mail):
    queue_test_mail("schule@example.org")
    with mail_settings(app, MAIL_PORT=free_port()):
        send_mail()
    make_due(outbox()[0])

    assert send_mail().startswith("1 sent")

    assert len(smtp_server.to("schule@example.org")) == 1
    (mail,) = outbox()
    assert (mail.status, mail.attempts) == (SENT, 2)
    assert "ConnectionRefusedError" in mail.last_error  # the history stays readable


def test_without_a_mail_server_mails_are_written_to_the_log_and_count_as_sent(
    no_smtp_server, send_mail, caplog
):
    queue_test_mail("entwicklung@example.org")
    with caplog.at_level(logging.WARNING):
        assert send_mail().startswith("1 sent")
    assert "entwicklung@example.org" in caplog.text
    assert "Mit freundlichen Grüßen" in caplog.text
    assert outbox()[0].status == SENT


def test_a_claimed_mail_is_not_handed_to_a_second_worker(app):
    mail = queue_test_mail()
    due_at = mail.next_attempt_at

    assert [m.id for m in claim_due(10)] == [mail.id]
    assert claim_due(10) == []
    # Two workers that read the mail at the same moment: only the first claim counts.
    assert claim(mail.id, due_at, utcnow()) is False


def test_two_workers_at_once_send_each_mail_exactly_once(app, smtp_server):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers; the production database is PostgreSQL")
    addresses = [f"eltern{n}@example.org" for n in range(40)]
    for address in addresses:
        queue_test_mail(address)
    summaries = []

    def worker():
        with app.app_context():
            summaries.append(send_due_mails())

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(summary.sent for summary in summaries) == 40
    assert sorted(m["X-Envelope-To"] for m in smtp_server.messages) == sorted(addresses)
    assert {(m.status, m.attempts) for m in outbox()} == {(SENT, 1)}


def test_an_invitation_is_sent_at_once_through_the_outbox(app, smtp_server, make_moderator):
    from moderators.auth.services import invite

    with app.test_request_context():
        _, token = invite("neu@example.org", "moderator", moderator=make_moderator())

    (message,) = smtp_server.to("neu@example.org")
    assert f"/invitations/{token}" in message.get_body(("plain",)).get_content()
    assert f"/invitations/{token}" in message.get_body(("html",)).get_content()
    assert outbox()[0].status == SENT


def test_an_invitation_that_cannot_be_sent_at_once_waits_for_send_mail(
    app, closed_port_server, make_moderator
):
    from moderators.auth.services import invite

    with app.test_request_context():
        invite("neu@example.org", "moderator", moderator=make_moderator())

    (mail,) = outbox()
    assert (mail.recipient, mail.status, mail.attempts) == ("neu@example.org", PENDING, 1)
