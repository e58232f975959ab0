"""One page of a list, as every list page shows it."""

from dataclasses import dataclass
from math import ceil

from flask import current_app, request
from sqlalchemy import Select

from moderators.extensions import db

LAST_PAGE = 10**6  # a page's offset still fits a 32-bit integer, the type statements bind it as


def page_number(argument: str = "page") -> int:
    """The page the query string names: 1 for a bad number, at most LAST_PAGE (a page past the
    end is empty, never an error)."""
    return min(max(request.args.get(argument, 1, type=int), 1), LAST_PAGE)


def paginate(query: Select, argument: str = "page"):
    """The page named by ?page= (or `argument`), PER_PAGE rows long."""
    return db.paginate(
        query,
        page=page_number(argument),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )


@dataclass
class Page:
    """One page of rows read by hand (plain rows, the total in the same query); reads like
    Flask-SQLAlchemy's pagination in the templates."""

    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return ceil(self.total / self.per_page) if self.total else 0

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None
