"""The choices the filters above the pool offer: languages, districts, cohorts, years.

All four lists come from one query, a UNION ALL whose rows are told apart by the same `kind`
numbers as the pool's page rows (pool.py); the statement is built once and reused, and only
the languages are sorted afterwards, by the names the reader's language gives them.
"""

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Integer, Select, String, cast, func, literal_column, null, select, union_all

from moderators.common.models import District
from moderators.common.results import until_data_changes
from moderators.extensions import db
from moderators.i18n import current_locale
from moderators.languages.models import Language
from moderators.roster.models import Moderator
from moderators.roster.pool import COHORT, DISTRICT, LANGUAGE, YEAR
from moderators.roster.queries import named_languages
from moderators.training.models import Cohort


@dataclass
class FilterChoices:
    """What the filters above the pool offer."""

    languages: list[tuple[str, str]]  # code, name in the reader's language; by that name
    districts: list[str]  # by position
    cohorts: list[tuple[str, str]]  # id, name; the latest first
    years: list[int]  # years in which someone was certified, the latest first


def filter_choices() -> FilterChoices:
    """All four lists from one query, sorted in SQL, but the languages: by the names that the
    reader's language gives them."""
    choices, languages = FilterChoices([], [], [], []), []
    for kind, key, label, position in _choice_rows():
        if kind == LANGUAGE:
            languages.append((key, label))
        elif kind == DISTRICT:
            choices.districts.append(key)
        elif kind == COHORT:
            choices.cohorts.append((key, label))
        else:
            choices.years.append(-position)
    choices.languages = named_languages(languages, current_locale())
    return choices


@until_data_changes
def _choice_rows() -> tuple:
    """The four lists' rows, in no one's language, kept until the data changes: the years of
    certification read the whole pool, on every look at it."""
    return tuple(db.session.execute(_choices_statement()))


@cache
def _choices_statement() -> Select:
    year = cast(func.extract("year", Moderator.certified_on), Integer)
    lists = union_all(
        select(
            literal_column(str(LANGUAGE)).label("kind"),
            Language.code.label("key"),
            Language.name_de.label("label"),
            literal_column("0").label("position"),
        ),
        select(literal_column(str(DISTRICT)), District.name, District.name, District.position),
        select(
            literal_column(str(COHORT)),
            cast(Cohort.id, String),
            Cohort.name,
            func.row_number().over(order_by=(Cohort.starts_on.desc(), Cohort.id.desc())),
        ),
        select(literal_column(str(YEAR)), null(), null(), -year)
        .where(Moderator.certified_on.is_not(None))
        .group_by(year),
    ).subquery()
    return select(lists).order_by(lists.c.kind, lists.c.position, lists.c.key, lists.c.label)
