"""Accounts: sign-in, invitations, password, UI language and API tokens."""

import secrets

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from moderators.auth.models import INVITE, RESET, ROLES, Invitation, User, token_digest
from moderators.auth.passwords import password_problem, waste_a_check
from moderators.auth.sessions import begin_session
from moderators.common.audit import current_actor, record
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.notifications.outbox import queue_mail
from moderators.notifications.sending import send_now


class AccountError(ValueError):
    """A change to an account that cannot be made; the message is shown to the user."""


class AccountFieldError(AccountError):
    """An account change refused because of one input: the message goes next to `field`."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None; `sign_in` records the login,
    which may still wait for a second factor (moderators/auth/two_factor.py)."""
    user = find_user(email)
    if user is None or user.password_hash is None:
        # The same scrypt work as for a wrong password: the time tells no address apart.
        waste_a_check(password)
        return None
    if not user.check_password(password) or not user.is_active:
        return None
    return user


def sign_in(user: User, remember: bool = False) -> None:
    """Start the signed-in session, the same after the password alone, after the second factor
    or after setting a password: a fresh session (nothing carried over); the login is recorded."""
    begin_session(user, remember=remember)
    user.last_login_at = utcnow()
    record("user.login", user)
    db.session.commit()


def sign_out_everywhere(user: User) -> None:
    """End every session of `user`, in this browser and any other (copied cookies included)."""
    user.session_version += 1
    record("user.logout", user)
    db.session.commit()


def change_password(user: User, current_password: str, new_password: str) -> None:
    """A new password, given the current one; every other session ends, a notice is mailed.

    The caller goes on with a renewed session (sessions.renew_session)."""
    _check_current_password(user, current_password)
    if (problem := password_problem(new_password)) is not None:
        raise AccountFieldError("password", problem)
    user.set_password(new_password)
    user.session_version += 1
    record("user.password_changed", user)
    db.session.commit()
    _send_notice(user.email, user, _l("Ihr Passwort wurde geändert"), "password_changed")


def change_email(user: User, current_password: str, new_email: str) -> None:
    """A new sign-in address, given the current password; the old address is told."""
    _check_current_password(user, current_password)
    old, new = user.email, normalise_email(new_email)
    if new == old:
        raise AccountFieldError("email", _l("Das ist schon Ihre E-Mail-Adresse."))
    if find_user(new) is not None:
        raise AccountFieldError("email", _l("Es gibt schon ein Konto mit dieser E-Mail-Adresse."))
    user.email = new
    record("user.email_changed", user, fields=["email"])  # values stay out of the log
    db.session.commit()
    _send_notice(old, user, _l("Ihre E-Mail-Adresse wurde geändert"), "email_changed", new=new)


def _check_current_password(user: User, password: str) -> None:
    if not user.check_password(password or ""):
        raise AccountFieldError("current_password", _l("Das aktuelle Passwort stimmt nicht."))


def _send_notice(recipient: str, user: User, subject, template: str, **context) -> None:
    """Sent at once, since a change the user did not make needs an answer soon."""
    send_now(
        queue_mail(
            recipient,
            subject,
            template,
            locale=user.locale,
            changed_at=utcnow(),
            reset_link=url_for("auth.forgot_password", _external=True),
            **context,
        )
    )


def create_user(
    email: str, role: str, password: str | None = None, moderator=None, school=None
) -> User:
    if role not in ROLES:
        raise AccountError(_l("Unbekannte Rolle: %(role)s", role=role))
    if find_user(email) is not None:
        raise AccountError(_l("Es gibt schon ein Konto mit dieser E-Mail-Adresse."))
    if password and (problem := password_problem(password)) is not None:
        raise AccountError(problem)
    user = User(email=normalise_email(email), role=role, moderator=moderator, school=school)
    if password:
        user.set_password(password)
    db.session.add(user)
    record("user.create", user, role=role, fields=["email"])
    db.session.commit()
    return user


def invite(email: str, role: str, *, moderator=None, school=None) -> tuple[Invitation, str]:
    """Create (or reuse) the account for a moderator or school contact and e-mail a link.

    Returns the invitation and the link's secret token; earlier open links of the account stop
    working, so only the newest mail counts.
    """
    email = normalise_email(email)
    user = find_user(email)
    if user is not None and (
        user.role != role or (moderator and user.moderator_id not in (None, moderator.id))
    ):
        raise AccountError(_l("Diese E-Mail-Adresse gehört schon zu einem anderen Konto."))
    if user is not None and user.password_hash is not None:
        raise AccountError(_l("Dieses Konto ist schon eingerichtet."))
    if moderator is not None and moderator.user not in (None, user):
        raise AccountError(_l("Diese Person hat schon ein Konto."))
    if user is None:
        user = User(email=email, role=role)
        db.session.add(user)
    user.moderator = moderator or user.moderator
    user.school = school or user.school
    invitation, token = _issue_link(user, INVITE)
    record("user.invite", user, role=role, fields=["email"])
    db.session.commit()
    # Sent at once, since someone may be waiting for it; kept in the outbox if that fails.
    send_now(
        queue_mail(
            email,
            _l("Einladung zur Elternmoderation Hamburg"),
            "invitation",
            locale=user.locale,
            link=url_for("auth.accept_invitation", token=token, _external=True),
            expires_at=invitation.expires_at,
        )
    )
    return invitation, token


