"""Everything the app holds about one moderator, loaded for their page and their JSON download."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload

from moderators.auth.models import User
from moderators.common.audit import AuditLog
from moderators.extensions import db
from moderators.logbook.models import Activity, EventReport
from moderators.notifications.models import OutboxMail
from moderators.privacy.queries import entries_about_moderator
from moderators.roster.models import Moderator, ModeratorLanguage
from moderators.scheduling.models import Assignment, InfoSession
from moderators.training.models import Attendance, Enrollment


@dataclass
class PersonalRecords:
    moderator: Moderator
    user: User | None
    enrollments: list[Enrollment]
    assignments: list[Assignment]
    reports: list[EventReport]
    activities: list[Activity]
    mails: list[OutboxMail]
    audit: list[AuditLog]


def addresses_of(moderator: Moderator) -> set[str]:
    """The e-mail addresses the app knows the moderator by, in lower case."""
    found = {moderator.email, moderator.user.email if moderator.user else ""}
    return {address.strip().lower() for address in found if address and address.strip()}


def mails_to(addresses: set[str]):
    return select(OutboxMail).where(func.lower(OutboxMail.recipient).in_(sorted(addresses)))


def moderator_for_export(moderator_id: int) -> Moderator | None:
    """The moderator with account, languages, districts, weekly windows and absences, all in
    one query: a handful of rows each, so that joining them all stays small."""
    return (
        db.session.execute(
            select(Moderator)
            .where(Moderator.id == moderator_id)
            .options(
                joinedload(Moderator.user),
                joinedload(Moderator.languages).joinedload(ModeratorLanguage.language),
                joinedload(Moderator.districts),
                joinedload(Moderator.availability),
                joinedload(Moderator.absences),
            )
        )
        .unique()
        .scalar_one_or_none()
    )


def personal_records(moderator: Moderator) -> PersonalRecords:
    """Everything else held about the moderator (from moderator_for_export), one query per
    kind: training, bookings with their reports, activities, mails and the audit log."""
    addresses = addresses_of(moderator)
    assignments, reports = _assignments_and_reports(moderator.id)
    return PersonalRecords(
        moderator=moderator,
        user=moderator.user,
        enrollments=_all(
            select(Enrollment)
            .where(Enrollment.moderator_id == moderator.id)
            .options(
                joinedload(Enrollment.cohort),
                joinedload(Enrollment.attendance).joinedload(Attendance.module),
            )
            .order_by(Enrollment.enrolled_at)
        ),
        assignments=assignments,
        reports=reports,
        activities=_all(
            select(Activity)
            .where(Activity.moderator_id == moderator.id)
            .options(joinedload(Activity.languages))
            .order_by(Activity.held_on.desc(), Activity.id.desc())
        ),
        mails=_all(mails_to(addresses).order_by(OutboxMail.created_at.desc())) if addresses else [],
        audit=entries_about_moderator(moderator),
    )


def _assignments_and_reports(moderator_id: int) -> tuple[list[Assignment], list[EventReport]]:
    """The moderator's bookings, latest first, and their reports in one query: a report is
    always written for one of the moderator's own bookings (logbook.services.submit_report)."""
    rows = db.session.execute(
        select(Assignment, EventReport)
        .outerjoin(
            EventReport,
            and_(
                EventReport.assignment_id == Assignment.id,
                EventReport.moderator_id == Assignment.moderator_id,
            ),
        )
        .where(Assignment.moderator_id == moderator_id)
        .options(
            joinedload(Assignment.session).options(
                joinedload(InfoSession.language),
                joinedload(InfoSession.topic),
                joinedload(InfoSession.district),
            ),
            joinedload(EventReport.languages),
        )
        .order_by(Assignment.starts_at.desc())
    ).unique()
    assignments, reports = [], []
    for assignment, report in rows:
        assignments.append(assignment)
        if report is not None:
            reports.append(report)
    reports.sort(key=lambda report: (report.held_on, report.id), reverse=True)
    return assignments, reports


def _all(query) -> list:
    return list(db.session.scalars(query).unique())


# As JSON ---------------------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _review(entry) -> dict[str, Any]:
    return {
        "status": entry.status,
        "submitted_at": _iso(entry.submitted_at),
        "reviewed_at": _iso(entry.reviewed_at),
        "review_comment": entry.review_comment,
        "allowance_cents": entry.allowance_cents,
    }


