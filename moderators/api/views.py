"""The API blueprint: its routing table, the reference-data endpoints and the error handler."""

from flask import Blueprint, g
from sqlalchemy import select

from moderators.api import (
    logbook,
    logbook_activities,
    moderators,
    scheduling,
    scheduling_sessions,
    schools,
    stats,
    training,
)
from moderators.api.auth import api_roles
from moderators.api.errors import ApiError
from moderators.api.openapi import openapi_document
from moderators.api.params import reader_locale
from moderators.api.serializers import language_json, topic_json
from moderators.auth.access import public
from moderators.auth.models import ROLES
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.languages.queries import active_moderator_counts, sort_key
from moderators.topics.models import Topic

bp = Blueprint("api", __name__)
# Larger ids would overflow the database's integer column: they are a 404 at the router.
MODERATOR_ID = "<int(max=2147483647):moderator_id>"
SCHOOL_ID = "<int(max=2147483647):school_id>"
COHORT_ID = "<int(max=2147483647):cohort_id>"
MODULE_ID = "<int(max=2147483647):module_id>"
ENROLLMENT_ID = "<int(max=2147483647):enrollment_id>"
REQUEST_ID = "<int(max=2147483647):request_id>"
SESSION_ID = "<int(max=2147483647):session_id>"
ASSIGNMENT_ID = "<int(max=2147483647):assignment_id>"
REPORT_ID = "<int(max=2147483647):report_id>"
ACTIVITY_ID = "<int(max=2147483647):activity_id>"


@bp.errorhandler(ApiError)
def api_error(error: ApiError):
    return error.response()


@bp.after_request
def keep_personal_data_out_of_caches(response):
    if g.get("api_user") is not None:
        response.headers["Cache-Control"] = "no-store"
    return response


@api_roles(*ROLES)
def list_languages():
    """Active languages named in the reader's locale, with the number of active speakers."""
    locale = reader_locale()
    counts = active_moderator_counts()
    languages = db.session.scalars(select(Language).where(Language.active.is_(True)))
    items = [language_json(lang, locale, counts.get(lang.id, 0)) for lang in languages]
    return sorted(items, key=lambda item: sort_key(item["name"]))


@api_roles(*ROLES)
def list_topics():
    locale = reader_locale()
    topics = db.session.scalars(
        select(Topic).where(Topic.active.is_(True)).order_by(Topic.position, Topic.id)
    )
    return [topic_json(topic, locale) for topic in topics]


@public
def openapi():
    return openapi_document()


ROUTES = [
    ("/openapi.json", "GET", openapi),
    ("/languages", "GET", list_languages),
    ("/topics", "GET", list_topics),
    ("/moderators", "GET", moderators.list_moderators),
    ("/moderators", "POST", moderators.add_moderator),
    (f"/moderators/{MODERATOR_ID}", "GET", moderators.show_moderator),
    (f"/moderators/{MODERATOR_ID}", "PATCH", moderators.change_moderator),
    ("/schools", "GET", schools.list_schools),
    ("/schools", "POST", schools.add_school),
    (f"/schools/{SCHOOL_ID}", "GET", schools.show_school),
    (f"/schools/{SCHOOL_ID}", "PATCH", schools.change_school),
    ("/cohorts", "GET", training.list_cohorts),
    ("/cohorts", "POST", training.add_cohort),
    (f"/cohorts/{COHORT_ID}", "GET", training.show_cohort),
    (f"/cohorts/{COHORT_ID}", "PATCH", training.change_cohort),
    (f"/cohorts/{COHORT_ID}/modules", "POST", training.add_module),
    (f"/cohorts/{COHORT_ID}/enrollments", "POST", training.add_enrollment),
    (f"/cohorts/{COHORT_ID}/close", "POST", training.close_cohort),
    (f"/modules/{MODULE_ID}", "PATCH", training.change_module),
    (f"/modules/{MODULE_ID}/attendance", "PUT", training.replace_attendance),
    (f"/enrollments/{ENROLLMENT_ID}", "PATCH", training.change_enrollment),
    ("/requests", "GET", scheduling.list_requests),
    ("/requests", "POST", scheduling.add_request),
    (f"/requests/{REQUEST_ID}", "GET", scheduling.show_request),
    (f"/requests/{REQUEST_ID}/cancel", "POST", scheduling.cancel_request),
    (f"/requests/{REQUEST_ID}/candidates", "GET", scheduling.request_candidates),
    (f"/requests/{REQUEST_ID}/schedule", "POST", scheduling.schedule_request),
    ("/sessions", "GET", scheduling_sessions.list_sessions),
    ("/sessions", "POST", scheduling_sessions.add_session),
    (f"/sessions/{SESSION_ID}", "GET", scheduling_sessions.show_session),
    (f"/sessions/{SESSION_ID}", "PATCH", scheduling_sessions.change_session),
    (f"/sessions/{SESSION_ID}/cancel", "POST", scheduling_sessions.cancel_session),
    (f"/sessions/{SESSION_ID}/assignments", "POST", scheduling_sessions.add_assignment),
    (f"/assignments/{ASSIGNMENT_ID}/accept", "POST", scheduling_sessions.accept_assignment),
    (f"/assignments/{ASSIGNMENT_ID}/decline", "POST", scheduling_sessions.decline_assignment),
    (f"/sessions/{SESSION_ID}/report", "POST", logbook.add_report),
    ("/reports", "GET", logbook.list_reports),
    (f"/reports/{REPORT_ID}", "GET", logbook.show_report),
    (f"/reports/{REPORT_ID}", "PATCH", logbook.change_report),
    (f"/reports/{REPORT_ID}/approve", "POST", logbook.approve_report),
    (f"/reports/{REPORT_ID}/return", "POST", logbook.return_report),
    ("/activities", "GET", logbook_activities.list_activities),
    ("/activities", "POST", logbook_activities.add_activity),
    (f"/activities/{ACTIVITY_ID}", "GET", logbook_activities.show_activity),
    (f"/activities/{ACTIVITY_ID}", "PATCH", logbook_activities.change_activity),
    (f"/activities/{ACTIVITY_ID}/approve", "POST", logbook_activities.approve_activity),
    (f"/activities/{ACTIVITY_ID}/return", "POST", logbook_activities.return_activity),
    ("/stats", "GET", stats.show_stats),
]
for rule, method, view in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=[method])