def send_password_reset(email: str) -> str | None:
    """E-mail a link to set a new password, if an active account has this address.

    The caller shows the same answer either way, so nobody learns which addresses exist.
    Returns the token (for tests), or None when nothing was sent.
    """
    user = find_user(email)
    if user is None or not user.is_active:
        return None
    invitation, token = _issue_link(user, RESET, max_age=current_app.config["RESET_MAX_AGE"])
    record("user.password_reset_requested", user)
    db.session.commit()
    send_now(
        queue_mail(
            user.email,
            _l("Neues Passwort für die Elternmoderation Hamburg"),
            "password_reset",
            locale=user.locale,
            link=url_for("auth.reset_password", token=token, _external=True),
            expires_at=invitation.expires_at,
        )
    )
    return token


def _issue_link(user: User, purpose: str, max_age=None) -> tuple[Invitation, str]:
    """A new single-use link for `user`; their earlier open links stop working."""
    db.session.flush()
    now = utcnow()
    for earlier in db.session.scalars(
        select(Invitation).where(Invitation.user_id == user.id, Invitation.used_at.is_(None))
    ):
        earlier.expires_at = min(earlier.expires_at, now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        user=user,
        purpose=purpose,
        token_hash=token_digest(token),
        expires_at=now + (max_age or current_app.config["INVITATION_MAX_AGE"]),
        invited_by_id=_actor_id(),
    )
    db.session.add(invitation)
    return invitation, token


def _actor_id() -> int | None:
    actor = current_actor()
    return actor.id if actor is not None else None


def find_invitation(token: str, purpose: str = INVITE) -> Invitation | None:
    """The link behind a token, if it is for `purpose` and still usable."""
    invitation = db.session.scalar(
        select(Invitation).where(
            Invitation.token_hash == token_digest(token), Invitation.purpose == purpose
        )
    )
    return invitation if invitation is not None and invitation.is_usable else None


def accept_invitation(invitation: Invitation, password: str) -> User:
    """Set the password once; the link cannot be used again."""
    if not invitation.is_usable:
        raise AccountError(_l("Dieser Link ist abgelaufen oder wurde schon benutzt."))
    if (problem := password_problem(password)) is not None:
        raise AccountFieldError("password", problem)
    invitation.used_at = utcnow()
    user = invitation.user
    user.set_password(password)
    if invitation.purpose == INVITE:
        user.active = True
    else:  # whoever knew the old password is signed out everywhere
        user.session_version += 1
    record(f"user.{invitation.purpose}_accepted", user)
    db.session.commit()
    return user


def set_locale(user: User, locale: str | None) -> None:
    user.locale = locale or None
    record("user.set_locale", user, locale=user.locale)
    db.session.commit()


def set_active(user: User, active: bool) -> None:
    user.active = active
    if not active:  # its sessions stay ended even if the account is let in again
        user.session_version += 1
    record("user.activate" if active else "user.deactivate", user)
    db.session.commit()


def issue_api_token(user: User) -> str:
    """A new personal API token; the old one stops working."""
    token = secrets.token_urlsafe(32)
    user.api_token_hash = token_digest(token)
    record("user.api_token", user)
    db.session.commit()
    return token


def issue_calendar_token(user: User) -> str:
    """A new secret for the personal calendar feed; the address with the old one stops working."""
    token = secrets.token_urlsafe(32)
    user.calendar_token_hash = token_digest(token)
    record("user.calendar_token", user)
    db.session.commit()
    return token


def revoke_calendar_token(user: User) -> None:
    """The calendar feed's address stops working; calendar apps get 404 from then on."""
    if user.calendar_token_hash is None:
        return
    user.calendar_token_hash = None
    record("user.calendar_token_revoked", user)
    db.session.commit()


def user_for_calendar_token(token: str) -> User | None:
    """The active user whose calendar feed this token opens, or None."""
    if not token:
        return None
    user = db.session.scalar(select(User).where(User.calendar_token_hash == token_digest(token)))
    return user if user is not None and user.is_active else None
