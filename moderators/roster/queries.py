"""Read-only queries over the pool of moderators, shared by pages and the API."""

from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from moderators.common.models import District
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.roster.models import Moderator, ModeratorLanguage, moderator_district
from moderators.training.models import Cohort, Enrollment


def pool_query(
    language: str | None = None,
    district: str | None = None,
    status: str | None = None,
    q: str | None = None,
    cohort: int | str | None = None,
    certified_year: int | str | None = None,
) -> Select:
    """Moderators filtered by language code, district name, status and a name/e-mail search,
    with what a list row shows loaded in two more queries, however long the page."""
    query = select(Moderator).options(
        selectinload(Moderator.languages).joinedload(ModeratorLanguage.language),
        selectinload(Moderator.districts),
        selectinload(Moderator.availability),
        selectinload(Moderator.absences),
    )
    if language:
        query = query.where(
            Moderator.languages.any(ModeratorLanguage.language.has(Language.code == language))
        )
    if district:
        query = query.where(
            Moderator.id.in_(
                select(moderator_district.c.moderator_id)
                .join(District, District.id == moderator_district.c.district_id)
                .where(District.name == district)
            )
        )
    if status:
        query = query.where(Moderator.status == status)
    if cohort:
        enrolled = select(Enrollment.moderator_id).where(Enrollment.cohort_id == int(cohort))
        query = query.where(Moderator.id.in_(enrolled))
    if certified_year:
        year = int(certified_year)
        query = query.where(Moderator.certified_on.between(date(year, 1, 1), date(year, 12, 31)))
    if q and q.strip():
        pattern = f"%{q.strip().lower()}%"
        full_name = func.lower(Moderator.first_name + " " + Moderator.last_name)
        query = query.where(
            or_(
                full_name.like(pattern),
                func.lower(Moderator.last_name + " " + Moderator.first_name).like(pattern),
                func.lower(Moderator.email).like(pattern),
            )
        )
    return query.order_by(
        func.lower(Moderator.last_name), func.lower(Moderator.first_name), Moderator.id
    )


def moderator_with_profile(moderator_id: int) -> Moderator | None:
    """One moderator with languages, districts, availability, absences and account loaded."""
    return db.session.scalar(
        select(Moderator)
        .where(Moderator.id == moderator_id)
        .options(
            selectinload(Moderator.languages).joinedload(ModeratorLanguage.language),
            selectinload(Moderator.districts),
            selectinload(Moderator.availability),
            selectinload(Moderator.absences),
            selectinload(Moderator.user),
            selectinload(Moderator.enrollments).joinedload(Enrollment.cohort),
        )
    )


def languages_for_choice(include_inactive: bool = False) -> list[Language]:
    """Languages sorted by their name in the reader's UI language."""
    query = select(Language)
    if not include_inactive:
        query = query.where(Language.active.is_(True))
    return sorted(db.session.scalars(query), key=lambda lang: lang.name.casefold())


def cohorts_for_choice() -> list[Cohort]:
    return list(db.session.scalars(select(Cohort).order_by(Cohort.starts_on.desc())))


def certification_years() -> list[int]:
    """The years in which moderators were certified, newest first (one query)."""
    year = func.extract("year", Moderator.certified_on)
    rows = db.session.scalars(
        select(year).where(Moderator.certified_on.is_not(None)).group_by(year).order_by(year.desc())
    )
    return [int(y) for y in rows]


def all_districts() -> list[District]:
    return list(db.session.scalars(select(District).order_by(District.position, District.name)))
