"""Who receives a mail about a request or session, at which address, in which language."""

from dataclasses import dataclass

from sqlalchemy import select

from moderators.auth.models import COORDINATOR, User
from moderators.extensions import db


@dataclass(frozen=True)
class Recipient:
    address: str
    locale: str | None = None
    user: User | None = None  # the account behind the address, if there is one


def _of_user(user: User) -> Recipient:
    return Recipient(user.email, user.locale, user)


def coordinators() -> list[Recipient]:
    users = db.session.scalars(
        select(User).where(User.role == COORDINATOR, User.active.is_(True)).order_by(User.id)
    )
    return [_of_user(user) for user in users if user.is_active]


def moderator_recipient(moderator) -> Recipient:
    """The moderator's account if it is in use (with its language), else the address on file."""
    user = moderator.user
    if user is not None and user.is_active:
        return _of_user(user)
    return Recipient(moderator.email)


def school_recipients(school) -> list[Recipient]:
    """The school's active accounts; without any, the contact address on file."""
    if school is None:
        return []
    users = [_of_user(user) for user in school.users if user.is_active]
    return users or ([Recipient(school.contact_email)] if school.contact_email else [])


def distinct(recipients: list[Recipient]) -> list[Recipient]:
    """Each address once, in the order given."""
    seen: set[str] = set()
    result = []
    for recipient in recipients:
        key = recipient.address.strip().lower()
        if key and key not in seen:
            seen.add(key)
            result.append(recipient)
    return result
