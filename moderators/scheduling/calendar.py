"""iCalendar files: one session as a download, a user's sessions as a subscribed feed.

Text is written in the reader's language (the caller picks the locale; feeds use the owner's
saved UI language, German when there is none). Times are local Hamburg times with a TZID and
a VTIMEZONE, so calendar apps show 18:00 as 18:00 on either side of a clock change.

SEQUENCE counts the minutes from SEQUENCE_EPOCH to the session's last change (updated_at):
it grows with every change, which is all RFC 5545 asks of it, without a counter column.
"""

from datetime import UTC, datetime, timedelta

from flask_babel import gettext as _
from icalendar import Calendar, Event, vDuration
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload, selectinload

from moderators.auth.models import COORDINATOR, MODERATOR, SCHOOL
from moderators.common.models import utcnow
from moderators.common.timezone import app_timezone, to_local
from moderators.extensions import db
from moderators.scheduling.models import ACCEPTED, CANCELLED, WITHDRAWN, Assignment, InfoSession

PRODID = "-//Elternmoderation Hamburg//Moderators//DE"
UID_DOMAIN = "elternmoderation-hamburg"
SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
FEED_PAST = timedelta(days=90)  # a feed shows the last 90 days and everything ahead
FEED_REFRESH = timedelta(hours=1)


def session_uid(session: InfoSession) -> str:
    """Stable across changes and copies, so a calendar app updates the event it already has."""
    return f"session-{session.id}@{UID_DOMAIN}"


