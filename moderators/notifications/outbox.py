"""Put mails into the outbox, rendered in the recipient's language."""

import base64
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import current_app, render_template
from flask_babel import force_locale
from jinja2 import TemplateNotFound
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from moderators.common.batches import collecting
from moderators.extensions import db
from moderators.notifications import facts
from moderators.notifications.models import OutboxMail

# (filename, content type, content)
Attachment = tuple[str, str, bytes]
# What every mail template may call; each runs while the template renders, in its language.
TEMPLATE_HELPERS = {
    "request_facts": facts.request_facts,
    "session_facts": facts.session_facts,
}
# The rows of the mails queued inside batch(), while one is open.
_batch: ContextVar[list[dict] | None] = ContextVar("outbox_batch", default=None)


def queue_mail(
    recipient: str,
    subject,
    template: str,
    locale: str | None = None,
    dedupe_key: str | None = None,
    attachments: Iterable[Attachment] | Callable[[], Iterable[Attachment]] = (),
    **context,
) -> OutboxMail | None:
    """Store a mail for `flask send-mail`; with a dedupe key already used, store nothing.

    templates/notifications/<template>.txt is the text part, <template>.html (if there is one)
    the HTML part; both are rendered in `locale`, default German, with `subject` and the
    TEMPLATE_HELPERS in their context. The subject (a string or a lazy string) is made a string
    in that language too, and `attachments` may be a function without arguments, called in that
    language. Commits, like the services that call it; inside batch(), the mail is stored with
    the others of the batch instead, in the caller's transaction (and nothing is returned).
    """
    if not recipient:
        return None
    batch = _batch.get()
    if dedupe_key and batch is not None:
        raise ValueError("a mail with a dedupe key is committed on its own, not in a batch")
    if dedupe_key and _already_queued(dedupe_key):
        return None
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = str(subject)
        context = {**TEMPLATE_HELPERS, "subject": subject, **context}
        files = attachments() if callable(attachments) else attachments
        values = {
            "recipient": recipient,
            "subject": subject,
            "body_text": render_template(f"notifications/{template}.txt", **context),
            "body_html": _render_optional(f"notifications/{template}.html", **context),
            "attachments": [
                {"filename": name, "content_type": kind, "data": base64.b64encode(data).decode()}
                for name, kind, data in files
            ],
        }
    if batch is not None:
        batch.append(values)
        return None
    mail = OutboxMail(**values, dedupe_key=dedupe_key)
    db.session.add(mail)
    try:
        db.session.commit()
    except IntegrityError:
        # Another worker queued the same mail a moment ago: it is stored once, as intended.
        db.session.rollback()
        if dedupe_key and _already_queued(dedupe_key):
            return None
        raise
    return mail


@contextmanager
def batch() -> Iterator[None]:
    """Mails queued inside the block join the caller's transaction, all in one INSERT when the
    block ends: a change and the mails that tell of it are stored together, or not at all (the
    caller commits). A block left by an exception stores none of them."""
    with collecting(_batch) as rows:
        yield
    if rows:
        db.session.execute(insert(OutboxMail), rows)


def _already_queued(dedupe_key: str) -> bool:
    return (
        db.session.scalar(select(OutboxMail.id).where(OutboxMail.dedupe_key == dedupe_key))
        is not None
    )


def _render_optional(template: str, **context) -> str | None:
    try:
        current_app.jinja_env.get_template(template)
    except TemplateNotFound:
        return None
    return render_template(template, **context)
