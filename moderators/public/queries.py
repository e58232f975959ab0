"""The sessions parents may see: public (the school agreed), in the future, not cancelled."""

from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from moderators.common.models import District
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.scheduling.models import PLANNED, InfoSession


def upcoming_public(now: datetime, language: str | None = None, district: str | None = None):
    """Soonest first, with what the list shows; `language` is a code, `district` a name."""
    query: Select = (
        select(InfoSession)
        .where(
            InfoSession.public.is_(True),
            InfoSession.status == PLANNED,
            InfoSession.starts_at > now,
        )
        .options(
            joinedload(InfoSession.language),
            joinedload(InfoSession.district),
            joinedload(InfoSession.topic),
        )
        .order_by(InfoSession.starts_at, InfoSession.id)
    )
    if language:
        query = query.where(InfoSession.language.has(Language.code == language))
    if district:
        query = query.where(InfoSession.district.has(District.name == district))
    return query


def languages_offered(now: datetime) -> list[Language]:
    """The languages of upcoming public sessions, for the filter."""
    return list(
        db.session.scalars(
            select(Language)
            .where(
                Language.id.in_(
                    select(InfoSession.language_id).where(
                        InfoSession.public.is_(True),
                        InfoSession.status == PLANNED,
                        InfoSession.starts_at > now,
                    )
                )
            )
            .order_by(Language.code)
        )
    )


def public_session(session_id: int) -> InfoSession | None:
    """A session that was ever announced publicly; cancelled ones stay, marked as cancelled."""
    return db.session.scalar(
        select(InfoSession)
        .where(InfoSession.id == session_id, InfoSession.public.is_(True))
        .options(
            joinedload(InfoSession.language),
            joinedload(InfoSession.district),
            joinedload(InfoSession.topic),
            joinedload(InfoSession.school),
        )
    )
