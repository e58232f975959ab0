"""The pool list for its page and the API: filters and a page of plain rows.

The page is read in one query, a UNION ALL of differently shaped rows told apart by a `kind`
column (pool_choices.py reads the filters' choices the same way). The statements are built once
per combination of filters and reused with other values: building and keying a statement of
this size costs more than running it.
"""

from dataclasses import dataclass, field
from datetime import date, time
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    Time,
    bindparam,
    cast,
    func,
    literal_column,
    null,
    or_,
    select,
    union_all,
)

from moderators.common.models import District
from moderators.common.pagination import LAST_PAGE, Page
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.roster.models import (
    Absence,
    AvailabilityWindow,
    Moderator,
    ModeratorLanguage,
    moderator_district,
)
from moderators.training.models import Enrollment

# What a row of the UNION ALL queries holds.
HEAD, LANGUAGE, DISTRICT, WINDOW, ABSENCE, COHORT, YEAR = range(7)


def pool_parameters(
    language: str | None = None,
    district: str | None = None,
    status: str | None = None,
    q: str | None = None,
    cohort: int | str | None = None,
    certified_year: int | str | None = None,
) -> dict[str, Any]:
    """The filters given, as bound parameters of the pool's statements: by language code,
    district name, status, cohort, year of certification and a name/e-mail search."""
    parameters: dict[str, Any] = {}
    if language:
        parameters["language"] = language
    if district:
        parameters["district"] = district
    if status:
        parameters["status"] = status
    if cohort:
        parameters["cohort"] = int(cohort)
    if certified_year:
        year = int(certified_year)
        parameters["certified_from"] = date(year, 1, 1)
        parameters["certified_to"] = date(year, 12, 31)
    if q and q.strip():
        parameters["pattern"] = f"%{q.strip().lower()}%"
    return parameters


def _conditions(names: frozenset[str]) -> list[ColumnElement]:
    """The WHERE clauses of the parameters named, their values left to bind."""
    conditions = []
    if "language" in names:
        conditions.append(
            Moderator.id.in_(
                select(ModeratorLanguage.moderator_id)
                .join(Language, Language.id == ModeratorLanguage.language_id)
                .where(Language.code == bindparam("language"))
            )
        )
    if "district" in names:
        conditions.append(
            Moderator.id.in_(
                select(moderator_district.c.moderator_id)
                .join(District, District.id == moderator_district.c.district_id)
                .where(District.name == bindparam("district"))
            )
        )
    if "status" in names:
        conditions.append(Moderator.status == bindparam("status"))
    if "cohort" in names:
        conditions.append(
            Moderator.id.in_(
                select(Enrollment.moderator_id).where(Enrollment.cohort_id == bindparam("cohort"))
            )
        )
    if "certified_from" in names:
        conditions.append(
            Moderator.certified_on.between(bindparam("certified_from"), bindparam("certified_to"))
        )
    if "pattern" in names:
        pattern = bindparam("pattern")
        conditions.append(
            or_(
                func.lower(Moderator.first_name + " " + Moderator.last_name).like(pattern),
                func.lower(Moderator.last_name + " " + Moderator.first_name).like(pattern),
                func.lower(Moderator.email).like(pattern),
            )
        )
    return conditions


@dataclass(slots=True)
class PoolEntry:
    """One moderator of the list, as plain values: no ORM object behind it."""

    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    status: str
    languages: list[tuple[str, str, str]] = field(default_factory=list)  # code, name_de, level
    districts: list[str] = field(default_factory=list)  # by the districts' position
    availability: list[tuple[int, time, time]] = field(default_factory=list)  # by day, start
    absences: list[tuple[date, date]] = field(default_factory=list)  # by first day


