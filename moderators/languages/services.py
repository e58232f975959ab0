"""Adding, renaming and deactivating languages; each change is written to the audit log."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from moderators.common.audit import record
from moderators.extensions import db
from moderators.i18n import text_direction
from moderators.languages.models import Language

DIRECTIONS = ("ltr", "rtl")


class LanguageError(ValueError):
    """A change to a language that cannot be made; the message is shown next to the field."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def find_language(code: str) -> Language | None:
    """The language with this code, whatever its case (BCP 47 codes are case-insensitive)."""
    return db.session.scalar(select(Language).where(func.lower(Language.code) == code.lower()))


def _direction(code: str, direction: str | None) -> str:
    if not direction:
        return text_direction(code)
    if direction not in DIRECTIONS:
        raise LanguageError(_l("Unbekannte Schreibrichtung."), field="direction")
    return direction


def create_language(
    code: str, name_de: str, direction: str | None = None, active: bool = True
) -> Language:
    """Add a language; without a direction, it follows from the code (ar → rtl)."""
    duplicate = LanguageError(_l("Diesen Sprachcode gibt es schon."), field="code")
    if find_language(code) is not None:
        raise duplicate
    language = Language(
        code=code, name_de=name_de, direction=_direction(code, direction), active=active
    )
    db.session.add(language)
    try:
        record(
            "language.create",
            language,
            code=code,
            name_de=name_de,
            direction=language.direction,
            active=active,
        )
        db.session.commit()
    except IntegrityError:  # another coordinator added the same code a moment ago
        db.session.rollback()
        raise duplicate from None
    return language


def update_language(
    language: Language, name_de: str, direction: str | None = None, active: bool = True
) -> Language:
    """Rename, change the direction or (de)activate; nothing is written when nothing changed."""
    new = {
        "name_de": name_de,
        "direction": _direction(language.code, direction),
        "active": active,
    }
    changes = {
        key: [getattr(language, key), value]
        for key, value in new.items()
        if getattr(language, key) != value
    }
    if not changes:
        return language
    for key, (_old, value) in changes.items():
        setattr(language, key, value)
    if "active" in changes:
        action = "language.activate" if active else "language.deactivate"
    else:
        action = "language.update"
    record(action, language, code=language.code, changes=changes)
    db.session.commit()
    return language
