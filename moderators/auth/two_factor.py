"""Two-factor sign-in (TOTP): setting it up, checking codes, and the sign-in that waits for one."""

from datetime import datetime, timedelta

import pyotp
from flask import current_app, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from moderators.auth.models import COORDINATOR, User
from moderators.auth.services import AccountError
from moderators.auth.sessions import CARRIED_OVER
from moderators.common.audit import AuditLog, record
from moderators.common.models import utcnow
from moderators.extensions import db

ISSUER = "Elternmoderation Hamburg"
PENDING_KEY = "two_factor_pending"
PENDING_MAX_AGE = timedelta(minutes=5)
# One 30-second step either side of now: the clocks of phones drift a little.
VALID_WINDOW = 1
ENABLED, CODE_ACCEPTED, DISABLED = (
    "user.two_factor_enabled",
    "user.two_factor_code_accepted",
    "user.two_factor_disabled",
)


class TwoFactorError(AccountError):
    """A code, password or step that is refused; `field` names the input at fault (or None)."""

    def __init__(self, field: str | None, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


def is_enabled(user) -> bool:
    """For the ORM row and the signed-in user's light row alike."""
    return user.two_factor_on


def is_required(user: User) -> bool:
    """The setting TWO_FACTOR_REQUIRED_FOR_COORDINATORS makes it compulsory for coordinators."""
    return user.role == COORDINATOR and current_app.config["TWO_FACTOR_REQUIRED_FOR_COORDINATORS"]


def start_setup(user: User) -> str:
    """The secret the user is about to add to their authenticator app.

    Made once and kept (not yet enabled) until a first code confirms it, so that reloading the
    set-up page does not invalidate a QR code already scanned.
    """
    if is_enabled(user):
        raise TwoFactorError(None, _l("Die Zwei-Faktor-Anmeldung ist schon eingeschaltet."))
    if not user.totp_secret:
        user.totp_secret = pyotp.random_base32()
        db.session.commit()
    return user.totp_secret


def provisioning_uri(user: User) -> str:
    """The otpauth:// address that authenticator apps read from the QR code."""
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def confirm_setup(user: User, code: str, now: datetime | None = None) -> None:
    """Turn two-factor sign-in on, once a first code shows the app has the secret."""
    if is_enabled(user):
        raise TwoFactorError(None, _l("Die Zwei-Faktor-Anmeldung ist schon eingeschaltet."))
    if not user.totp_secret:
        raise TwoFactorError(None, _l("Bitte laden Sie die Seite neu und beginnen Sie von vorn."))
    now = now or utcnow()
    step = _accepted_step(user, code, now)
    user.totp_enabled_at = now
    record(ENABLED, user, step=step)
    db.session.commit()


def disable(user: User, password: str, code: str, now: datetime | None = None) -> None:
    """Turn two-factor sign-in off: only with the current password and a current code."""
    if not is_enabled(user):
        raise TwoFactorError(None, _l("Die Zwei-Faktor-Anmeldung ist nicht eingeschaltet."))
    if is_required(user):
        raise TwoFactorError(
            None, _l("Für die Koordination ist die Zwei-Faktor-Anmeldung vorgeschrieben.")
        )
    if not user.check_password(password):
        raise TwoFactorError("password", _l("Das Passwort stimmt nicht."))
    step = _accepted_step(user, code, now or utcnow())
    user.totp_secret = None
    user.totp_enabled_at = None
    record(DISABLED, user, step=step)
    db.session.commit()


def verify_code(user: User, code: str, now: datetime | None = None) -> None:
    """Accept a code at sign-in, or raise TwoFactorError for the field "code"."""
    step = _accepted_step(user, code, now or utcnow())
    record(CODE_ACCEPTED, user, step=step)
    db.session.commit()


def _accepted_step(user: User, code: str, now: datetime) -> int:
    """The time step of a valid, unused code (pyotp's `verify(code, valid_window=1)`, which
    does not say which step matched, so the window is walked here).

    A code counts once: every accepted code leaves its step in the audit log (enable, sign-in,
    disable), and only a later step is accepted after it. That store is the database, so it
    holds across browsers and workers; the user's row is locked meanwhile (on PostgreSQL), so
    two requests with one code cannot both pass. Limit: a code of a step older than the last
    accepted one is refused too, which costs a user at most 30 seconds of waiting.
    """
    code = "".join((code or "").split())
    totp = pyotp.TOTP(user.totp_secret)
    current = totp.timecode(now)
    step = next(
        (
            candidate
            for candidate in range(current - VALID_WINDOW, current + VALID_WINDOW + 1)
            if code.isdigit() and pyotp.utils.strings_equal(code, totp.generate_otp(candidate))
        ),
        None,
    )
    if step is None:
        raise TwoFactorError("code", _l("Der Code stimmt nicht. Bitte nehmen Sie den aktuellen."))
    db.session.execute(select(User.id).where(User.id == user.id).with_for_update())
    last = _last_accepted_step(user)
    if last is not None and step <= last:
        db.session.rollback()  # releases the row lock
        raise TwoFactorError(
            "code",
            _l("Dieser Code wurde schon benutzt. Bitte warten Sie auf den nächsten Code."),
        )
    return step


def _last_accepted_step(user: User) -> int | None:
    details = db.session.scalar(
        select(AuditLog.details)
        .where(
            AuditLog.object_type == "User",
            AuditLog.object_id == user.id,
            AuditLog.action.in_((ENABLED, CODE_ACCEPTED, DISABLED)),
        )
        .order_by(AuditLog.id.desc())
        .limit(1)
    )
    return (details or {}).get("step")


# The sign-in that waits for its second factor ---------------------------------------------
#
# Kept in the signed session cookie: who, "remember me", and since when. Nobody is signed in
# until the code is accepted; after PENDING_MAX_AGE the password has to be entered again.


def begin(user: User, remember: bool, now: datetime | None = None):
    """After the password: a redirect to the code page if the user has two-factor sign-in on,
    else None (the caller signs them in at once)."""
    if not is_enabled(user):
        return None
    kept = {key: session[key] for key in CARRIED_OVER if key in session}
    session.clear()  # a fresh session, as at every sign-in
    session.update(kept)
    session[PENDING_KEY] = {
        "user_id": user.id,
        "remember": bool(remember),
        "started": (now or utcnow()).timestamp(),
    }
    return redirect(url_for("two_factor.code", next=request.args.get("next")))


def pending_user(now: datetime | None = None) -> User | None:
    """The user who gave their password and owes a code, unless that was too long ago."""
    state = session.get(PENDING_KEY)
    if not state:
        return None
    age = (now or utcnow()).timestamp() - state["started"]
    user = db.session.get(User, state["user_id"])
    if not 0 <= age <= PENDING_MAX_AGE.total_seconds() or user is None or not user.is_active:
        session.pop(PENDING_KEY, None)
        return None
    return user if is_enabled(user) else None


def pending_remember() -> bool:
    return bool((session.get(PENDING_KEY) or {}).get("remember"))


def pending_user_id() -> int | None:
    return (session.get(PENDING_KEY) or {}).get("user_id")


def end_pending() -> None:
    session.pop(PENDING_KEY, None)
