"""Calendar feeds and .ics downloads."""

from flask import Blueprint, Response, abort, current_app
from flask_babel import force_locale
from flask_login import current_user

from moderators.auth import services
from moderators.auth.access import public, signed_in
from moderators.i18n import available_locales
from moderators.scheduling.calendar import (
    download_filename,
    feed_ics,
    feed_name,
    feed_sessions,
    may_download,
    session_for_download,
    session_ics,
)

bp = Blueprint("calendar", __name__)


def _ics_response(body: bytes, filename: str | None = None) -> Response:
    response = Response(body, mimetype="text/calendar")
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.route("/calendar/<calendar_token>.ics")
@public
def feed(calendar_token):
    """A personal feed for calendar apps; the secret in the address is the only key."""
    user = services.user_for_calendar_token(calendar_token)
    if user is None:
        abort(404)
    # Calendar apps send no useful Accept-Language: the owner's saved UI language counts.
    saved = user.locale if user.locale in available_locales() else None
    with force_locale(saved or current_app.config["BABEL_DEFAULT_LOCALE"]):
        body = feed_ics(feed_sessions(user), feed_name(user), for_user=user)
    return _ics_response(body)


@bp.route("/sessions/<int:session_id>.ics")
@signed_in
def session_download(session_id):
    """One session to import into a calendar, for the office, its moderators and its school."""
    session = session_for_download(session_id)
    if session is None:
        abort(404)
    if not may_download(current_user, session):
        abort(403)
    return _ics_response(session_ics(session, for_user=current_user), download_filename(session))
