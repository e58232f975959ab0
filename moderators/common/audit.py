"""The audit log: who changed what, and when."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from flask import g, has_request_context
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, Index, String, insert
from sqlalchemy.orm import Mapped, mapped_column, relationship

from moderators.auth.models import User
from moderators.auth.signed_in import SignedInUser
from moderators.common.batches import collecting
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


# The rows recorded inside batch(), while one is open: (object, the row without its object id).
Recorded = list[tuple[Any, dict[str, Any]]]
_batch: ContextVar[Recorded | None] = ContextVar("audit_batch", default=None)


def current_actor():
    """The user behind this request: an API token's user or the signed-in user; None in the CLI."""
    if not has_request_context():
        return None
    api_user = g.get("api_user")
    if api_user is not None:
        return api_user
    return current_user if current_user.is_authenticated else None


def record(action: str, obj: Any, **details: Any) -> AuditLog | None:
    """Add an audit row to the current transaction; the caller's commit writes it. Inside
    batch(), the row is stored with the others of the batch instead (and nothing is returned)."""
    if hasattr(obj, "_get_current_object") or isinstance(obj, SignedInUser):
        # current_user (a proxy) or the light row of who is asking: record their account
        obj = db.session.get(User, obj.id)
    actor = current_actor()
    row = {
        "actor_id": actor.id if actor is not None else None,
        "action": action,
        "object_type": type(obj).__name__,
        "details": _plain(details),
    }
    batch = _batch.get()
    if batch is not None:
        batch.append((obj, row))
        return None
    if getattr(obj, "id", None) is None:
        db.session.flush()
    entry = AuditLog(**row, object_id=obj.id)
    db.session.add(entry)
    return entry


@contextmanager
def batch() -> Iterator[None]:
    """Audit rows recorded inside the block are stored in one INSERT when it ends, in the order
    they were recorded, in the caller's transaction (the caller commits). An object that has no
    id yet gets it from the flush that comes first. A block left by an exception stores none of
    them."""
    with collecting(_batch) as rows:
        yield
    if rows:
        db.session.flush()
        db.session.execute(insert(AuditLog), [row | {"object_id": obj.id} for obj, row in rows])


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
