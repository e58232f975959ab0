"""Read-only queries about the languages and how well the active pool covers them."""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from moderators.common.models import District
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.roster.models import ACTIVE, Moderator, ModeratorLanguage, moderator_district

# Fewer active moderators than this, and a language is shown as thinly covered.
FEW_ACTIVE_MODERATORS = 3


def active_moderator_counts() -> dict[int, int]:
    """Per language id, how many active moderators speak it; languages nobody speaks are absent."""
    rows = db.session.execute(
        select(ModeratorLanguage.language_id, func.count(ModeratorLanguage.moderator_id))
        .join(Moderator, Moderator.id == ModeratorLanguage.moderator_id)
        .where(Moderator.status == ACTIVE)
        .group_by(ModeratorLanguage.language_id)
    )
    return {language_id: count for language_id, count in rows}


def covered_pairs() -> set[tuple[int, int]]:
    """(language id, district id) for every district where an active moderator speaks it."""
    rows = db.session.execute(
        select(ModeratorLanguage.language_id, moderator_district.c.district_id)
        .join(Moderator, Moderator.id == ModeratorLanguage.moderator_id)
        .join(moderator_district, moderator_district.c.moderator_id == Moderator.id)
        .where(Moderator.status == ACTIVE)
        .group_by(ModeratorLanguage.language_id, moderator_district.c.district_id)
    )
    return {(language_id, district_id) for language_id, district_id in rows}


def uncovered_districts(language_ids: Iterable[int] | None = None) -> dict[int, list[District]]:
    """Per language id, the districts (in their usual order) where no active moderator speaks it.

    Without `language_ids`, every language is included.
    """
    if language_ids is None:
        language_ids = db.session.scalars(select(Language.id))
    districts = list(
        db.session.scalars(select(District).order_by(District.position, District.name))
    )
    covered = covered_pairs()
    return {
        language_id: [d for d in districts if (language_id, d.id) not in covered]
        for language_id in language_ids
    }


def sort_key(name: str) -> str:
    """Alphabetical order as a German reader expects it: Ü next to U, case ignored."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass
class LanguageCoverage:
    language: Language
    active_count: int
    uncovered: list[District] = field(default_factory=list)

    @property
    def is_uncovered(self) -> bool:
        return self.active_count == 0

    @property
    def is_thin(self) -> bool:
        return 0 < self.active_count < FEW_ACTIVE_MODERATORS


def language_coverage() -> tuple[list[LanguageCoverage], list[LanguageCoverage]]:
    """Active and inactive languages with their active speakers, sorted by the reader's names.

    Four queries whatever the size of the pool: languages, counts, districts, covered pairs.
    """
    languages = list(db.session.scalars(select(Language)))
    counts = active_moderator_counts()
    uncovered = uncovered_districts(language.id for language in languages)
    rows = sorted(
        (
            LanguageCoverage(language, counts.get(language.id, 0), uncovered[language.id])
            for language in languages
        ),
        key=lambda row: sort_key(row.language.name),
    )
    return (
        [row for row in rows if row.language.active],
        [row for row in rows if not row.language.active],
    )
