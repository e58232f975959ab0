"""API endpoints for activities outside sessions (counselling, accompaniment, ...): a moderator
logs and corrects their own (or a coordinator on their behalf); the coordination reviews them."""

from flask import url_for
from sqlalchemy import inspect, select
from sqlalchemy.orm import joinedload, selectinload

from moderators.api.auth import api_roles
from moderators.api.logbook import acting_for, found, owned, refusals, review_filters
from moderators.api.logbook_inputs import activity_fields, languages_by_code, review_comment
from moderators.api.params import choice_arg, json_object, paginated
from moderators.api.serializers import activity_json
from moderators.auth.models import COORDINATOR, MODERATOR
from moderators.extensions import db
from moderators.logbook import locks, services
from moderators.logbook.models import ACTIVITY_TYPES, Activity


@api_roles(COORDINATOR, MODERATOR)
def list_activities():
    """Oldest submission first, as the reports; a moderator sees their own only."""
    query = select(Activity).options(selectinload(Activity.languages))
    query = review_filters(query, Activity)
    kind = choice_arg("type", ACTIVITY_TYPES)
    if kind is not None:
        query = query.where(Activity.type == kind)
    return paginated(query.order_by(Activity.submitted_at, Activity.id), activity_json)


@api_roles(COORDINATOR, MODERATOR)
def add_activity():
    """A moderator logs their own; a coordinator names the moderator by `moderator_id`."""
    body = json_object()
    moderator = acting_for(body)
    fields = activity_fields(body, new=True)
    fields["languages"] = languages_by_code(fields["languages"])
    with refusals():
        activity = services.log_activity(moderator, **fields)
    activity_id = inspect(activity).identity[0]  # without reading the committed activity again
    location = url_for("api.show_activity", activity_id=activity_id)
    return activity_json(_activity(activity_id)), 201, {"Location": location}


@api_roles(COORDINATOR, MODERATOR)
def show_activity(activity_id: int):
    return activity_json(owned(_activity(activity_id)))


@api_roles(COORDINATOR, MODERATOR)
def change_activity(activity_id: int):
    """Correct the given fields until it is approved (then 409)."""
    activity = owned(locks.activity_for_review(activity_id))
    fields = activity_fields(json_object())
    if "languages" in fields:
        fields["languages"] = languages_by_code(fields["languages"])
    with refusals():
        services.update_activity(activity, **fields)
    return activity_json(_activity(activity_id))


@api_roles(COORDINATOR)
def approve_activity(activity_id: int):
    activity = found(locks.activity_for_review(activity_id))
    comment = review_comment(required=False)
    with refusals():
        services.approve_activity(activity, comment)
    return activity_json(_activity(activity_id))


@api_roles(COORDINATOR)
def return_activity(activity_id: int):
    activity = found(locks.activity_for_review(activity_id))
    comment = review_comment(required=True)
    with refusals():
        services.return_activity(activity, comment)
    return activity_json(_activity(activity_id))


def _activity(activity_id: int) -> Activity | None:
    """The activity with its languages, in one query (as the reports' `_report`)."""
    return (
        db.session.execute(
            select(Activity)
            .where(Activity.id == activity_id)
            .options(joinedload(Activity.languages))
        )
        .unique()
        .scalar_one_or_none()
    )
