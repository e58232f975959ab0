"""API endpoints for schools, Kitas and community centres."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from moderators.api.auth import api_roles, api_user
from moderators.api.errors import forbidden, not_found, validation_error
from moderators.api.inputs import school_fields
from moderators.api.params import choice_arg, json_object, paginated, text_arg
from moderators.api.serializers import school_json
from moderators.auth.models import COORDINATOR, SCHOOL
from moderators.common.models import District
from moderators.extensions import db
from moderators.schools.models import SCHOOL_TYPES, School
from moderators.schools.queries import ALL, schools_select
from moderators.schools.services import SchoolError, create_school, update_school

REQUIRED = ("name", "type", "district")


@api_roles(COORDINATOR)
def list_schools():
    """All schools, deactivated ones too (they carry `"active": false`), so that copies can sync."""
    district = text_arg("district")
    query = schools_select(
        search=text_arg("q"),
        district_id=_district_id(district) if district else None,
        school_type=choice_arg("type", SCHOOL_TYPES),
        status=ALL,
    )
    return paginated(query, school_json)


@api_roles(COORDINATOR)
def add_school():
    fields = school_fields(json_object())
    for name in REQUIRED:
        if name not in fields:
            raise validation_error(name, _("Bitte ausfüllen."))
    school = _saved(create_school, **_with_district_id(fields))
    location = url_for("api.show_school", school_id=school.id)
    return school_json(school), 201, {"Location": location}


@api_roles(COORDINATOR, SCHOOL)
def show_school(school_id: int):
    """A school user asking for another school gets 403 whether or not it exists."""
    user = api_user()
    if user.role == SCHOOL and user.school_id != school_id:
        raise forbidden()
    return school_json(_school(school_id))


@api_roles(COORDINATOR)
def change_school(school_id: int):
    school = _school(school_id)
    _saved(update_school, school, **_with_district_id(school_fields(json_object())))
    return school_json(school)


def _school(school_id: int) -> School:
    school = db.session.get(School, school_id)
    if school is None:
        raise not_found()
    return school


def _district_id(name: str) -> int:
    """The district named in German; 422 naming `district` if Hamburg has none of that name."""
    district_id = db.session.scalar(select(District.id).where(District.name == name))
    if district_id is None:
        raise validation_error("district", _("Unbekannte Bezirke: %(names)s", names=name))
    return district_id


def _with_district_id(fields: dict) -> dict:
    """The API names the district, the service takes its id."""
    if "district" not in fields:
        return fields
    fields = dict(fields)
    fields["district_id"] = _district_id(fields.pop("district"))
    return fields


def _saved(service, *args, **fields):
    try:
        return service(*args, **fields)
    except SchoolError as error:
        field = "district" if error.field == "district_id" else error.field or "body"
        raise validation_error(field, error.message) from None
