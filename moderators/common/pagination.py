"""One page of a list, as every list page shows it."""

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
