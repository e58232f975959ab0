"""API endpoints for the pool of moderators: coordinators see all, a moderator their own."""

from flask import url_for
from flask_babel import gettext as _

from moderators.api.auth import api_roles, api_user
from moderators.api.errors import forbidden, not_found, validation_error
from moderators.api.inputs import moderator_fields
from moderators.api.params import (
    DEFAULT_PER_PAGE,
    MAX_PAGE,
    MAX_PER_PAGE,
    choice_arg,
    existing_arg,
    json_object,
    positive_int_arg,
    text_arg,
)
from moderators.api.serializers import moderator_json, pool_entry_json
from moderators.auth.models import COORDINATOR, MODERATOR
from moderators.common.models import District
from moderators.common.results import until_data_changes
from moderators.languages.models import Language
from moderators.roster.models import STATUSES, Moderator
from moderators.roster.pool import pool_page
from moderators.roster.queries import moderator_with_links
from moderators.roster.services import ProfileError, create_moderator, update_moderator


@api_roles(COORDINATOR)
def list_moderators():
    """`{items, total, page, per_page}` as every list of the API, read as plain rows."""
    filters = {
        "language": existing_arg("language", Language.code),
        "district": existing_arg("district", District.name),
        "status": choice_arg("status", STATUSES),
        "q": text_arg("q"),
    }
    page = positive_int_arg("page", 1, MAX_PAGE)
    per_page = positive_int_arg("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    return _pool_json(tuple(filters.items()), page, per_page)


@until_data_changes
def _pool_json(filters: tuple, page: int, per_page: int) -> dict:
    """The same for every coordinator, so kept until the data changes: sorting the whole pool
    of a language for one page took most of the call. Shared: read it, never change it."""
    result = pool_page(dict(filters), page, per_page, times=True)
    return {
        "items": [pool_entry_json(entry) for entry in result.items],
        "total": result.total,
        "page": page,
        "per_page": per_page,
    }


@api_roles(COORDINATOR)
def add_moderator():
    fields = moderator_fields(json_object())
    try:
        moderator = create_moderator(**fields)
    except ProfileError as error:
        raise validation_error(error.field, error.message) from None
    location = url_for("api.show_moderator", moderator_id=moderator.id)
    return moderator_json(_with_links(moderator.id)), 201, {"Location": location}


@api_roles(COORDINATOR, MODERATOR)
def show_moderator(moderator_id: int):
    return moderator_json(_visible_moderator(moderator_id))


@api_roles(COORDINATOR, MODERATOR)
def change_moderator(moderator_id: int):
    """Change only the fields given; a moderator may change their own record but not the status."""
    moderator = _visible_moderator(moderator_id)
    body = json_object()
    if "status" in body and api_user().role != COORDINATOR:
        raise forbidden(_("Den Status ändert nur die Koordination."))
    fields = moderator_fields(body)
    try:
        changed = update_moderator(moderator, **fields)
    except ProfileError as error:
        raise validation_error(error.field, error.message) from None
    # A change was committed, which expired what was loaded: load it again, eagerly.
    return moderator_json(_with_links(moderator_id) if changed else moderator)


def _visible_moderator(moderator_id: int) -> Moderator:
    """A moderator asking for someone else's record gets 403 whether or not it exists."""
    user = api_user()
    if user.role == MODERATOR and user.moderator_id != moderator_id:
        raise forbidden()
    moderator = moderator_with_links(moderator_id, times=True)
    if moderator is None:
        raise not_found()
    return moderator


def _with_links(moderator_id: int) -> Moderator:
    return moderator_with_links(moderator_id, times=True)
