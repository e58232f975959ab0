"""Signed-in browser sessions: who they belong to, and when they end.

A sign-in stores "<user id>:<session version>:<sign-in time>" (User.session_id) in the signed
session cookie, and in the remember-me cookie when asked for. On every request the version must
still be the user's (sign-out, a new password or blocking raise it, which ends every session of
that user, copied cookies included), the sign-in must be younger than SESSION_MAX_HOURS, and the
last request younger than SESSION_IDLE_MINUTES (not for "remember me", which is meant to outlast
a pause; the total lifetime still holds).
"""

import time

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user, user_loaded_from_cookie

from moderators.auth import signed_in
from moderators.auth.access import PUBLIC
from moderators.auth.models import User
from moderators.auth.signed_in import SignedInUser
from moderators.extensions import login_manager

USER_KEY = "_user_id"  # where Flask-Login keeps the session id
SEEN_AT = "_seen_at"  # time of the last request, seconds since the epoch
REMEMBERED = "_remembered"
# For an id written without a sign-in time (before ids carried one): when this app first saw it.
SIGNED_IN_AT = "_signed_in_at"
# What a new session takes over from the one before: only the language chosen on the login page.
CARRIED_OVER = ("locale",)
# The last-seen time is written back at most this often, so not every response sets a cookie.
SEEN_RESOLUTION = 60


def init_app(app: Flask) -> None:
    login_manager.id_attribute = "session_id"
    login_manager.user_loader(load_user)
    user_loaded_from_cookie.connect(_restored_from_cookie, app)
    app.before_request(enforce_session_limits)


def parse_session_id(value) -> tuple[int, int, int | None] | None:
    """(user id, session version, sign-in time or None) from a session id, or None if garbled.

    A bare "<id>" (written before versions existed) counts as version 0.
    """
    try:
        numbers = [int(part) for part in str(value).split(":")]
    except ValueError:
        return None
    if len(numbers) == 1:
        return numbers[0], 0, None
    if len(numbers) == 2:
        return numbers[0], numbers[1], None
    if len(numbers) == 3:
        return numbers[0], numbers[1], numbers[2]
    return None


def load_user(value: str) -> SignedInUser | None:
    """Flask-Login's user loader, for the session and the remember-me cookie alike: the user,
    if active, of the same session version, and signed in less than SESSION_MAX_HOURS ago.

    A light row (signed_in.py), not the ORM object: every request pays for this load."""
    parsed = parse_session_id(value)
    if parsed is None:
        return None
    user_id, version, signed_in_at = parsed
    user = signed_in.load(user_id)
    if user is None or not user.is_active or user.session_version != version:
        return None
    if signed_in_at is not None and _too_old(signed_in_at, _now()):
        return None
    return user


def begin_session(user: User, remember: bool = False) -> None:
    """Sign `user` in with a new session: nothing from before survives but the UI language,
    so a session id planted before the sign-in is worth nothing after it."""
    kept = {key: session[key] for key in CARRIED_OVER if key in session}
    session.clear()
    session.update(kept)
    login_user(user, remember=remember)
    session[SEEN_AT] = _now()
    if remember:
        session[REMEMBERED] = True


def renew_session(user: User) -> None:
    """After a change that ended all of a user's sessions (a new password): this browser goes
    on with a new session of the new version, remembered if it was."""
    begin_session(user, remember=bool(session.get(REMEMBERED)))


def end_session() -> None:
    """Sign this browser out: the session and the remember-me cookie are gone."""
    session.clear()
    logout_user()  # after clear(): it leaves the note that deletes the remember-me cookie


def enforce_session_limits():
    """Before every request: a session that has ended (elsewhere or by time) signs out here.

    A page behind login is answered by the login page, with the reason; other requests go on
    as signed out.
    """
    if request.endpoint == "static" or USER_KEY not in session:
        return None
    raw, now = session[USER_KEY], _now()
    # Flask-Login loads the user through load_user, once per request: the view gets the same row.
    if not current_user.is_authenticated:
        return _signed_out(_("Sie sind abgemeldet. Bitte melden Sie sich erneut an."))
    signed_in_at = parse_session_id(raw)[2] or session.setdefault(SIGNED_IN_AT, now)
    seen_at = session.get(SEEN_AT, now)
    idle = now - seen_at > current_app.config["SESSION_IDLE_MINUTES"] * 60
    if _too_old(signed_in_at, now) or (idle and not session.get(REMEMBERED)):
        return _signed_out(_("Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an."))
    if now - session.get(SEEN_AT, 0) >= SEEN_RESOLUTION:
        session[SEEN_AT] = now
    return None


def _signed_out(message: str):
    end_session()
    flash(message, "info")
    view = current_app.view_functions.get(request.endpoint)
    wants_page = request.method == "GET" and not request.path.startswith("/api/")
    if wants_page and getattr(view, "access", PUBLIC) != PUBLIC:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return None


def _restored_from_cookie(app, user=None, **_extra) -> None:
    """A browser came back with its remember-me cookie: a new session, remembered."""
    session[SEEN_AT] = _now()
    session[REMEMBERED] = True


def _too_old(signed_in_at: int, now: int) -> bool:
    return now - signed_in_at > current_app.config["SESSION_MAX_HOURS"] * 3600


def _now() -> int:
    return int(time.time())