def session_sequence(session: InfoSession) -> int:
    changed = session.updated_at or session.created_at or SEQUENCE_EPOCH
    return max(0, int((changed - SEQUENCE_EPOCH).total_seconds() // 60))


def session_ics(session: InfoSession, for_user=None) -> bytes:
    """One session as an .ics file to import; `for_user` decides how much it tells."""
    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    calendar.add_component(_event(session, _tells_full_names(for_user), utcnow()))
    return _finish(calendar, [session])


def feed_ics(sessions: list[InfoSession], name: str, for_user=None) -> bytes:
    """A subscribed calendar: every session as an event, cancelled ones as STATUS:CANCELLED."""
    calendar = _calendar()
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("x-wr-timezone", app_timezone().key)
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(FEED_REFRESH))
    full_names, now = _tells_full_names(for_user), utcnow()
    for session in sessions:
        calendar.add_component(_event(session, full_names, now))
    return _finish(calendar, sessions)


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar


def _finish(calendar: Calendar, sessions: list[InfoSession]) -> bytes:
    """Add the VTIMEZONE the events refer to, covering just the years they span."""
    if sessions:
        first = min(to_local(s.starts_at).date() for s in sessions)
        last = max(to_local(s.ends_at).date() for s in sessions)
        calendar.add_missing_timezones(
            first.replace(month=1, day=1), last.replace(year=last.year + 1, month=1, day=1)
        )
    return calendar.to_ical()


def _tells_full_names(user) -> bool:
    """Staff see who moderates; a school (or a copy for nobody in particular) sees first names."""
    return user is not None and user.role in (COORDINATOR, MODERATOR)


def public_session_ics(session: InfoSession) -> bytes:
    """A public session for parents: what, when and where, and nobody's name."""
    calendar = _calendar()
    calendar.add_component(_event(session, False, utcnow(), for_public=True))
    return _finish(calendar, [session])


def _event(session: InfoSession, full_names: bool, now: datetime, for_public=False) -> Event:
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", now)
    event.add("created", session.created_at)
    event.add("last-modified", session.updated_at)
    event.add("sequence", session_sequence(session))
    event.add("dtstart", to_local(session.starts_at))
    event.add("dtend", to_local(session.ends_at))
    event.add("summary", _summary(session))
    location = ", ".join(part for part in (session.venue_name, session.venue_address) if part)
    if location:
        event.add("location", location)
    event.add("description", "\n".join(_description(session, full_names, for_public)))
    event.add("status", "CANCELLED" if session.status == CANCELLED else "CONFIRMED")
    return event


def _summary(session: InfoSession) -> str:
    topic, language = session.topic.name, session.language.name
    if session.venue_name:
        # i18n: title of a calendar event, e.g. "Schulsystem in Hamburg auf Türkisch – Schule X"
        summary = _(
            "%(topic)s auf %(language)s – %(venue)s",
            topic=topic,
            language=language,
            venue=session.venue_name,
        )
    else:
        summary = _("%(topic)s auf %(language)s", topic=topic, language=language)
    if session.status == CANCELLED:
        # i18n: prefix of a calendar event's title when the session is cancelled
        summary = _("Abgesagt: %(summary)s", summary=summary)
    return summary


def _description(session: InfoSession, full_names: bool, for_public=False) -> list[str]:
    lines = [
        _("Thema: %(topic)s", topic=session.topic.name),
        _("Sprache: %(language)s", language=session.language.name),
    ]
    if session.school is not None:
        lines.append(_("Schule: %(school)s", school=session.school.name))
    if session.status == CANCELLED:
        lines.append(_("Diese Veranstaltung ist abgesagt."))
        return lines
    if for_public:
        return lines
    moderators = [a.moderator for a in session.accepted]
    if moderators:
        names = [m.full_name if full_names else m.first_name for m in moderators]
        # i18n: calendar event text, followed by the names of the session's moderators
        lines.append(_("Moderation: %(names)s", names=", ".join(names)))
    else:
        lines.append(_("Moderation: noch offen"))
    school = session.school
    if full_names and school is not None and (school.contact_name or school.contact_phone):
        contact = ", ".join(p for p in (school.contact_name, school.contact_phone) if p)
        lines.append(_("Ansprechperson der Schule: %(contact)s", contact=contact))
    return lines


# Who gets which sessions --------------------------------------------------------------------


def _with_event_details(query):
    """Everything an event shows, in a fixed number of queries however many sessions there are."""
    return query.options(
        joinedload(InfoSession.school),
        joinedload(InfoSession.language),
        joinedload(InfoSession.topic),
        selectinload(InfoSession.assignments).joinedload(Assignment.moderator),
    )


def feed_sessions(user, now: datetime | None = None) -> list[InfoSession]:
    """The sessions in `user`'s feed, from 90 days ago on.

    A moderator: sessions they accepted, and cancelled sessions they had accepted (their
    assignment was withdrawn by the cancellation; an accepted assignment has an answer time,
    an offer withdrawn unanswered has none). A school: its sessions. The coordination office:
    every session. Cancelled sessions stay in, marked as cancelled, so that calendar apps
    which had the event take it out.
    """
    query = _with_event_details(select(InfoSession)).where(
        InfoSession.starts_at >= (now or utcnow()) - FEED_PAST
    )
    if user.role == MODERATOR:
        if user.moderator_id is None:
            return []
        held_by_them = (
            select(Assignment.id)
            .where(
                Assignment.session_id == InfoSession.id,
                Assignment.moderator_id == user.moderator_id,
                or_(
                    Assignment.status == ACCEPTED,
                    and_(
                        Assignment.status == WITHDRAWN,
                        Assignment.responded_at.is_not(None),
                        InfoSession.status == CANCELLED,
                    ),
                ),
            )
            .exists()
        )
        query = query.where(held_by_them)
    elif user.role == SCHOOL:
        if user.school_id is None:
            return []
        query = query.where(InfoSession.school_id == user.school_id)
    elif user.role != COORDINATOR:
        return []
    return list(db.session.scalars(query.order_by(InfoSession.starts_at, InfoSession.id)))


def feed_name(user) -> str:
    if user.role == MODERATOR:
        return _("Meine Einsätze – Elternmoderation Hamburg")
    if user.role == SCHOOL and user.school is not None:
        return _("%(school)s – Elternmoderation Hamburg", school=user.school.name)
    return _("Elternmoderation Hamburg")


def session_for_download(session_id: int) -> InfoSession | None:
    return db.session.scalar(_with_event_details(select(InfoSession)).filter_by(id=session_id))


def may_download(user, session: InfoSession) -> bool:
    """The office, a moderator booked for the session, and the school it is at."""
    if user.role == COORDINATOR:
        return True
    if user.role == MODERATOR:
        return user.moderator_id is not None and any(
            a.moderator_id == user.moderator_id and a.status == ACCEPTED
            for a in session.assignments
        )
    if user.role == SCHOOL:
        return session.school_id is not None and session.school_id == user.school_id
    return False


def download_filename(session: InfoSession) -> str:
    return f"infoveranstaltung-{to_local(session.starts_at).date().isoformat()}-{session.id}.ics"
