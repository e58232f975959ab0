"""Changes to topics: create and update (including deactivation); German names stay unique."""

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from moderators.common.audit import record
from moderators.extensions import db
from moderators.topics.models import Topic

FIELDS = frozenset({"name_de", "name_en", "description", "position", "active"})
OPTIONAL_TEXT = ("name_en", "description")


class TopicError(ValueError):
    """A topic change that breaks a rule; `field` names the input it is about, if any."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def create_topic(
    *,
    name_de: str,
    name_en: str | None = None,
    description: str | None = None,
    position: int | None = 0,
    active: bool = True,
) -> Topic:
    fields = _clean(
        {
            "name_de": name_de,
            "name_en": name_en,
            "description": description,
            "position": position,
            "active": active,
        }
    )
    _check_unique(fields["name_de"], None)
    topic = Topic(**fields)
    db.session.add(topic)
    record("topic.create", topic, name_de=topic.name_de)
    _commit()
    return topic


def update_topic(topic: Topic, **fields: Any) -> list[str]:
    """Change the given fields; returns the names of those that really changed.

    Setting `active=False` takes a topic out of use; sessions held on it keep it.
    """
    unknown = set(fields) - FIELDS
    if unknown:
        raise TypeError(f"unknown topic fields: {sorted(unknown)}")
    cleaned = _clean(fields)
    if "name_de" in cleaned:
        _check_unique(cleaned["name_de"], topic.id)
    changed = [name for name, value in cleaned.items() if getattr(topic, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(topic, name, cleaned[name])
    details = {"active": topic.active} if "active" in changed else {}
    record("topic.update", topic, changed=changed, **details)
    _commit()
    return changed


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(fields)
    if "name_de" in cleaned:
        cleaned["name_de"] = (cleaned["name_de"] or "").strip()
        if not cleaned["name_de"]:
            raise TopicError(_l("Bitte geben Sie den deutschen Namen an."), field="name_de")
    for name in OPTIONAL_TEXT:
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip() or None
    for name in ("name_de", *OPTIONAL_TEXT):
        limit = Topic.__table__.c[name].type.length
        if cleaned.get(name) and len(cleaned[name]) > limit:
            raise TopicError(_l("Höchstens %(max)d Zeichen.", max=limit), field=name)
    if "position" in cleaned:
        cleaned["position"] = cleaned["position"] or 0
    if "active" in cleaned:
        cleaned["active"] = bool(cleaned["active"])
    return cleaned


def _check_unique(name_de: str, topic_id: int | None) -> None:
    """Two topics may not share a German name, whatever the case of the letters."""
    query = select(Topic.id).where(func.lower(Topic.name_de) == name_de.lower())
    if topic_id is not None:
        query = query.where(Topic.id != topic_id)
    if db.session.scalar(query.limit(1)) is not None:
        raise TopicError(_duplicate_message(), field="name_de")


def _duplicate_message():
    return _l("Es gibt schon ein Thema mit diesem Namen.")


def _commit() -> None:
    """Commit; a topic of the same name saved at the same moment elsewhere still counts."""
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise TopicError(_duplicate_message(), field="name_de") from error
