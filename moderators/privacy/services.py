"""Changes for privacy: the audited export, anonymising a moderator or a school contact, purge.

Anonymising keeps every row that statistics and accounting rest on (bookings, reports,
activities, enrolments) and erases what names or reaches the person:
- a moderator: names become the pseudonym "Person <id>"; e-mail, phone, notes, districts,
  availability, absences (with their notes), the reasons they gave when declining a booking or
  leaving a training are erased. Their languages stay: statistics per language count them, and
  alone they name nobody.
- a school contact: contact name, e-mail and phone. The school itself is an institution and
  stays as it is.
In both cases their accounts are locked for good (address "anonymised-<id>@invalid", no
password, no tokens, no second factor), the bodies of the mails stored for their addresses
are blanked, and audit rows that held their address keep a placeholder instead.
"""

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from moderators.auth.models import Invitation, User
from moderators.common.audit import AuditLog, record
from moderators.common.commits import commit_keeping_loaded_objects
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.logbook.rules import LogbookError
from moderators.notifications.models import FAILED, PENDING, OutboxMail
from moderators.privacy import retention
from moderators.privacy.records import PersonalRecords, addresses_of, personal_records
from moderators.roster.models import RETIRED, Moderator
from moderators.scheduling.models import BOOKED, Assignment
from moderators.schools.models import School
from moderators.training.models import Enrollment

T = TypeVar("T")
PLACEHOLDER_DOMAIN = "invalid"  # RFC 2606: never delivered anywhere
ERASED_MODERATOR_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "notes",
    "districts",
    "availability",
    "absences",
]
ERASED_CONTACT_FIELDS = ["contact_name", "contact_email", "contact_phone"]


class PrivacyError(LogbookError):
    """An anonymisation that may not be done (now); `field` is None: the message is a flash."""


def pseudonym(moderator_id: int) -> tuple[str, str]:
    """First and last name of an anonymised moderator: stable, so the same person stays one
    row in statistics, and naming nobody."""
    return "Person", str(moderator_id)


def placeholder_address(user_id: int) -> str:
    return f"anonymised-{user_id}@{PLACEHOLDER_DOMAIN}"


def is_placeholder(address: str) -> bool:
    return address.endswith("@" + PLACEHOLDER_DOMAIN)


# Export ------------------------------------------------------------------------------------


def export_moderator_data(
    moderator: Moderator, format: str, render: Callable[[PersonalRecords], T]
) -> T:
    """Everything held about the moderator (from records.moderator_for_export), as `render`
    writes it out. The export is audited first, so that it is listed too, and what was
    written is handed out only once that audit entry is committed."""
    record("privacy.export", moderator, format=format)
    written = render(personal_records(moderator))  # the first query writes the entry
    # The request has done its reading: its answer needs nothing loaded again.
    commit_keeping_loaded_objects()
    return written


# Anonymising a moderator ------------------------------------------------------------------


def upcoming_bookings(moderator: Moderator) -> list[Assignment]:
    return list(
        db.session.scalars(
            select(Assignment).where(
                Assignment.moderator_id == moderator.id,
                Assignment.status.in_(BOOKED),
                Assignment.ends_at > utcnow(),
            )
        )
    )


def check_anonymisable(moderator: Moderator) -> None:
    """Only a retired moderator with nothing booked ahead; raises PrivacyError otherwise."""
    if moderator.anonymised_at is not None:
        raise PrivacyError(None, _l("Diese Person ist schon anonymisiert."), conflict=True)
    if moderator.status != RETIRED:
        raise PrivacyError(
            None,
            _l("Nur ausgeschiedene Moderator*innen können anonymisiert werden."),
            conflict=True,
        )
    if upcoming_bookings(moderator):
        raise PrivacyError(
            None,
            _l("Die Person ist noch für kommende Veranstaltungen angefragt oder eingeteilt."),
            conflict=True,
        )


