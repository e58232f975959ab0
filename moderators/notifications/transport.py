"""Hand stored mails to the SMTP server; without a server configured, write them to the log.

The settings are read when a batch starts, not when the app starts, so that a test (or an
operator) can point the app at another server without building a new app.
"""

import base64
import smtplib

from flask import current_app
from flask_mail import Attachment, Message, email_dispatched

from moderators.notifications.models import OutboxMail

DEFAULT_TIMEOUT = 30  # seconds; a server that does not answer must not block the run for ever


def build_message(mail: OutboxMail) -> Message:
    """The MIME message: text, the HTML alternative if there is one, and the attachments."""
    return Message(
        subject=mail.subject,
        recipients=[mail.recipient],
        body=mail.body_text,
        html=mail.body_html,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
        attachments=[
            Attachment(
                filename=item["filename"],
                content_type=item["content_type"],
                data=base64.b64decode(item["data"]),
            )
            for item in mail.attachments or []
        ],
        # Keeps out-of-office replies and mail loops away (RFC 3834).
        extra_headers={"Auto-Submitted": "auto-generated"},
    )


class Postman:
    """Delivers messages over one SMTP connection, opened when the first message needs it.

    With MAIL_SUPPRESS_SEND (tests) nothing leaves the app, but Flask-Mail's
    `record_messages()` still sees every message; without MAIL_SERVER (development) each
    message is written to the log instead.
    """

    def __init__(self) -> None:
        config = current_app.config
        self.server = config.get("MAIL_SERVER")
        self.port = config.get("MAIL_PORT") or 25
        self.use_tls = config.get("MAIL_USE_TLS", False)
        self.use_ssl = config.get("MAIL_USE_SSL", False)
        self.username = config.get("MAIL_USERNAME")
        self.password = config.get("MAIL_PASSWORD")
        self.timeout = config.get("MAIL_TIMEOUT", DEFAULT_TIMEOUT)
        self.suppress = config.get("MAIL_SUPPRESS_SEND", current_app.testing)
        self._host: smtplib.SMTP | None = None

    def __enter__(self) -> "Postman":
        return self

    def __exit__(self, *exc_info) -> None:
        self._hang_up()

    def deliver(self, message: Message) -> None:
        """Send one message; raises on any failure, so that the caller can try again later."""
        if self.server and not self.suppress:
            try:
                self._connection().sendmail(
                    message.sender, list(message.send_to), message.as_bytes()
                )
            except Exception:
                self._hang_up()  # the next message starts on a fresh connection
                raise
        elif not self.suppress:
            current_app.logger.warning(
                "No MAIL_SERVER set; mail to %s written to the log instead of sent.\n"
                "Subject: %s\n\n%s",
                ", ".join(message.recipients),
                message.subject,
                message.body,
            )
        email_dispatched.send(current_app._get_current_object(), message=message)

    def _connection(self) -> smtplib.SMTP:
        if self._host is None:
            smtp_class = smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP
            host = smtp_class(self.server, self.port, timeout=self.timeout)
            try:
                if self.use_tls and not self.use_ssl:
                    host.starttls()
                if self.username and self.password:
                    host.login(self.username, self.password)
            except Exception:
                host.close()
                raise
            self._host = host
        return self._host

    def _hang_up(self) -> None:
        host, self._host = self._host, None
        if host is None:
            return
        try:
            host.quit()
        except (smtplib.SMTPException, OSError):
            host.close()
