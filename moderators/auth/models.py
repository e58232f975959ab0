"""User accounts and the single-use invitation links that activate them."""

import hashlib
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from moderators.auth.passwords import normalise
from moderators.common.models import TimestampMixin, UTCDateTime, utcnow
from moderators.extensions import db

COORDINATOR, MODERATOR, SCHOOL = "coordinator", "moderator", "school"
ROLES = (COORDINATOR, MODERATOR, SCHOOL)
ROLE_LABELS = {
    COORDINATOR: _l("Koordination"),
    MODERATOR: _l("Elternmoderator*in"),
    SCHOOL: _l("Schule"),
}


def token_digest(token: str) -> str:
    """Tokens are stored only as their SHA-256, so a copy of the database opens no account."""
    return hashlib.sha256(token.encode()).hexdigest()


class User(UserMixin, TimestampMixin, db.Model):
    __table_args__ = (
        CheckConstraint(f"role IN {ROLES!r}", name="role"),
        CheckConstraint(
            "(role = 'moderator') OR moderator_id IS NULL",
            name="moderator_link_only_for_moderators",
        ),
        CheckConstraint(
            "(role = 'school') OR school_id IS NULL", name="school_link_only_for_schools"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    locale: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(default=True)
    moderator_id: Mapped[int | None] = mapped_column(
        ForeignKey("moderator.id", ondelete="SET NULL"), unique=True
    )
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="SET NULL"), index=True
    )
    api_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    calendar_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Raised at logout everywhere, password change and blocking: older session cookies stop working.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Two-factor sign-in (TOTP): the shared secret, and when it was confirmed with a first code.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    moderator = relationship("Moderator", back_populates="user")
    school = relationship("School", back_populates="users")

    @property
    def is_active(self) -> bool:
        return self.active and self.password_hash is not None

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS[self.role])

    @property
    def two_factor_on(self) -> bool:
        """Two-factor sign-in is set up: a secret, confirmed with a first code."""
        return self.totp_enabled_at is not None and bool(self.totp_secret)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(normalise(password), method="scrypt")

    def check_password(self, password: str) -> bool:
        if self.password_hash is None:
            return False
        typed = normalise(password)
        # Hashes made before passwords were normalised hold the password as it was typed.
        return check_password_hash(self.password_hash, typed) or (
            typed != password and check_password_hash(self.password_hash, password)
        )

    def session_id(self) -> str:
        """What a sign-in keeps in the session and the remember-me cookie: id, session version
        and the time of sign-in, which moderators/auth/sessions.py checks on every request."""
        return f"{self.id}:{self.session_version}:{int(utcnow().timestamp())}"

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


INVITE, RESET = "invite", "reset"


class Invitation(db.Model):
    """A link that lets a person set their password once, before it expires: the invitation
    to a new account, or a reset of a forgotten password."""

    __table_args__ = (CheckConstraint("purpose IN ('invite', 'reset')", name="purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(10), default=INVITE)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    user = relationship("User", foreign_keys=[user_id])

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > utcnow()
