"""What the coordination office's session page reads: the session, its assignments with their
moderators' names and their reports (the logbook's, as the page shows them), in one statement,
as plain values (rows of columns, no objects)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, select

from moderators.common.models import District, utcnow
from moderators.extensions import db
from moderators.i18n import current_locale, display_language
from moderators.languages.models import Language
from moderators.logbook.models import EventReport, review_status_label
from moderators.roster.models import Moderator
from moderators.scheduling.models import (
    ACCEPTED,
    Assignment,
    InfoSession,
    assignment_status_label,
    session_status_label,
)
from moderators.schools.models import School
from moderators.topics.models import Topic


@dataclass
class ReportLine:
    """A moderator's report on the session, as far as the page shows it."""

    id: int
    status: str
    status_label: str
    took_place: bool
    parents_reached: int
    duration_minutes: int


@dataclass
class AssignmentLine:
    """A moderator offered or booked, with their answer and (once it is over) their report."""

    id: int
    moderator_id: int
    first_name: str
    last_name: str
    status: str
    status_label: str
    offered_at: datetime
    responded_at: datetime | None
    decline_reason: str
    report: ReportLine | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class SessionPage:
    """A session as its page shows it, names in the reader's language. Reads like an
    InfoSession where the page's helpers (candidates, staffing, speakers to assign) expect one."""

    id: int
    request_id: int | None
    school_id: int | None
    school_name: str | None
    language_id: int
    language_name: str
    topic_name: str
    district_id: int
    district_name: str
    starts_at: datetime
    ends_at: datetime
    moderators_needed: int
    expected_parents: int
    public: bool
    notes: str
    status: str
    status_label: str
    status_reason: str
    venue_name: str
    venue_address: str
    assignments: list[AssignmentLine] = field(default_factory=list)

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def accepted(self) -> list[AssignmentLine]:
        return [a for a in self.assignments if a.status == ACCEPTED]

    @property
    def reported(self) -> list[AssignmentLine]:
        return [a for a in self.assignments if a.report is not None]

    @property
    def is_past(self) -> bool:
        return self.starts_at <= utcnow()


def name_of(column, session_key):
    """A name from a reference table (district, language, topic, school), looked up by the
    session's key. A lookup of its own rather than a join: PostgreSQL plans a statement anew on
    every request, and the time it takes grows with every table joined."""
    return select(column).where(column.table.c.id == session_key).scalar_subquery()


# What the statement reads, by the name the page knows it by.
SESSION_COLUMNS = {
    "id": InfoSession.id,
    "request_id": InfoSession.request_id,
    "school_id": InfoSession.school_id,
    "school_name": name_of(School.name, InfoSession.school_id),
    "language_id": InfoSession.language_id,
    "language_code": name_of(Language.code, InfoSession.language_id),
    "language_name_de": name_of(Language.name_de, InfoSession.language_id),
    "topic_name_de": name_of(Topic.name_de, InfoSession.topic_id),
    "topic_name_en": name_of(Topic.name_en, InfoSession.topic_id),
    "district_id": InfoSession.district_id,
    "district_name": name_of(District.name, InfoSession.district_id),
    "starts_at": InfoSession.starts_at,
    "ends_at": InfoSession.ends_at,
    "moderators_needed": InfoSession.moderators_needed,
    "expected_parents": InfoSession.expected_parents,
    "public": InfoSession.public,
    "notes": InfoSession.notes,
    "status": InfoSession.status,
    "status_reason": InfoSession.status_reason,
    "venue_name": InfoSession.venue_name,
    "venue_address": InfoSession.venue_address,
}
ASSIGNMENT_COLUMNS = {
    "id": Assignment.id,
    "moderator_id": Assignment.moderator_id,
    "first_name": Moderator.first_name,
    "last_name": Moderator.last_name,
    "status": Assignment.status,
    "offered_at": Assignment.offered_at,
    "responded_at": Assignment.responded_at,
    "decline_reason": Assignment.decline_reason,
}
REPORT_COLUMNS = {
    "id": EventReport.id,
    "status": EventReport.status,
    "took_place": EventReport.took_place,
    "parents_reached": EventReport.parents_reached,
    "duration_minutes": EventReport.duration_minutes,
}
# Built once: the page asks for it on every visit.
SESSION_PAGE = (
    select(*SESSION_COLUMNS.values(), *ASSIGNMENT_COLUMNS.values(), *REPORT_COLUMNS.values())
    .outerjoin(Assignment, Assignment.session_id == InfoSession.id)
    .outerjoin(Moderator, Moderator.id == Assignment.moderator_id)
    .outerjoin(EventReport, EventReport.assignment_id == Assignment.id)
    .where(InfoSession.id == bindparam("session_id"))
    .order_by(Assignment.id)
)


SESSION_FIELDS = set(SessionPage.__dataclass_fields__)


def session_page(session_id: int) -> SessionPage | None:
    """The session with its assignments (in the order they were made), each with its report."""
    rows = db.session.connection().execute(SESSION_PAGE, {"session_id": session_id}).all()
    if not rows:
        return None
    assignments_at = len(SESSION_COLUMNS)
    reports_at = assignments_at + len(ASSIGNMENT_COLUMNS)
    session = dict(zip(SESSION_COLUMNS, rows[0][:assignments_at], strict=True))
    page = SessionPage(
        **{key: value for key, value in session.items() if key in SESSION_FIELDS},
        language_name=display_language(session["language_code"], session["language_name_de"]),
        # The model knows how a topic's name reads in each language.
        topic_name=Topic(name_de=session["topic_name_de"], name_en=session["topic_name_en"]).name,
        status_label=label(session_status_label, session["status"]),
    )
    for row in rows:
        assignment = dict(zip(ASSIGNMENT_COLUMNS, row[assignments_at:reports_at], strict=True))
        if assignment["id"] is None:
            continue  # nobody has been offered the session yet
        report = dict(zip(REPORT_COLUMNS, row[reports_at:], strict=True))
        page.assignments.append(
            AssignmentLine(
                **assignment,
                status_label=label(assignment_status_label, assignment["status"]),
                report=(
                    ReportLine(**report, status_label=label(review_status_label, report["status"]))
                    if report["id"] is not None
                    else None
                ),
            )
        )
    return page


def label(label_of: Callable[[str], str], state: str, locale: str | None = None) -> str:
    """A state's label in the reader's language (`locale`, if the caller knows it already),
    looked up once per state and language: each label function looks up the labels of all its
    states every time it is called."""
    return _label(label_of, state, locale or current_locale())


@cache
def _label(label_of: Callable[[str], str], state: str, locale: str) -> str:
    return label_of(state)
