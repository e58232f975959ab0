"""The audit log: who changed what, and when."""

from datetime import datetime
from typing import Any

from flask import g, has_request_context
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from moderators.common.models import UTCDateTime, utcnow
from moderators.extensions import db


class AuditLog(db.Model):
    # The history of one object (a review page, the audit viewer's filter).
    __table_args__ = (Index("ix_audit_log_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor = relationship("User", lazy="joined")


def current_actor():
    """The user behind this request: an API token's user or the signed-in user; None in the CLI."""
    if not has_request_context():
        return None
    api_user = g.get("api_user")
    if api_user is not None:
        return api_user
    return current_user if current_user.is_authenticated else None


def record(action: str, obj: Any, **details: Any) -> AuditLog:
    """Add an audit row to the current transaction; the caller's commit writes it."""
    if hasattr(obj, "_get_current_object"):  # current_user is a proxy; record the user
        obj = obj._get_current_object()
    if getattr(obj, "id", None) is None:
        db.session.flush()
    actor = current_actor()
    entry = AuditLog(
        actor_id=actor.id if actor is not None else None,
        action=action,
        object_type=type(obj).__name__,
        object_id=obj.id,
        details=_plain(details),
    )
    db.session.add(entry)
    return entry


def _plain(value: Any) -> Any:
    """JSON-safe copy of audit details (dates as ISO strings, sets as sorted lists)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
