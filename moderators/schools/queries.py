"""Read-only queries on schools that the pages (and later the API) share."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from moderators.common.models import District
from moderators.extensions import db
from moderators.schools.models import School

ACTIVE, INACTIVE, ALL = "active", "inactive", "all"


def districts() -> list[District]:
    """Hamburg's districts in their usual order, for select boxes and filters."""
    return list(db.session.scalars(select(District).order_by(District.position, District.name)))


def schools_select(
    *,
    search: str | None = None,
    district_id: int | None = None,
    school_type: str | None = None,
    status: str = ACTIVE,
) -> Select:
    """Schools matching the list filters, by name; the district comes along in the same query."""
    query = select(School).order_by(School.name, School.id)
    if search:
        query = query.where(School.name.icontains(search.strip(), autoescape=True))
    if district_id:
        query = query.where(School.district_id == district_id)
    if school_type:
        query = query.where(School.type == school_type)
    if status == ACTIVE:
        query = query.where(School.active.is_(True))
    elif status == INACTIVE:
        query = query.where(School.active.is_(False))
    return query


def school_with_accounts(school_id: int) -> School | None:
    """One school with its user accounts loaded, for the detail page."""
    return db.session.get(School, school_id, options=[selectinload(School.users)])


def own_school(user) -> School | None:
    """The school a school contact's account is linked to, if any."""
    return db.session.get(School, user.school_id) if user.school_id is not None else None
