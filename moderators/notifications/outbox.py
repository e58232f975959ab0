"""Put mails into the outbox, rendered in the recipient's language."""

import base64

from flask import current_app, render_template
from flask_babel import force_locale
from jinja2 import TemplateNotFound
from sqlalchemy import select

from moderators.extensions import db
from moderators.notifications.models import OutboxMail


def queue_mail(
    recipient: str,
    subject,
    template: str,
    locale: str | None = None,
    dedupe_key: str | None = None,
    attachments=(),
    **context,
) -> OutboxMail | None:
    """Store a mail for `flask send-mail`; with a dedupe key already used, store nothing.

    templates/notifications/<template>.txt is the text part, <template>.html (if there is one)
    the HTML part; both are rendered in `locale`, default German.
    """
    if not recipient:
        return None
    if dedupe_key and db.session.scalar(
        select(OutboxMail.id).where(OutboxMail.dedupe_key == dedupe_key)
    ):
        return None
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        mail = OutboxMail(
            recipient=recipient,
            subject=str(subject),
            body_text=render_template(f"notifications/{template}.txt", **context),
            body_html=_render_optional(f"notifications/{template}.html", **context),
            attachments=[
                {"filename": name, "content_type": kind, "data": base64.b64encode(data).decode()}
                for name, kind, data in attachments
            ],
            dedupe_key=dedupe_key,
        )
    db.session.add(mail)
    db.session.commit()
    return mail


def _render_optional(template: str, **context) -> str | None:
    try:
        return render_template(template, **context)
    except TemplateNotFound:
        return None
