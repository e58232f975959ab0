"""A page's content written once and kept until the data changes, for pages that every reader
allowed to see them sees alike: the pool and the request queue look the same to every
coordinator, for the same query string and language.

A list page spends most of its time writing its rows and its filters, far more than its
statements take. Kept like the statistics (common/results.py), a repeated look pays only for the
layout around the content and for the data's version.
"""

from collections.abc import Callable

from flask import request
from markupsafe import Markup

from moderators.common.results import keep
from moderators.i18n import current_locale


def written_once(write: Callable[[], str], *key) -> Markup:
    """The HTML `write()` returns for this path and query string in the reader's language,
    written once and kept until the data changes.

    `key` holds whatever else the content depends on: the day, if it says how long something
    has waited; the reader's own id, on a page of their own. Nothing in it may be the reader's
    alone, such as a form's CSRF token: it would be shown to the next reader.
    """
    args = tuple(request.args.items(multi=True))
    return keep(
        ("page", request.path, args, current_locale(), *key), lambda: (_checked(write()), None)
    )


def _checked(html: str) -> Markup:
    if 'name="csrf_token"' in html:
        raise RuntimeError("a form with a CSRF token belongs to one reader: keep it out")
    return Markup(html)  # nosec B704 (written by an autoescaping template)