def anonymise_moderator(moderator: Moderator) -> None:
    """Erase the moderator's personal data for good; the rows statistics need stay."""
    check_anonymisable(moderator)
    addresses = addresses_of(moderator)
    moderator.first_name, moderator.last_name = pseudonym(moderator.id)
    moderator.email = moderator.phone = moderator.notes = ""
    moderator.districts = []
    moderator.availability = []
    moderator.absences = []
    for assignment in db.session.scalars(
        select(Assignment).where(Assignment.moderator_id == moderator.id)
    ):
        assignment.decline_reason = ""
    for enrollment in db.session.scalars(
        select(Enrollment).where(Enrollment.moderator_id == moderator.id)
    ):
        enrollment.drop_reason = ""
    users = [moderator.user] if moderator.user is not None else []
    _close_accounts(users)
    _blank_mails(addresses)
    moderator.anonymised_at = utcnow()
    record(
        "privacy.anonymise",
        moderator,
        erased=ERASED_MODERATOR_FIELDS + (["account"] if users else []) + ["outbox"],
        user_ids=[user.id for user in users],
    )
    db.session.commit()


# Anonymising a school contact --------------------------------------------------------------


def has_contact_data(school: School) -> bool:
    return bool(
        school.contact_name
        or school.contact_email
        or school.contact_phone
        or any(not is_placeholder(user.email) for user in school.users)
    )


def anonymise_school_contact(school: School) -> None:
    """Erase the contact person's data and close the school's accounts; the school stays."""
    if not has_contact_data(school):
        raise PrivacyError(
            None, _l("Zu dieser Schule sind keine Kontaktdaten mehr gespeichert."), conflict=True
        )
    users = [user for user in school.users if not is_placeholder(user.email)]
    addresses = {school.contact_email.strip().lower()} | {u.email.lower() for u in users}
    school.contact_name = school.contact_email = school.contact_phone = ""
    _close_accounts(users)
    _blank_mails({address for address in addresses if address})
    school.contact_anonymised_at = utcnow()
    record(
        "privacy.anonymise_contact",
        school,
        erased=ERASED_CONTACT_FIELDS + (["account"] if users else []) + ["outbox"],
        user_ids=[user.id for user in users],
    )
    db.session.commit()


# Shared -------------------------------------------------------------------------------------


def _close_accounts(users: list[User]) -> None:
    """Lock accounts for good: nothing left to sign in with, nothing left to mail to."""
    now = utcnow()
    for user in users:
        user.email = placeholder_address(user.id)
        user.active = False
        user.password_hash = user.api_token_hash = user.calendar_token_hash = None
        user.totp_secret = None
        user.totp_enabled_at = None
        user.locale = None
        user.session_version = (user.session_version or 0) + 1  # signed-in browsers are out
        for invitation in db.session.scalars(
            select(Invitation).where(Invitation.user_id == user.id, Invitation.used_at.is_(None))
        ):
            invitation.expires_at = min(invitation.expires_at, now)
        _scrub_audit_addresses(user)


def _scrub_audit_addresses(user: User) -> None:
    """Audit rows of account creation and invitation hold the address: replace it."""
    for entry in db.session.scalars(
        select(AuditLog).where(AuditLog.object_type == "User", AuditLog.object_id == user.id)
    ):
        if "email" in (entry.details or {}):
            entry.details = {**entry.details, "email": user.email}


def _blank_mails(addresses: set[str]) -> None:
    """Stored mails to these addresses keep subject and dates (proof that they were sent),
    not their contents; one still waiting is never sent."""
    if not addresses:
        return
    for mail in db.session.scalars(
        select(OutboxMail).where(func.lower(OutboxMail.recipient).in_(sorted(addresses)))
    ):
        mail.recipient = f"anonymised@{PLACEHOLDER_DOMAIN}"
        mail.body_text = ""
        mail.body_html = None
        mail.attachments = []
        if mail.status == PENDING:
            mail.status = FAILED
            mail.last_error = "anonymised"


# Retention ----------------------------------------------------------------------------------


def purge(years: int, apply: bool = False, today=None) -> retention.PurgePlan:
    """What is past the retention period; with `apply`, anonymise it (one commit each).

    Already anonymised people are not found again, so a second run does nothing.
    """
    plan = retention.purge_plan(years, today=today)
    if apply:
        for moderator_id in plan.moderator_ids:
            anonymise_moderator(db.session.get(Moderator, moderator_id))
        for school_id in plan.school_ids:
            anonymise_school_contact(db.session.get(School, school_id))
    return plan


def last_activity(moderator: Moderator) -> date | None:
    """For the profile page: when the moderator was last active, as the purge counts it."""
    return retention.moderator_last_activity([moderator.id]).get(moderator.id)
