"""Demand per language: what schools asked for, what was scheduled, what stayed unfilled, and
how many active moderators speak it; where the next cohort should recruit."""

from dataclasses import dataclass
from datetime import time, timedelta

from sqlalchemy import case, func, or_, select

from moderators.common.results import until_data_changes
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
    rows = [
        DemandRow(code, display_language(code, name_de), *(int(n or 0) for n in counts))
        for code, name_de, *counts in _count(period)
    ]
    return sorted(rows, key=lambda r: (-r.unfilled, -r.requests, r.label.casefold()))


@until_data_changes
def _count(period: Period) -> tuple:
    """Each language's code, German name and counts (None for none), kept until the data
    changes: a school year's requests and sessions take the database a while."""
    begins = local_datetime(period.start, time(0))
    ends = local_datetime(period.end + timedelta(days=1), time(0))
    requests = (
        select(
            SessionRequest.language_id.label("language_id"),
            func.count().label("requests"),
            func.sum(case((SessionRequest.status == UNFILLED, 1), else_=0)).label("unfilled"),
            func.sum(case((SessionRequest.status == OPEN, 1), else_=0)).label("open"),
        )
        .where(SessionRequest.created_at >= begins, SessionRequest.created_at < ends)
        .group_by(SessionRequest.language_id)
        .subquery()
    )
    sessions = (
        select(InfoSession.language_id.label("language_id"), func.count().label("sessions"))
        .where(
            InfoSession.starts_at >= begins,
            InfoSession.starts_at < ends,
            InfoSession.status != CANCELLED,
        )
        .group_by(InfoSession.language_id)
        .subquery()
    )
    speakers = (
        select(ModeratorLanguage.language_id.label("language_id"), func.count().label("speakers"))
        .join(Moderator, Moderator.id == ModeratorLanguage.moderator_id)
        .where(Moderator.status == ACTIVE)
        .group_by(ModeratorLanguage.language_id)
        .subquery()
    )
    # One statement: each language with its three counts beside it (none: NULL).
    languages = db.session.execute(
        select(
            Language.code,
            Language.name_de,
            requests.c.requests,
            sessions.c.sessions,
            requests.c.unfilled,
            requests.c.open,
            speakers.c.speakers,
        )
        .select_from(Language)
        .outerjoin(requests, requests.c.language_id == Language.id)
        .outerjoin(sessions, sessions.c.language_id == Language.id)
        .outerjoin(speakers, speakers.c.language_id == Language.id)
        .where(
            or_(
                Language.active.is_(True),
                requests.c.language_id.is_not(None),
                sessions.c.language_id.is_not(None),
            )
        )
    )
    return tuple(languages)
