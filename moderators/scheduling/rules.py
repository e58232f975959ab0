"""Checks every request and session must pass: language, topic, start times, duration."""

from datetime import datetime

from flask_babel import lazy_gettext as _l

from moderators.common.models import utcnow
from moderators.scheduling.booking import SchedulingError
from moderators.scheduling.models import MAX_DURATION, MIN_DURATION

MAX_SLOTS = 3


def check_language_and_topic(language, topic) -> None:
    if language is None or not language.active:
        raise SchedulingError("language", _l("Unbekannte oder nicht aktive Sprache."))
    if topic is None or not topic.active:
        raise SchedulingError("topic_id", _l("Unbekanntes oder nicht aktives Thema."))


def check_starts(starts: list[datetime], past_ok: bool = False) -> list[datetime]:
    """One to three distinct aware times, in the future unless the past is allowed (a session
    entered afterwards, for the record)."""
    if not 1 <= len(starts) <= MAX_SLOTS:
        raise SchedulingError("preferred_starts", _l("Bitte ein bis drei Zeiten angeben."))
    now = utcnow()
    for start in starts:
        if start.tzinfo is None:
            raise SchedulingError("preferred_starts", _l("Zeit ohne Zeitzone."))
        if start <= now and not past_ok:
            raise SchedulingError("preferred_starts", _l("Die Zeit liegt in der Vergangenheit."))
    if len(set(starts)) != len(starts):
        raise SchedulingError("preferred_starts", _l("Dieselbe Zeit ist doppelt angegeben."))
    return sorted(starts)


def check_duration(minutes) -> None:
    if not isinstance(minutes, int) or not MIN_DURATION <= minutes <= MAX_DURATION:
        raise SchedulingError(
            "duration_minutes",
            _l(
                "Die Dauer muss zwischen %(min)d und %(max)d Minuten liegen.",
                min=MIN_DURATION,
                max=MAX_DURATION,
            ),
        )
