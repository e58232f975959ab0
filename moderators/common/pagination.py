"""One page of a list, as every list page shows it."""

from dataclasses import dataclass
from math import ceil

from flask import current_app, request
from sqlalchemy import Select

from moderators.extensions import db


def paginate(query: Select):
    """The page named by ?page= (a bad or too high number gives an empty or first page, never
    an error), PER_PAGE rows long."""
    return db.paginate(
        query,
        page=request.args.get("page", 1, type=int),
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
