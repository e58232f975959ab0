"""Mails about requests and sessions, one function per event, each to the people involved."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from moderators.auth.models import COORDINATOR, User
from moderators.extensions import db
from moderators.notifications.outbox import queue_mail


def _coordinators() -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.role == COORDINATOR, User.active.is_(True)))
    )


def _moderator_address(moderator) -> tuple[str, str | None]:
    user = moderator.user
    if user is not None and user.is_active:
        return user.email, user.locale
    return moderator.email, None


def _school_addresses(school) -> list[tuple[str, str | None]]:
    if school is None:
        return []
    users = [(u.email, u.locale) for u in school.users if u.is_active]
    return users or ([(school.contact_email, None)] if school.contact_email else [])


def request_received(request) -> None:
    for user in _coordinators():
        queue_mail(
            user.email,
            _l("Neue Anfrage einer Schule"),
            "request_received",
            user.locale,
            request=request,
        )


def request_unfilled(request) -> None:
    for address, locale in _school_addresses(request.school):
        queue_mail(
            address,
            _l("Ihre Anfrage konnte nicht besetzt werden"),
            "request_unfilled",
            locale,
            request=request,
        )


def offer_made(assignment) -> None:
    address, locale = _moderator_address(assignment.moderator)
    queue_mail(
        address,
        _l("Angebot: Informationsveranstaltung"),
        "offer",
        locale,
        assignment=assignment,
        session=assignment.session,
    )


def offer_declined(assignment) -> None:
    for user in _coordinators():
        queue_mail(
            user.email,
            _l("Angebot abgelehnt"),
            "offer_declined",
            user.locale,
            assignment=assignment,
            session=assignment.session,
        )


def offer_withdrawn(assignment) -> None:
    address, locale = _moderator_address(assignment.moderator)
    queue_mail(
        address,
        _l("Angebot zurückgezogen"),
        "offer_withdrawn",
        locale,
        assignment=assignment,
        session=assignment.session,
    )


def session_confirmed(assignment) -> None:
    session = assignment.session
    address, locale = _moderator_address(assignment.moderator)
    queue_mail(
        address,
        _l("Bestätigt: Informationsveranstaltung"),
        "confirmed_moderator",
        locale,
        assignment=assignment,
        session=session,
    )
    for address, locale in _school_addresses(session.school):
        queue_mail(
            address,
            _l("Bestätigt: Informationsveranstaltung"),
            "confirmed_school",
            locale,
            assignment=assignment,
            session=session,
        )


def session_changed(session, reason: str = "") -> None:
    for address, locale in _involved(session):
        queue_mail(
            address,
            _l("Geänderte Informationsveranstaltung"),
            "session_changed",
            locale,
            session=session,
            reason=reason,
        )


def session_cancelled(session, informed) -> None:
    addresses = [_moderator_address(a.moderator) for a in informed]
    for address, locale in addresses + _school_addresses(session.school):
        queue_mail(
            address,
            _l("Abgesagt: Informationsveranstaltung"),
            "session_cancelled",
            locale,
            session=session,
            reason=session.status_reason,
        )


def _involved(session) -> list[tuple[str, str | None]]:
    moderators = [_moderator_address(a.moderator) for a in session.accepted]
    return moderators + _school_addresses(session.school)
