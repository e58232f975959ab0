"""A real SMTP server on 127.0.0.1 for the mail tests, and the app pointed at it."""

import email
import socket
from contextlib import contextmanager
from email import policy

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """An aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in m["X-Envelope-To"].split(", ")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def mail_settings(app, **settings):
    """Change MAIL_* settings for one test; the app is shared by the whole session."""
    missing = object()
    before = {key: app.config.get(key, missing) for key in settings}
    app.config.update(settings)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is missing:
                del app.config[key]
            else:
                app.config[key] = value


@pytest.fixture
def smtp_server(app):
    """Start an SMTP server on a free port and send the app's mail to it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with mail_settings(
            app,
            MAIL_SERVER="127.0.0.1",
            MAIL_PORT=controller.port,
            MAIL_USE_TLS=False,
            MAIL_USE_SSL=False,
            MAIL_SUPPRESS_SEND=False,
        ):
            yield inbox
    finally:
        controller.stop()


@pytest.fixture
def no_smtp_server(app):
    """Development: no MAIL_SERVER, so mails go to the log."""
    with mail_settings(app, MAIL_SERVER=None, MAIL_SUPPRESS_SEND=False):
        yield


@pytest.fixture
def closed_port_server(app):
    """A MAIL_SERVER that refuses every connection."""
    with mail_settings(
        app,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=free_port(),
        MAIL_USE_TLS=False,
        MAIL_USE_SSL=False,
        MAIL_SUPPRESS_SEND=False,
    ):
        yield


@pytest.fixture
def send_mail(app):
    """Run `flask send-mail` and return its output."""

    def run() -> str:
        result = app.test_cli_runner().invoke(args=["send-mail"])
        assert result.exit_code == 0, result.exception or result.output
        return result.output

    return run
