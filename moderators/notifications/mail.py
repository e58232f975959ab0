"""Render and send e-mail; without an SMTP server configured, mails go to the log."""

from flask import current_app, render_template
from flask_babel import force_locale
from flask_mail import Message

from moderators.extensions import mail


def send_mail(to: str, subject, template: str, locale: str | None = None, **context) -> Message:
    """Render templates/notifications/<template>.txt in `locale` and send it to `to`."""
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        message = Message(
            subject=str(subject),
            recipients=[to],
            body=render_template(f"notifications/{template}.txt", **context),
        )
    if current_app.config.get("MAIL_SERVER") or current_app.config.get("TESTING"):
        mail.send(message)
    else:
        current_app.logger.warning("No MAIL_SERVER set; mail to %s:\n%s", to, message.body)
    return message
