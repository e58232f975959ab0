"""Who is asking: one row of the columns every request needs, not an ORM object.

Every page and API call asks who is asking (role, language, own moderator or school), and
loading the user as an ORM object took about a sixth of an empty page. What changes the
account or shows more of it (the account page, two-factor sign-in, a new password) works on
the ORM row: `signed_in_user()`. The light row is frozen, so a service handed it by mistake
fails loudly instead of changing nothing.
"""

from dataclasses import dataclass
from functools import cache

from flask_login import UserMixin, current_user
from sqlalchemy import and_, bindparam, func, select

from moderators.auth.models import ROLE_LABELS, User, token_digest
from moderators.extensions import db


@dataclass(frozen=True, eq=False)  # equality and hash as Flask-Login's UserMixin has them
class SignedInUser(UserMixin):
    id: int
    email: str
    role: str
    locale: str | None
    moderator_id: int | None
    school_id: int | None
    session_version: int
    may_sign_in: bool  # active and with a password
    two_factor_on: bool

    @property
    def is_active(self) -> bool:
        return self.may_sign_in

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS[self.role])


@cache
def _statement(key: str):
    """The row of the user whose `key` column holds the parameter `value`."""
    # Of the table, not the mapped class: a plain Core statement skips the ORM's compile step.
    user = User.__table__.c
    return select(
        user.id,
        user.email,
        user.role,
        user.locale,
        user.moderator_id,
        user.school_id,
        user.session_version,
        and_(user.active, user.password_hash.is_not(None)),
        # A secret, confirmed with a first code (as User.two_factor_on)
        and_(user.totp_enabled_at.is_not(None), func.length(user.totp_secret) > 0),
    ).where(user[key] == bindparam("value"))


def load(user_id: int) -> SignedInUser | None:
    """The user of a browser session."""
    return _load("id", user_id)


def user_for_api_token(token: str) -> SignedInUser | None:
    """The active user whose personal API token this is."""
    if not token:
        return None
    user = _load("api_token_hash", token_digest(token))
    return user if user is not None and user.is_active else None


def _load(key: str, value) -> SignedInUser | None:
    row = db.session.execute(_statement(key), {"value": value}).one_or_none()
    if row is None:
        return None
    # Booleans from SQL: SQLite answers 0 or 1.
    return SignedInUser(*row[:7], may_sign_in=bool(row[7]), two_factor_on=bool(row[8]))


def signed_in_user() -> User:
    """The signed-in user as the ORM row, for what changes the account or shows its relations."""
    return db.session.get(User, current_user.id)
