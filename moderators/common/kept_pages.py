"""A page's content written once and kept until the data changes, for pages that every reader
allowed to see them sees alike: the pool, the request queue, the sessions list, a request's
candidates and a session's page look the same to every coordinator, for the same query string
and language.

A list page spends most of its time writing its rows and its filters, far more than its
statements take. Kept like the statistics (common/results.py), a repeated look pays only for the
layout around the content and for the data's version.

A reader's own page (the moderator's sessions) is seen by that reader alone, and the data's
version moves with everyone else's changes; so it is written once for the rows it shows instead
(written_for), and found again as long as the request reads the same rows.

Forms in kept content are written with a stand-in for the CSRF token, and each reader gets the
content with their own token in its place.
"""

from collections.abc import Callable

from flask import current_app, g, request
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from moderators.common.results import Results, keep
from moderators.i18n import current_locale

# Written where a form's CSRF token goes; letters only, so nothing escapes it.
TOKEN_STAND_IN = "KeptPageCsrfTokenStandIn"  # nosec B105 (no secret: replaced for each reader)
# Pages written for their rows, per worker: a moderator's page takes 5 to 10 KB.
WRITTEN_FOR = 128
WRITTEN_FOR_BYTES = 2**20


def written_once(write: Callable[[], str | tuple[str, str]], *key):
    """The HTML `write()` returns for this path and query string in the reader's language,
    written once and kept until the data changes (or until a kept result it used expires, see
    results.expires_at). `write` may return the page's title (plain text) with it:
    `(html, title)`, which comes back as `(Markup, title)`.

    `key` holds whatever else the content depends on: the day, if it says how long something
    has waited; the reader's own id, on a page of their own. Forms' CSRF tokens are the
    reader's own: they are put in afresh for each reader.
    """
    args = tuple(request.args.items(multi=True))
    key = ("page", request.path, args, current_locale(), *key)
    written = keep(key, lambda: (_without_token(write), None))
    html, title = written if isinstance(written, tuple) else (written, None)
    html = _with_token(html)
    return html if title is None else (html, title)


def written_for(rows, write: Callable[[], str]) -> Markup:
    """The HTML `write()` writes from `rows` in the reader's language, written once for the
    same rows and found again whatever else changes.

    `rows` (hashable) must hold all the content shows: the rows the request has just read, as
    plain values. Two readers whose rows are the same see the same content, with their own
    CSRF tokens.
    """
    key = (request.endpoint, current_locale(), rows)
    written = current_app.extensions.setdefault(
        "written_for_rows", Results(WRITTEN_FOR, WRITTEN_FOR_BYTES)
    )
    html = written.get(key)
    if html is None:
        html = _without_token(write)
        written.put(key, html, len(html))
    return _with_token(html)


def _with_token(html: str) -> Markup:
    if TOKEN_STAND_IN in html:
        html = html.replace(TOKEN_STAND_IN, generate_csrf())
    return Markup(html)  # nosec B704 (written by an autoescaping template)


def _without_token(write: Callable):
    """What `write()` returns, written with the stand-in wherever a CSRF token goes."""
    name = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    own = g.pop(name, None)
    setattr(g, name, TOKEN_STAND_IN)  # where flask_wtf keeps the request's token
    try:
        written = write()
    finally:
        g.pop(name, None)
        if own is not None:
            setattr(g, name, own)
    return written
