"""Demo logbook: reports on the demo's past sessions and the pool's other work, as rows.

The plan (demo_logbook_planner) decides what was reported and reviewed; here it becomes rows,
built directly (no mail, no audit), with the allowance of each approved entry computed by the
rule in moderators.logbook.allowance, and the sessions' states set as the approvals left them.
"""

from sqlalchemy import select

from moderators.auth.models import COORDINATOR, MODERATOR
from moderators.common.timezone import local_today
from moderators.demo_logbook_planner import REVIEW_FIELDS, plan_activities, plan_reports
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.logbook.allowance import SESSION, activity_allowance, rate_for, session_allowance
from moderators.logbook.models import APPROVED, Activity, EventReport

REPORT_FIELDS = ("held_on", "took_place", "reason_if_not", "parents_reached", "duration_minutes")
REPORT_FIELDS += ("travel_minutes", "topics_covered", "questions", "notes")
ACTIVITY_FIELDS = ("type", "held_on", "duration_minutes", "people_reached", "notes")


def _plain(session, index: dict[int, int]) -> dict:
    """A session row as the scheduling plan described it."""
    fields = ("starts_at", "ends_at", "status", "expected_parents")
    return {field: getattr(session, field) for field in fields} | {
        "language": session.language.code,
        "topic": session.topic.name_de,
        "assignments": [
            {"person": index[id(a.moderator)], "status": a.status} for a in session.assignments
        ],
    }


def _stamped(row, planned: dict):
    row.created_at = planned["submitted_at"]
    row.updated_at = planned["reviewed_at"] or planned["submitted_at"]
    return row


def logbook_history(rng, people, moderators, sessions, accounts) -> tuple[list, list]:
    """Reports on the demo sessions and activities of the pool, as rows added to the session.

    Call it once the pool, its accounts and the sessions are in the session: it flushes them,
    since a report names who entered it by id."""
    db.session.flush()
    today = local_today()
    index = {id(moderator): n for n, moderator in enumerate(moderators)}
    holder = {user.role: user for user in accounts}
    demo = holder.get(MODERATOR)
    person = index.get(id(demo.moderator)) if demo is not None else None
    coordinator = holder.get(COORDINATOR)
    plain = [_plain(session, index) for session in sessions]
    planned_reports, outcomes = plan_reports(rng, plain, people, today, person)
    certified_on = [moderator.certified_on for moderator in moderators]
    planned_activities = plan_activities(rng, people, certified_on, today, person)

    languages = {language.code: language for language in db.session.scalars(select(Language))}

    def entered_by(p: int) -> int | None:
        """The demo moderator logs their own; the office enters the others' from paper."""
        user = demo if p == person else coordinator
        return user.id if user is not None else None

    def common(planned: dict, p: int) -> dict:
        return {field: planned[field] for field in REVIEW_FIELDS} | {
            "languages": [languages[code] for code in planned["languages"]],
            "created_by_id": entered_by(p),
            "reviewed_by": coordinator if planned["reviewed_at"] else None,
        }

    reports = []
    for planned in planned_reports:
        session = sessions[planned["session"]]
        assignment = session.assignments[planned["assignment"]]
        report = EventReport(
            assignment=assignment,
            session=session,
            moderator=assignment.moderator,
            **{field: planned[field] for field in REPORT_FIELDS},
            **common(planned, index[id(assignment.moderator)]),
        )
        if report.status == APPROVED:
            report.allowance_cents = session_allowance(
                report.took_place, report.duration_minutes, report.travel_minutes, rate_for(SESSION)
            )
        reports.append(_stamped(report, planned))
    for i, (status, reason, changed_at) in outcomes.items():
        session = sessions[i]
        session.status, session.status_reason = status, reason
        session.updated_at = changed_at or session.created_at

    activities = []
    for planned in planned_activities:
        activity = Activity(
            moderator=moderators[planned["person"]],
            **{field: planned[field] for field in ACTIVITY_FIELDS},
            **common(planned, planned["person"]),
        )
        if activity.status == APPROVED:
            rate = rate_for(activity.type)
            activity.allowance_cents = activity_allowance(activity.duration_minutes, rate)
        activities.append(_stamped(activity, planned))
    db.session.add_all([*reports, *activities])
    return reports, activities
