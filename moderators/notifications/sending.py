"""Send what the outbox holds: claim due mails, deliver them, retry failures with back-off."""

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.notifications.models import FAILED, PENDING, SENT, OutboxMail
from moderators.notifications.transport import Postman, build_message

# Wait after the 1st, 2nd, 3rd, ... failed attempt; the last step repeats.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
DEFAULT_MAX_ATTEMPTS = 8
# A claimed mail is due again after this long, should its worker die before it is done.
CLAIM_FOR = timedelta(minutes=30)
BATCH_SIZE = 20


@dataclass
class SendSummary:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.retrying} to retry later, {self.failed} failed for good."


def backoff(attempts: int) -> timedelta:
    """The wait after `attempts` failed attempts."""
    return BACKOFF[min(attempts, len(BACKOFF)) - 1]


def max_attempts() -> int:
    return int(current_app.config.get("MAIL_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS))


def send_due_mails() -> SendSummary:
    """Send every pending mail that is due, in batches, until none is left.

    Two workers may run this at once: each mail is claimed before it is sent (see claim_due),
    so nobody gets the same mail twice from two workers.
    """
    summary = SendSummary()
    with Postman() as postman:
        while batch := claim_due(BATCH_SIZE):
            for mail in batch:
                _count(summary, deliver(mail, postman))
    return summary


def send_now(mail: OutboxMail | None) -> None:
    """Try to send one queued mail at once (a person is waiting for it); if that fails, it
    stays in the outbox and `flask send-mail` tries again."""
    if mail is None or not claim(mail.id, mail.next_attempt_at, utcnow()):
        return
    db.session.commit()
    with Postman() as postman:
        deliver(db.session.get(OutboxMail, mail.id), postman)


def claim_due(limit: int) -> list[OutboxMail]:
    """Take up to `limit` due mails for this worker by moving their next attempt into the
    future, so that no other worker takes them meanwhile.

    PostgreSQL skips rows another worker has locked (FOR UPDATE SKIP LOCKED); on SQLite, which
    ignores FOR UPDATE, the conditional UPDATE in claim() decides which worker wins a row.
    """
    now = utcnow()
    due = db.session.execute(
        select(OutboxMail.id, OutboxMail.next_attempt_at)
        .where(OutboxMail.status == PENDING, OutboxMail.next_attempt_at <= now)
        .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    claimed = [mail_id for mail_id, due_at in due if claim(mail_id, due_at, now)]
    db.session.commit()
    return [db.session.get(OutboxMail, mail_id) for mail_id in claimed]


def claim(mail_id: int, due_at, now) -> bool:
    """Move one mail's next attempt on, if nobody did since it was read as due at `due_at`."""
    result = db.session.execute(
        update(OutboxMail)
        .where(
            OutboxMail.id == mail_id,
            OutboxMail.status == PENDING,
            OutboxMail.next_attempt_at == due_at,
        )
        .values(next_attempt_at=now + CLAIM_FOR)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def deliver(mail: OutboxMail, postman: Postman) -> str:
    """Send one claimed mail and record the outcome; returns its new status."""
    mail.attempts += 1
    try:
        postman.deliver(build_message(mail))
    except Exception as error:  # whatever went wrong, the mail stays and is tried again
        mail.last_error = f"{type(error).__name__}: {error}"[:1000]
        if mail.attempts >= max_attempts():
            mail.status = FAILED
            current_app.logger.error(
                "Mail %s to %s failed for good after %s attempts: %s",
                mail.id,
                mail.recipient,
                mail.attempts,
                mail.last_error,
            )
        else:
            mail.next_attempt_at = utcnow() + backoff(mail.attempts)
            current_app.logger.warning(
                "Mail %s to %s not sent (attempt %s), retry at %s: %s",
                mail.id,
                mail.recipient,
                mail.attempts,
                mail.next_attempt_at.isoformat(timespec="seconds"),
                mail.last_error,
            )
    else:
        mail.status = SENT
        mail.sent_at = utcnow()
    db.session.commit()
    return mail.status


def _count(summary: SendSummary, status: str) -> None:
    if status == SENT:
        summary.sent += 1
    elif status == FAILED:
        summary.failed += 1
    else:
        summary.retrying += 1