def _actor(entry: AuditLog, user: User | None) -> str:
    """Who acted: the person themselves, or only the role of someone else (a coordinator's
    name is not the moderator's data)."""
    if entry.actor_id is None:
        return "system"
    if user is not None and entry.actor_id == user.id:
        return "self"
    return entry.actor.role if entry.actor is not None else "unknown"


def as_json(records: PersonalRecords, exported_at) -> dict[str, Any]:
    """Every record, structured, with stored values (codes, ISO dates), not display labels."""
    m, user = records.moderator, records.user
    return {
        "exported_at": _iso(exported_at),
        "profile": {
            "id": m.id,
            "first_name": m.first_name,
            "last_name": m.last_name,
            "email": m.email,
            "phone": m.phone,
            "status": m.status,
            "certified_on": _iso(m.certified_on),
            "notes": m.notes,
            "created_at": _iso(m.created_at),
            "updated_at": _iso(m.updated_at),
            "anonymised_at": _iso(m.anonymised_at),
        },
        "languages": [
            {"code": link.language.code, "name": link.language.name_de, "level": link.level}
            for link in sorted(m.languages, key=lambda link: link.language.code)
        ],
        "districts": [district.name for district in m.districts],
        "availability": [
            {"weekday": w.weekday, "starts_at": _iso(w.starts_at), "ends_at": _iso(w.ends_at)}
            for w in m.availability
        ],
        "absences": [
            {"starts_on": _iso(a.starts_on), "ends_on": _iso(a.ends_on), "note": a.note}
            for a in m.absences
        ],
        "account": None
        if user is None
        else {
            "email": user.email,
            "role": user.role,
            "locale": user.locale,
            "active": user.active,
            "created_at": _iso(user.created_at),
            "last_login_at": _iso(user.last_login_at),
            "two_factor": user.totp_enabled_at is not None,
            "calendar_feed": user.calendar_token_hash is not None,
            "api_token": user.api_token_hash is not None,
        },
        "training": [
            {
                "cohort": e.cohort.name,
                "starts_on": _iso(e.cohort.starts_on),
                "ends_on": _iso(e.cohort.ends_on),
                "status": e.status,
                "enrolled_at": _iso(e.enrolled_at),
                "decided_at": _iso(e.decided_at),
                "drop_reason": e.drop_reason,
                "final_rate": e.final_rate,
                "attendance": [
                    {
                        "module": a.module.title,
                        "starts_at": _iso(a.module.starts_at),
                        "status": a.status,
                    }
                    for a in sorted(e.attendance, key=lambda a: a.module.starts_at)
                ],
            }
            for e in records.enrollments
        ],
        "assignments": [
            {
                "id": a.id,
                "session_id": a.session_id,
                "status": a.status,
                "starts_at": _iso(a.starts_at),
                "ends_at": _iso(a.ends_at),
                "language": a.session.language.code,
                "topic": a.session.topic.name_de,
                "venue": a.session.venue_name,
                "district": a.session.district.name,
                "offered_at": _iso(a.offered_at),
                "responded_at": _iso(a.responded_at),
                "decline_reason": a.decline_reason,
            }
            for a in records.assignments
        ],
        "reports": [
            {
                "id": r.id,
                "session_id": r.session_id,
                "held_on": _iso(r.held_on),
                "took_place": r.took_place,
                "reason_if_not": r.reason_if_not,
                "parents_reached": r.parents_reached,
                "duration_minutes": r.duration_minutes,
                "travel_minutes": r.travel_minutes,
                "languages": [language.code for language in r.languages],
                "topics_covered": r.topics_covered,
                "questions": r.questions,
                "notes": r.notes,
                **_review(r),
            }
            for r in records.reports
        ],
        "activities": [
            {
                "id": a.id,
                "type": a.type,
                "held_on": _iso(a.held_on),
                "duration_minutes": a.duration_minutes,
                "people_reached": a.people_reached,
                "languages": [language.code for language in a.languages],
                "notes": a.notes,
                **_review(a),
            }
            for a in records.activities
        ],
        "mails": [
            {
                "subject": mail.subject,
                "created_at": _iso(mail.created_at),
                "sent_at": _iso(mail.sent_at),
                "status": mail.status,
            }
            for mail in records.mails
        ],
        "audit": [
            {
                "at": _iso(entry.at),
                "action": entry.action,
                "by": _actor(entry, user),
                "details": entry.details,
            }
            for entry in records.audit
        ],
    }
