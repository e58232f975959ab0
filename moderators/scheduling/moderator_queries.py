"""What a moderator's own pages read: their offers and sessions, each with what the page shows.

The page of their sessions reads plain values (rows of columns, no objects), all its lists in
one statement built once; the pages the links in mails open read the assignment with its session
(ORM objects: they change it).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Integer,
    String,
    and_,
    bindparam,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import joinedload

from moderators.common.models import District
from moderators.extensions import db
from moderators.i18n import current_locale, display_language
from moderators.languages.models import Language
from moderators.logbook.models import EventReport, review_status_label
from moderators.logbook.queries import _due_query as reports_due_query
from moderators.scheduling.models import (
    ACCEPTED,
    CANCELLED,
    OFFERED,
    PLANNED,
    Assignment,
    InfoSession,
    session_status_label,
)
from moderators.scheduling.session_queries import label, name_of
from moderators.schools.models import School
from moderators.topics.models import Topic

RECENT_PAST = 5


@dataclass
class SessionCard:
    """What a moderator is told about a session: when, where, for whom; names in their
    language."""

    id: int
    starts_at: datetime
    ends_at: datetime
    venue_name: str
    venue_address: str
    district_name: str
    language_name: str
    topic_name: str
    school_name: str | None
    expected_parents: int
    status: str
    status_label: str

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


@dataclass
class ReportState:
    """How far the moderator's report on a session has come."""

    id: int
    status: str
    status_label: str


@dataclass
class OwnAssignment:
    """One of the moderator's offers or sessions; `report` only on sessions that are over."""

    id: int
    status: str
    session: SessionCard
    report: ReportState | None = None


def session_card(session: InfoSession) -> SessionCard:
    """The card of a session loaded as an object (with its language, topic, district, school)."""
    return SessionCard(
        id=session.id,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        venue_name=session.venue_name,
        venue_address=session.venue_address,
        district_name=session.district.name,
        language_name=session.language.name,
        topic_name=session.topic.name,
        school_name=session.school.name if session.school is not None else None,
        expected_parents=session.expected_parents,
        status=session.status,
        status_label=label(session_status_label, session.status),
    )


# A session card's columns, in SessionCard's order but for the names the reader's language
# decides: language (code and German name) and topic (id, German and English name).
CARD_COLUMNS = (
    InfoSession.id,
    InfoSession.starts_at,
    InfoSession.ends_at,
    InfoSession.venue_name,
    InfoSession.venue_address,
    name_of(District.name, InfoSession.district_id),
    name_of(Language.code, InfoSession.language_id),
    name_of(Language.name_de, InfoSession.language_id),
    InfoSession.topic_id,
    name_of(Topic.name_de, InfoSession.topic_id),
    name_of(Topic.name_en, InfoSession.topic_id),
    name_of(School.name, InfoSession.school_id),
    InfoSession.expected_parents,
    InfoSession.status,
)


def _own_assignments(part: int, *columns):
    """The moderator's assignments with their sessions' cards: the part of OWN_PAGE they are
    in, the assignment's start (to sort by), id and status, the card, the report's id and
    status."""
    return (
        select(
            literal(part),
            Assignment.starts_at,
            Assignment.id,
            Assignment.status,
            *CARD_COLUMNS,
            *columns,
        )
        .join(InfoSession, InfoSession.id == Assignment.session_id)
        .where(Assignment.moderator_id == bindparam("moderator_id"))
    )


# The parts of the moderator's page, read in one statement: OWN_PAGE.
CURRENT, PAST, DUE = 0, 1, 2
# Where a part has no value: typed, since PostgreSQL takes a NULL from a subquery for text.
NO_ID, NO_STATUS = cast(null(), Integer), cast(null(), String)
# Offers of sessions that have not begun, and accepted sessions not yet over.
OFFERS_AND_UPCOMING = _own_assignments(CURRENT, NO_ID, NO_STATUS).where(
    InfoSession.status == PLANNED,
    or_(
        and_(Assignment.status == OFFERED, Assignment.starts_at > bindparam("now")),
        and_(Assignment.status == ACCEPTED, Assignment.ends_at > bindparam("now")),
    ),
)
# The last few sessions that are over, with their reports.
RECENT = (
    _own_assignments(PAST, EventReport.id, EventReport.status)
    .outerjoin(EventReport, EventReport.assignment_id == Assignment.id)
    .where(
        Assignment.status == ACCEPTED,
        Assignment.ends_at <= bindparam("now"),
        InfoSession.status != CANCELLED,
    )
    .order_by(Assignment.starts_at.desc(), Assignment.id.desc())
    .limit(bindparam("limit"))
)
# How many reports the moderator owes, by the logbook's rule (logbook.queries.reports_due): one
# row, nothing but its part and, in a column of its own after the others', the count.
REPORTS_DUE = select(
    literal(DUE),
    *[null()] * (len(OFFERS_AND_UPCOMING.selected_columns) - 1),
    select(func.count())
    .select_from(reports_due_query(bindparam("moderator_id"), bindparam("now")).subquery())
    .scalar_subquery(),
)
# Built once: the moderators' most visited page reads it on every visit. The rows of each part
# are sorted when read.
OWN_PAGE = union_all(
    OFFERS_AND_UPCOMING.add_columns(NO_ID),
    select(RECENT.add_columns(NO_ID).subquery()),
    REPORTS_DUE,
)


