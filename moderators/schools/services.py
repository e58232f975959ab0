"""Changes to schools: create, update (including deactivation) and inviting a school contact."""

from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from moderators.auth import services as accounts
from moderators.auth.models import SCHOOL, Invitation
from moderators.common.audit import record
from moderators.common.models import District
from moderators.extensions import db
from moderators.schools.models import SCHOOL_TYPES, School

TEXT_FIELDS = ("name", "address", "contact_name", "contact_email", "contact_phone", "notes")
FIELDS = frozenset({*TEXT_FIELDS, "type", "district_id", "active"})


class SchoolError(ValueError):
    """A school change that breaks a rule; `field` names the input it is about, if any."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def create_school(
    *,
    name: str,
    type: str,
    district_id: int,
    address: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    notes: str = "",
    active: bool = True,
) -> School:
    fields = _clean(
        {
            "name": name,
            "type": type,
            "district_id": district_id,
            "address": address,
            "contact_name": contact_name,
            "contact_email": contact_email,
            "contact_phone": contact_phone,
            "notes": notes,
            "active": active,
        }
    )
    school = School(**fields)
    db.session.add(school)
    # Names of the fields filled in, never their values: the log is no copy of contact data.
    filled = sorted(name for name, value in fields.items() if value not in ("", None))
    record("school.create", school, name=school.name, fields=filled)
    db.session.commit()
    return school


def update_school(school: School, **fields: Any) -> list[str]:
    """Change the given fields; returns the names of those that really changed.

    Setting `active=False` is how a school leaves the programme: nothing is deleted.
    """
    unknown = set(fields) - FIELDS
    if unknown:
        raise TypeError(f"unknown school fields: {sorted(unknown)}")
    cleaned = _clean(fields)
    changed = [name for name, value in cleaned.items() if getattr(school, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(school, name, cleaned[name])
    if "district_id" in changed:
        school.district = db.session.get(District, cleaned["district_id"])
    details = {"active": school.active} if "active" in changed else {}
    record("school.update", school, changed=changed, **details)
    db.session.commit()
    return changed


def invite_contact(school: School, email: str) -> tuple[Invitation, str]:
    """Invite a contact person of `school` to an account with the school role.

    Returns the invitation and its secret token (for the link). Raises SchoolError or
    moderators.auth.services.AccountError with a message for the coordinator.
    """
    if not school.active:
        raise SchoolError(
            _l("Diese Schule ist deaktiviert. Aktivieren Sie sie, bevor Sie jemanden einladen."),
            field="email",
        )
    existing = accounts.find_user(email)
    if existing is not None and existing.school_id not in (None, school.id):
        raise SchoolError(
            _l("Diese E-Mail-Adresse gehört schon zum Zugang einer anderen Schule."),
            field="email",
        )
    return accounts.invite(email, SCHOOL, school=school)


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    """Strip text, check the domain rules, and return the values to store."""
    cleaned = dict(fields)
    for name in TEXT_FIELDS:
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
            _check_length(name, cleaned[name])
    if "name" in cleaned and not cleaned["name"]:
        raise SchoolError(_l("Bitte geben Sie den Namen der Schule an."), field="name")
    if "type" in cleaned and cleaned["type"] not in SCHOOL_TYPES:
        raise SchoolError(_l("Bitte wählen Sie eine Art der Einrichtung."), field="type")
    if "district_id" in cleaned and (
        cleaned["district_id"] is None or db.session.get(District, cleaned["district_id"]) is None
    ):
        raise SchoolError(_l("Bitte wählen Sie einen Bezirk."), field="district_id")
    if cleaned.get("contact_email"):
        try:
            validate_email(cleaned["contact_email"], check_deliverability=False)
        except EmailNotValidError as error:
            raise SchoolError(
                _l("Bitte geben Sie eine gültige E-Mail-Adresse an."), field="contact_email"
            ) from error
    if "active" in cleaned:
        cleaned["active"] = bool(cleaned["active"])
    return cleaned


def _check_length(name: str, value: str) -> None:
    limit = getattr(School.__table__.c[name].type, "length", None)
    if limit is not None and len(value) > limit:
        raise SchoolError(_l("Höchstens %(max)d Zeichen.", max=limit), field=name)
