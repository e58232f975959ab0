"""Mails queued in a batch join the change's transaction: stored together in one statement, or
not at all; and a changed session's calendar file still counts the change."""

import base64
import re
from datetime import timedelta

import pytest

from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.notifications.models import OutboxMail
from moderators.notifications.outbox import batch, queue_mail
from moderators.scheduling import services, session_changes
from moderators.scheduling.models import InfoSession
from tests.conftest import count_queries


def outbox() -> list[str]:
    return list(db.session.scalars(db.select(OutboxMail.recipient).order_by(OutboxMail.id)))


def test_a_batch_stores_its_mails_in_one_statement_without_committing(app):
    with app.test_request_context(), count_queries() as statements, batch():
        for n in range(3):
            assert queue_mail(f"eltern{n}@example.org", "Betreff", "signature") is None
    assert len(statements) == 1 and statements[0].startswith("INSERT INTO outbox_mail")
    db.session.rollback()  # nothing was committed: the caller decides
    assert outbox() == []


def test_a_batch_left_by_an_error_stores_nothing(app):
    with app.test_request_context(), pytest.raises(RuntimeError), batch():
        queue_mail("eltern@example.org", "Betreff", "signature")
        raise RuntimeError("the change failed")
    db.session.commit()
    assert outbox() == []


def test_a_mail_with_a_dedupe_key_is_not_batched(app):
    with app.test_request_context(), pytest.raises(ValueError), batch():
        queue_mail("eltern@example.org", "Betreff", "signature", dedupe_key="einmal")


def test_outside_a_batch_a_mail_is_committed_at_once(app):
    with app.test_request_context():
        mail = queue_mail("eltern@example.org", "Betreff", "signature")
    db.session.rollback()
    assert mail is not None and outbox() == ["eltern@example.org"]


def test_the_mail_about_a_move_carries_the_moved_sessions_last_change(
    app, make_session, make_moderator
):
    session = make_session()
    moderator = make_moderator(email="gebucht@example.org")
    services.add_assignment(session, moderator, "assign")
    session.updated_at -= timedelta(days=3)  # changed long ago: the move must show as new
    db.session.commit()
    with app.test_request_context():
        session_changes.reschedule(
            session, session.starts_at + timedelta(days=7), reason="Raum belegt"
        )
    session_id = db.session.get(InfoSession, session.id).id
    db.session.remove()
    stored = db.session.get(InfoSession, session_id).updated_at
    mail = db.session.scalars(
        db.select(OutboxMail)
        .where(OutboxMail.recipient == "gebucht@example.org")
        .order_by(OutboxMail.id.desc())
    ).first()
    assert mail.subject.startswith("Geändert")
    ics = base64.b64decode(mail.attachments[0]["data"]).decode()
    modified = re.search(r"LAST-MODIFIED:(\S+)", ics).group(1)
    assert modified == stored.strftime("%Y%m%dT%H%M%SZ")
    assert stored > utcnow() - timedelta(minutes=1)