def pool_page(filters: dict, page: int, per_page: int, times: bool = False) -> Page:
    """A page of the filtered pool, by name, each moderator with languages and districts (and
    with `times` weekly windows and absences): one query, whatever the page's length."""
    page = min(max(page, 1), LAST_PAGE)
    parameters = pool_parameters(**filters)
    names = frozenset(parameters)
    rows = db.session.execute(
        _page_statement(names, times),
        parameters | {"limit": per_page, "offset": (page - 1) * per_page},
    )
    entries: list[PoolEntry] = []
    total = 0
    for row in rows:
        kind = row.kind
        if kind == HEAD:
            total = row.total
            entries.append(PoolEntry(*row[2:8]))
        elif kind == LANGUAGE:
            entries[-1].languages.append((row.key, row.name_de, row.level))
        elif kind == DISTRICT:
            entries[-1].districts.append(row.key)
        elif kind == WINDOW:
            entries[-1].availability.append((row.position, row.starts_at, row.ends_at))
        else:
            entries[-1].absences.append((row.starts_on, row.ends_on))
    if not entries and page > 1:  # past the last page: no row carries the total
        total = db.session.scalar(_count_statement(names), parameters)
    return Page(entries, total, page, per_page)


def _order(columns) -> tuple:
    """By name, as people read a list; the id keeps people of the same name apart."""
    return (func.lower(columns.last_name), func.lower(columns.first_name), columns.id)


@cache
def _count_statement(names: frozenset[str]) -> Select:
    return select(func.count(Moderator.id)).where(*_conditions(names))


@cache
def _page_statement(names: frozenset[str], times: bool) -> Select:
    """The page's moderators, each a head row followed by a row per language, district (and
    window and absence): no list of ids goes back and forth. The total of the filtered pool
    rides along on the head rows."""
    # Only the page's rows are numbered: a row number over the whole filtered pool made the
    # database keep and sort every speaker of a language twice, over wide rows (Turkish at
    # scale 1: SQLite 0.96 -> 0.51 ms, PostgreSQL 1.01 -> 0.87 ms).
    chosen = (
        select(
            Moderator.id,
            Moderator.first_name,
            Moderator.last_name,
            Moderator.email,
            Moderator.phone,
            Moderator.status,
            func.count().over().label("total"),
        )
        .where(*_conditions(names))
        .order_by(*_order(Moderator))
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
        .subquery("chosen")
    )
    page = select(chosen, func.row_number().over(order_by=_order(chosen.c)).label("n")).cte(
        "pool_page"
    )

    def rows(kind: int, *columns):
        """`columns`: key, name_de, level, position and, with `times`, starts_at, ends_at,
        starts_on, ends_on; those not given stay empty, as the moderator's own columns do
        but in the head row."""
        empty = (8 if times else 4) - len(columns)
        return select(
            page.c.n, literal_column(str(kind)), *[null()] * 7, *columns, *[null()] * empty
        )

    heads = select(
        page.c.n,
        literal_column(str(HEAD)).label("kind"),
        page.c.id,
        page.c.first_name,
        page.c.last_name,
        page.c.email,
        page.c.phone,
        page.c.status,
        page.c.total,
        null().label("key"),
        null().label("name_de"),
        null().label("level"),
        null().label("position"),
        # Typed, so that every row's times and dates are read as such.
        *(
            [
                cast(null(), Time).label("starts_at"),
                cast(null(), Time).label("ends_at"),
                cast(null(), Date).label("starts_on"),
                cast(null(), Date).label("ends_on"),
            ]
            if times
            else []
        ),
    )
    parts = [
        heads,
        rows(LANGUAGE, Language.code, Language.name_de, ModeratorLanguage.level, Language.id)
        .join(ModeratorLanguage, ModeratorLanguage.moderator_id == page.c.id)
        .join(Language, Language.id == ModeratorLanguage.language_id),
        rows(DISTRICT, District.name, District.name, null(), District.position)
        .join(moderator_district, moderator_district.c.moderator_id == page.c.id)
        .join(District, District.id == moderator_district.c.district_id),
    ]
    if times:
        window, absence = AvailabilityWindow, Absence
        parts += [
            rows(WINDOW, *[null()] * 3, window.weekday, window.starts_at, window.ends_at).join(
                window, window.moderator_id == page.c.id
            ),
            rows(
                ABSENCE,
                *[null()] * 3,
                absence.id,
                *[null()] * 2,
                absence.starts_on,
                absence.ends_on,
            ).join(absence, absence.moderator_id == page.c.id),
        ]
    both = union_all(*parts).subquery()
    within = [both.c.position, both.c.key]  # districts by position; languages are sorted later
    if times:  # windows by day (in position) and start; absences by first day and id
        within = [both.c.starts_on, both.c.position, both.c.starts_at, both.c.key]
    return select(both).order_by(both.c.n, both.c.kind, *within)
