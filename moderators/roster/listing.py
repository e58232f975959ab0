"""The rows of the pool list as the page shows them, every label looked up once per request."""

from dataclasses import dataclass

from flask import url_for

from moderators.i18n import current_locale, language_name
from moderators.roster.models import LEVELS, NATIVE, level_label
from moderators.roster.pool import PoolEntry


@dataclass(slots=True)
class PoolRow:
    href: str
    first_name: str
    last_name: str
    languages: list[tuple[str, str, bool]]  # name, level label, native?; by name
    districts: str
    status: str
    status_label: str
    email: str
    phone: str


def pool_rows(entries: list[PoolEntry], statuses: dict[str, str]) -> list[PoolRow]:
    """`statuses` holds the label of each status; names of languages come from CLDR in the
    reader's language, as Language.name gives them."""
    locale = current_locale()
    levels = {level: level_label(level) for level in LEVELS}
    # The id is the last part of the profile's URL: built once, each row appends its id.
    profile_url = url_for("roster.detail", moderator_id=0)[:-1]
    rows = []
    for entry in entries:
        languages = [
            (language_name(code, locale) or name_de or code, levels[level], level == NATIVE)
            for code, name_de, level in entry.languages
        ]
        languages.sort(key=lambda language: language[0].lower())
        rows.append(
            PoolRow(
                f"{profile_url}{entry.id}",
                entry.first_name,
                entry.last_name,
                languages,
                ", ".join(entry.districts),
                entry.status,
                statuses[entry.status],
                entry.email,
                entry.phone,
            )
        )
    return rows
