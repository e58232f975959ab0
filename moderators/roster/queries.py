"""Read-only queries about one moderator, and the lists that forms offer (the pool: pool.py)."""

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from moderators.common.models import District
from moderators.extensions import db
from moderators.i18n import current_locale, language_name
from moderators.languages.models import Language
from moderators.roster.models import Absence, AvailabilityWindow, Moderator, ModeratorLanguage
from moderators.training.models import Cohort, Enrollment


def moderator_with_profile(moderator_id: int) -> Moderator | None:
    """One moderator with what the profile page shows: languages, districts and account in
    the same query; weekly windows, absences and training in one more each."""
    return db.session.scalar(
        select(Moderator)
        .where(Moderator.id == moderator_id)
        .options(
            joinedload(Moderator.languages).joinedload(ModeratorLanguage.language),
            joinedload(Moderator.districts),
            joinedload(Moderator.user),
            selectinload(Moderator.availability),
            selectinload(Moderator.absences),
            selectinload(Moderator.enrollments).joinedload(Enrollment.cohort),
        )
    )


def moderator_with_links(moderator_id: int, times: bool = False) -> Moderator | None:
    """One moderator with languages and districts in one query (for the profile form); with
    `times` also weekly windows and absences, one query each (for the API)."""
    options = [
        joinedload(Moderator.languages).joinedload(ModeratorLanguage.language),
        joinedload(Moderator.districts),
    ]
    if times:
        options += [selectinload(Moderator.availability), selectinload(Moderator.absences)]
    return db.session.scalar(
        select(Moderator).where(Moderator.id == moderator_id).options(*options)
    )


def window_of(moderator_id: int, window_id: int) -> AvailabilityWindow | None:
    """The moderator's weekly window, with the moderator; None if either is not there."""
    return db.session.scalar(
        select(AvailabilityWindow)
        .where(AvailabilityWindow.id == window_id, AvailabilityWindow.moderator_id == moderator_id)
        .options(joinedload(AvailabilityWindow.moderator, innerjoin=True))
    )


def absence_of(moderator_id: int, absence_id: int) -> Absence | None:
    """The moderator's absence, with the moderator; None if either is not there."""
    return db.session.scalar(
        select(Absence)
        .where(Absence.id == absence_id, Absence.moderator_id == moderator_id)
        .options(joinedload(Absence.moderator, innerjoin=True))
    )


def languages_for_choice(include_inactive: bool = False) -> list[Language]:
    """Languages sorted by their name in the reader's UI language."""
    query = select(Language)
    if not include_inactive:
        query = query.where(Language.active.is_(True))
    return sorted(db.session.scalars(query), key=lambda lang: lang.name.casefold())


def language_choices(include_inactive: bool = False) -> list[tuple[str, str]]:
    """(code, name) of the languages, by their name in the reader's UI language: plain rows,
    for the filters above the lists."""
    query = select(Language.code, Language.name_de)
    if not include_inactive:
        query = query.where(Language.active.is_(True))
    return named_languages(db.session.execute(query), current_locale())


def named_languages(rows, locale: str) -> list[tuple[str, str]]:
    """(code, German name) rows as (code, name in `locale`), sorted by that name: how every
    choice of languages reads."""
    named = [(code, language_name(code, locale) or name_de) for code, name_de in rows]
    return sorted(named, key=lambda pair: pair[1].casefold())


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
