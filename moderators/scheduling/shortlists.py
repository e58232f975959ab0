"""What the candidate lists of a page show of a match: the first of each list, or all of them.

A language that hundreds speak would otherwise list them all at every preferred time; the first
of the ranking are the ones a coordinator offers a session to, and the page links to the rest.
"""

from dataclasses import dataclass

from moderators.scheduling.matching import EXCLUSION_REASONS, SlotMatch
from moderators.scheduling.speaker_pool import Speaker

# How many candidates, and how many near-misses of each reason, a list shows until all are
# asked for.
SHOWN = 10


@dataclass
class NearMisses:
    """Moderators who speak the language but are out, all for the same reason: the first
    `shown` of them, or all, and how many there are."""

    reason: str
    moderators: list[Speaker]
    total: int = 0


@dataclass
class Shortlist:
    """What a page shows of a slot's match: its first candidates and near-misses, or all."""

    candidates: list
    total: int  # candidates
    near_misses: list[NearMisses]
    long: bool  # more than SHOWN in one of the lists: there is a shorter or a longer view


def shortlist(match: SlotMatch, shown: int | None = SHOWN) -> Shortlist:
    """The match as a page lists it: the first `shown` of each list (None: all of them)."""
    groups = near_misses(match, shown)
    lengths = [len(match.candidates), *(group.total for group in groups)]
    return Shortlist(match.candidates[:shown], len(match.candidates), groups, max(lengths) > SHOWN)


def near_misses(match: SlotMatch, shown: int | None = None) -> list[NearMisses]:
    """The excluded speakers of a slot grouped by reason, in the order of EXCLUSION_REASONS,
    each group with its first `shown` (None: all)."""
    groups = {reason: NearMisses(reason, []) for reason in EXCLUSION_REASONS}
    for excluded in match.excluded:
        groups[excluded.reason].moderators.append(excluded.moderator)
    result = [group for group in groups.values() if group.moderators]
    for group in result:
        group.total = len(group.moderators)
        group.moderators = group.moderators[:shown]
    return result
