"""Demand per language: what schools asked for, what was scheduled, what stayed unfilled, and
how many active moderators speak it; where the next cohort should recruit."""

from dataclasses import dataclass
from datetime import time, timedelta

from sqlalchemy import case, func, or_, select

from moderators.common.timezone import local_datetime
from moderators.extensions import db
from moderators.i18n import display_language
from moderators.languages.models import Language
from moderators.reports.statistics import Period
from moderators.roster.models import ACTIVE, Moderator, ModeratorLanguage
from moderators.scheduling.models import CANCELLED, OPEN, UNFILLED, InfoSession, SessionRequest


@dataclass
class DemandRow:
    code: str
    label: str
    requests: int
    sessions: int
    unfilled: int
    open: int
    moderators: int


def demand(period: Period) -> list[DemandRow]:
    """Requests received in the period (by the day they came in), sessions scheduled in it (by
    their date, not cancelled), and today's active moderators; most unfilled first."""
    begins = local_datetime(period.start, time(0))
    ends = local_datetime(period.end + timedelta(days=1), time(0))
    requests = (
        select(
            SessionRequest.language_id,
            func.count(),
            func.sum(case((SessionRequest.status == UNFILLED, 1), else_=0)),
            func.sum(case((SessionRequest.status == OPEN, 1), else_=0)),
        )
        .where(SessionRequest.created_at >= begins, SessionRequest.created_at < ends)
        .group_by(SessionRequest.language_id)
    )
    sessions = (
        select(InfoSession.language_id, func.count())
        .where(
            InfoSession.starts_at >= begins,
            InfoSession.starts_at < ends,
            InfoSession.status != CANCELLED,
        )
        .group_by(InfoSession.language_id)
    )
    speakers = (
        select(ModeratorLanguage.language_id, func.count())
        .join(Moderator, Moderator.id == ModeratorLanguage.moderator_id)
        .where(Moderator.status == ACTIVE)
        .group_by(ModeratorLanguage.language_id)
    )
    asked = {lid: (int(n), int(u), int(o)) for lid, n, u, o in db.session.execute(requests)}
    held = {lid: int(n) for lid, n in db.session.execute(sessions)}
    active = {lid: int(n) for lid, n in db.session.execute(speakers)}
    used = set(asked) | set(held)
    languages = db.session.execute(
        select(Language.id, Language.code, Language.name_de).where(
            or_(Language.active.is_(True), Language.id.in_(used))
        )
    )
    rows = [
        DemandRow(
            code,
            display_language(code, name_de),
            asked.get(lid, (0, 0, 0))[0],
            held.get(lid, 0),
            asked.get(lid, (0, 0, 0))[1],
            asked.get(lid, (0, 0, 0))[2],
            active.get(lid, 0),
        )
        for lid, code, name_de in languages
    ]
    return sorted(rows, key=lambda r: (-r.unfilled, -r.requests, r.label.casefold()))
