"""Mails about requests and sessions, one function per event, each to the people involved.

The scheduling services call these before they commit, inside outbox.batch(): the mails join
the change's transaction, stored with it or not at all, and are rendered from what the service
holds (it loads what they show up front). Every mail goes into the outbox, rendered in its
recipient's language; `flask send-mail` sends it.
"""

from flask import current_app
from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from moderators.common.models import utcnow
from moderators.notifications.facts import COORDINATOR, MODERATOR, SCHOOL
from moderators.notifications.outbox import queue_mail
from moderators.notifications.recipients import (
    Recipient,
    coordinators,
    distinct,
    moderator_recipient,
    school_recipients,
)
from moderators.notifications.urls import external_url, offer_links
from moderators.scheduling.calendar import download_filename, session_ics


class _Day:
    """A session's date for a subject: lazy_gettext formats it only when the subject is made a
    string, which queue_mail does in the recipient's language."""

    def __init__(self, session) -> None:
        self.moment = session.starts_at

    def __str__(self) -> str:
        return format_date(self.moment, "medium")


def _calendar_file(session, recipient: Recipient):
    """The session as an .ics attachment, built in the recipient's language; it tells a school
    (and anyone without an account) only the moderators' first names."""

    def build():
        data = session_ics(session, for_user=recipient.user)
        return [(download_filename(session), "text/calendar", data)]

    return build


def _own_page(recipient: Recipient, endpoint: str) -> str | None:
    """A link to the recipient's own page, if they have an account to open it with."""
    return external_url(endpoint) if recipient.user is not None else None


def _send(recipient: Recipient, subject, template: str, **context) -> None:
    """Queue one mail; `context` also takes queue_mail's dedupe_key and attachments."""
    queue_mail(recipient.address, subject, template, recipient.locale, **context)


def request_received(request) -> None:
    request_url = external_url("scheduling.request", request_id=request.id)
    queue_url = external_url("scheduling.queue")
    for recipient in coordinators():
        _send(
            recipient,
            # Language turns into its name in the recipient's language when the subject does.
            _l(
                "Neue Anfrage: %(school)s, %(language)s",
                school=request.school.name,
                language=request.language,
            ),
            "request_received",
            request=request,
            audience=COORDINATOR,
            request_url=request_url,
            queue_url=queue_url,
        )


def request_unfilled(request) -> None:
    for recipient in school_recipients(request.school):
        _send(
            recipient,
            _l("Ihre Anfrage konnte nicht besetzt werden"),
            "request_unfilled",
            request=request,
            audience=SCHOOL,
        )


def offer_made(assignment) -> None:
    session = assignment.session
    recipient = moderator_recipient(assignment.moderator)
    _send(
        recipient,
        _l("Angebot: Informationsveranstaltung am %(date)s", date=_Day(session)),
        "offer",
        assignment=assignment,
        session=session,
        audience=MODERATOR,
        links=offer_links(assignment),
        links_valid_until=utcnow() + current_app.config["OFFER_LINK_MAX_AGE"],
        own_page=_own_page(recipient, "moderator_sessions.index"),
    )


def offer_declined(assignment) -> None:
    session = assignment.session
    session_url = external_url("scheduling.session", session_id=session.id)
    for recipient in coordinators():
        _send(
            recipient,
            _l(
                "Angebot abgelehnt: %(name)s, %(date)s",
                name=assignment.moderator.full_name,
                date=_Day(session),
            ),
            "offer_declined",
            assignment=assignment,
            session=session,
            audience=COORDINATOR,
            session_url=session_url,
        )


def offer_withdrawn(assignment) -> None:
    session = assignment.session
    _send(
        moderator_recipient(assignment.moderator),
        _l("Angebot zurückgezogen: Informationsveranstaltung am %(date)s", date=_Day(session)),
        "offer_withdrawn",
        assignment=assignment,
        session=session,
        audience=MODERATOR,
    )


def session_confirmed(assignment) -> None:
    """To the moderator who was booked and to the school, each with the .ics attached."""
    session = assignment.session
    subject = _l("Bestätigt: Informationsveranstaltung am %(date)s", date=_Day(session))
    moderator = moderator_recipient(assignment.moderator)
    _send(
        moderator,
        subject,
        "confirmed_moderator",
        attachments=_calendar_file(session, moderator),
        assignment=assignment,
        session=session,
        audience=MODERATOR,
        own_page=_own_page(moderator, "moderator_sessions.index"),
    )
    for recipient in school_recipients(session.school):
        _send(
            recipient,
            subject,
            "confirmed_school",
            attachments=_calendar_file(session, recipient),
            assignment=assignment,
            session=session,
            audience=SCHOOL,
            own_page=_own_page(recipient, "school_requests.sessions"),
        )


def session_changed(session, reason: str = "") -> None:
    """To the booked and the offered moderators and the school, with the new calendar entry."""
    concerned = [a for a in session.assignments if a.status in ("accepted", "offered")]
    for recipient, audience in _involved(session, concerned):
        _send(
            recipient,
            _l("Geändert: Informationsveranstaltung am %(date)s", date=_Day(session)),
            "session_changed",
            attachments=_calendar_file(session, recipient),
            session=session,
            audience=audience,
            reason=reason,
        )


def session_cancelled(session, informed) -> None:
    """To the moderators who had been offered or booked (`informed`) and to the school."""
    for recipient, audience in _involved(session, informed):
        _send(
            recipient,
            _l("Abgesagt: Informationsveranstaltung am %(date)s", date=_Day(session)),
            "session_cancelled",
            session=session,
            audience=audience,
            reason=session.status_reason,
        )


def session_reminder(session, assignments, dedupe_key) -> None:
    """The reminder before a session: to each moderator of `assignments`, and to the school.

    `dedupe_key(kind, object_id, recipient)` names each mail, so that nobody gets the same
    reminder twice (see reminders.queue_due_reminders).
    """
    subject = _l("Erinnerung: Informationsveranstaltung am %(date)s", date=_Day(session))
    for assignment in assignments:
        recipient = moderator_recipient(assignment.moderator)
        _send(
            recipient,
            subject,
            "reminder",
            dedupe_key=dedupe_key("assignment", assignment.id, recipient),
            session=session,
            audience=MODERATOR,
        )
    for recipient in distinct(school_recipients(session.school)):
        _send(
            recipient,
            subject,
            "reminder",
            dedupe_key=dedupe_key("session", session.id, recipient),
            session=session,
            audience=SCHOOL,
        )


def _involved(session, assignments) -> list[tuple[Recipient, str]]:
    """The moderators of `assignments` and the school, each address once."""
    moderators = distinct([moderator_recipient(a.moderator) for a in assignments])
    schools = distinct(school_recipients(session.school))
    return [(r, MODERATOR) for r in moderators] + [(r, SCHOOL) for r in schools]