@dataclass(frozen=True)
class OwnPage:
    """What the moderator's page shows, as the plain rows it was read in. Hashable: the page
    written from the same rows is found again (kept_pages.written_for).

    Each row: the assignment's start, id and status, its session's card (CARD_COLUMNS), the
    report's id and status, and a column for the count of reports due.
    """

    current: tuple  # offers and sessions to come, by time
    past: tuple  # the latest first
    reports_due: int

    def assignments(self) -> tuple[list[OwnAssignment], list[OwnAssignment]]:
        """The current and the past assignments, names and labels in the reader's language; a
        report where the row has one (offers and sessions to come have none)."""
        locale = current_locale()
        card = _card_maker(locale)

        def assignment(row) -> OwnAssignment:
            report_id, report_status = row[-3:-1]
            report = None
            if report_id is not None:
                status_label = label(review_status_label, report_status, locale)
                report = ReportState(report_id, report_status, status_label)
            return OwnAssignment(row[1], row[2], card(row[3:-3]), report)

        return [assignment(row) for row in self.current], [assignment(row) for row in self.past]


def own_page(moderator_id: int, now: datetime, limit: int = RECENT_PAST) -> OwnPage:
    """The moderator's offers and sessions to come, their last few sessions that are over, and
    how many reports they owe: one statement."""
    values = {"moderator_id": moderator_id, "now": now, "limit": limit}
    parts = {CURRENT: [], PAST: [], DUE: []}
    for part, *row in db.session.connection().execute(OWN_PAGE, values):
        parts[part].append(tuple(row))
    return OwnPage(
        current=tuple(sorted(parts[CURRENT])),  # by start, then id
        past=tuple(sorted(parts[PAST], reverse=True)),
        reports_due=parts[DUE][0][-1],
    )


def _card_maker(locale: str):
    """Makes the cards of one list from CARD_COLUMNS, each name and label in the reader's
    language (`locale`) looked up once."""
    languages: dict[str, str] = {}
    topics: dict[int, str] = {}
    states: dict[str, str] = {}

    def card(values) -> SessionCard:
        (
            session_id,
            starts_at,
            ends_at,
            venue_name,
            venue_address,
            district_name,
            language_code,
            language_name_de,
            topic_id,
            topic_name_de,
            topic_name_en,
            school_name,
            expected_parents,
            status,
        ) = values
        if language_code not in languages:
            languages[language_code] = display_language(language_code, language_name_de)
        if topic_id not in topics:
            # The model knows how a topic's name reads in each language.
            topic = Topic(name_de=topic_name_de, name_en=topic_name_en)
            topics[topic_id] = topic.name_in(locale)
        if status not in states:
            states[status] = label(session_status_label, status, locale)
        return SessionCard(
            id=session_id,
            starts_at=starts_at,
            ends_at=ends_at,
            venue_name=venue_name,
            venue_address=venue_address,
            district_name=district_name,
            language_name=languages[language_code],
            topic_name=topics[topic_id],
            school_name=school_name,
            expected_parents=expected_parents,
            status=status,
            status_label=states[status],
        )

    return card


def _with_session_details():
    """The session of an assignment, with everything a moderator's page shows about it."""
    return joinedload(Assignment.session).options(
        joinedload(InfoSession.school),
        joinedload(InfoSession.language),
        joinedload(InfoSession.topic),
        joinedload(InfoSession.district),
    )


def assignment_with_session(assignment_id: int) -> Assignment | None:
    return db.session.scalar(
        select(Assignment)
        .where(Assignment.id == assignment_id)
        .options(_with_session_details(), joinedload(Assignment.moderator))
    )
