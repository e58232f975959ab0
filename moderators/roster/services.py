"""Changes to moderators' profiles: every one validated here, audited and committed."""

from datetime import date, time
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from moderators.common.audit import record
from moderators.common.models import District
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.roster.models import (
    LEVELS,
    STATUSES,
    Absence,
    AvailabilityWindow,
    Moderator,
    ModeratorLanguage,
)

PLAIN_FIELDS = ("first_name", "last_name", "email", "phone", "status", "notes")
REQUIRED_FIELDS = ("first_name", "last_name")


class ProfileError(ValueError):
    """A profile change that breaks a rule; `field` names the input at fault."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


def create_moderator(**fields: Any) -> Moderator:
    """A new moderator (status trainee unless given)."""
    moderator = add_moderator(**fields)
    db.session.commit()
    return moderator


def add_moderator(**fields: Any) -> Moderator:
    """Validate and add a new moderator to the current transaction; the caller commits."""
    moderator = Moderator(status=fields.get("status") or "trainee")
    for name in REQUIRED_FIELDS:
        if not (fields.get(name) or "").strip():
            raise ProfileError(name, _l("Bitte ausfüllen."))
    changed = _apply(moderator, fields)
    db.session.add(moderator)
    record("moderator.create", moderator, fields=changed)
    return moderator


def update_moderator(moderator: Moderator, **fields: Any) -> list[str]:
    """Change what `fields` names; the keys not given stay as they are. Returns changed names."""
    changed = _apply(moderator, fields)
    if changed:
        record("moderator.update", moderator, fields=changed)
        db.session.commit()
    return changed


def _apply(moderator: Moderator, fields: dict[str, Any]) -> list[str]:
    """Validate everything first, then change: a rejected update leaves the moderator as it was."""
    plain = {k: _clean(k, v) for k, v in fields.items() if k in PLAIN_FIELDS}
    if "status" in plain and plain["status"] not in STATUSES:
        raise ProfileError("status", _l("Unbekannter Status."))
    for name in REQUIRED_FIELDS:
        if name in plain and not plain[name]:
            raise ProfileError(name, _l("Bitte ausfüllen."))
    languages = _languages(fields["languages"]) if "languages" in fields else None
    districts = _districts(fields["districts"]) if "districts" in fields else None
    windows = _windows(fields["availability"]) if "availability" in fields else None
    absences = _absences(fields["absences"]) if "absences" in fields else None

    changed = [k for k, v in plain.items() if getattr(moderator, k) != v]
    for key in changed:
        setattr(moderator, key, plain[key])
    if languages is not None and languages != _current_languages(moderator):
        by_id = {link.language_id: link for link in moderator.languages}
        moderator.languages = [
            _language_link(by_id.get(language.id), language, level)
            for language, level in languages.items()
        ]
        changed.append("languages")
    if districts is not None and {d.id for d in districts} != {d.id for d in moderator.districts}:
        moderator.districts = districts
        changed.append("districts")
    if windows is not None and windows != _current_windows(moderator):
        moderator.availability = [
            AvailabilityWindow(weekday=d, starts_at=s, ends_at=e) for d, s, e in windows
        ]
        changed.append("availability")
    if absences is not None and absences != _current_absences(moderator):
        moderator.absences = [Absence(starts_on=s, ends_on=e) for s, e in absences]
        changed.append("absences")
    return changed


def _clean(key: str, value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
    return value if value is not None or key == "status" else ""


def _language_link(existing, language: Language, level: str) -> ModeratorLanguage:
    if existing is not None:
        existing.level = level
        return existing
    return ModeratorLanguage(language=language, level=level)


def _current_languages(moderator: Moderator) -> dict[Language, str]:
    return {link.language: link.level for link in moderator.languages}


def _current_windows(moderator: Moderator) -> list[tuple[int, time, time]]:
    return sorted((w.weekday, w.starts_at, w.ends_at) for w in moderator.availability)


def _current_absences(moderator: Moderator) -> list[tuple[date, date]]:
    return sorted((a.starts_on, a.ends_on) for a in moderator.absences)


def _languages(levels_by_code: dict[str, str]) -> dict[Language, str]:
    """{code: level} → {Language: level}; unknown codes or levels name the field."""
    codes = set(levels_by_code)
    found = {
        lang.code: lang
        for lang in db.session.scalars(select(Language).where(Language.code.in_(codes)))
    }
    unknown = sorted(codes - set(found))
    if unknown:
        raise ProfileError(
            "languages", _l("Unbekannte Sprachcodes: %(codes)s", codes=", ".join(unknown))
        )
    bad_levels = sorted({lvl for lvl in levels_by_code.values() if lvl not in LEVELS})
    if bad_levels:
        raise ProfileError(
            "languages", _l("Unbekannte Stufe: %(levels)s", levels=", ".join(bad_levels))
        )
    return {found[code]: level for code, level in sorted(levels_by_code.items())}


def _districts(names: list[str]) -> list[District]:
    wanted = set(names)
    found = list(db.session.scalars(select(District).where(District.name.in_(wanted))))
    unknown = sorted(wanted - {d.name for d in found})
    if unknown:
        raise ProfileError(
            "districts", _l("Unbekannte Bezirke: %(names)s", names=", ".join(unknown))
        )
    return sorted(found, key=lambda d: d.position)


def _windows(windows: list[tuple[int, time, time]]) -> list[tuple[int, time, time]]:
    windows = sorted(windows)
    for weekday, starts_at, ends_at in windows:
        check_window(weekday, starts_at, ends_at, field="availability")
    for (day_a, _s, end_a), (day_b, start_b, _e) in zip(windows, windows[1:], strict=False):
        if day_a == day_b and start_b < end_a:
            raise ProfileError("availability", _l("Zeitfenster am selben Tag überschneiden sich."))
    return windows


def _absences(ranges: list[tuple[date, date]]) -> list[tuple[date, date]]:
    for starts_on, ends_on in ranges:
        check_absence(starts_on, ends_on, field="absences")
    return sorted(ranges)


def check_window(weekday: int, starts_at: time, ends_at: time, field: str = "ends_at") -> None:
    if weekday not in range(7):
        raise ProfileError(field, _l("Der Wochentag muss zwischen 0 (Montag) und 6 liegen."))
    if starts_at >= ends_at:
        raise ProfileError(field, _l("Das Ende muss nach dem Beginn liegen."))


def check_absence(starts_on: date, ends_on: date, field: str = "ends_on") -> None:
    if ends_on < starts_on:
        raise ProfileError(field, _l("Das letzte Datum darf nicht vor dem ersten liegen."))


def add_availability(moderator: Moderator, weekday: int, starts_at: time, ends_at: time):
    """One more weekly window; it may not overlap another window of the same day."""
    check_window(weekday, starts_at, ends_at)
    for window in moderator.availability:
        if window.weekday == weekday and starts_at < window.ends_at and window.starts_at < ends_at:
            raise ProfileError(
                "starts_at", _l("Überschneidet sich mit einem vorhandenen Zeitfenster.")
            )
    window = AvailabilityWindow(weekday=weekday, starts_at=starts_at, ends_at=ends_at)
    moderator.availability.append(window)
    record(
        "moderator.add_availability",
        moderator,
        weekday=weekday,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    db.session.commit()
    return window


def remove_availability(moderator: Moderator, window: AvailabilityWindow) -> None:
    # Deleted as a row: going through moderator.availability would load all windows first.
    db.session.delete(window)
    record(
        "moderator.remove_availability",
        moderator,
        weekday=window.weekday,
        starts_at=window.starts_at,
        ends_at=window.ends_at,
    )
    db.session.commit()


def add_absence(moderator: Moderator, starts_on: date, ends_on: date, note: str = "") -> Absence:
    check_absence(starts_on, ends_on)
    absence = Absence(starts_on=starts_on, ends_on=ends_on, note=(note or "").strip())
    moderator.absences.append(absence)
    record("moderator.add_absence", moderator, starts_on=starts_on, ends_on=ends_on)
    db.session.commit()
    return absence


def remove_absence(moderator: Moderator, absence: Absence) -> None:
    db.session.delete(absence)
    record(
        "moderator.remove_absence", moderator, starts_on=absence.starts_on, ends_on=absence.ends_on
    )
    db.session.commit()
