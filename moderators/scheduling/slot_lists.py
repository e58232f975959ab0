"""The lists of a request's preferred times as the page writes them, kept with their match.

A language that hundreds speak gives every preferred time ten candidates and up to forty
near-misses, and writing them took most of the page's time. What they say depends only on the
match, the reader's language and whether all names are asked for, so each is written once per
kept match (matching.py keeps a match until the data or a speaker's history changes) and read
from there until the match goes. The ticks of a form sent back with an error are one reader's
own: those rows are written afresh, and not kept.
"""

from dataclasses import dataclass

from flask import get_template_attribute, url_for
from markupsafe import Markup

from moderators.i18n import current_locale
from moderators.scheduling.matching import SlotMatch
from moderators.scheduling.request_rows import pool_labels
from moderators.scheduling.shortlists import Shortlist

MACROS = "scheduling/_macros.html"


@dataclass(slots=True)
class Written:
    rows: Markup  # the candidates' table rows
    near_misses: Markup  # the near-misses by reason, with their heading


def write_lists(
    request_id: int,
    matches: dict[int, SlotMatch],
    lists: dict[int, Shortlist],
    picked: dict[int, list[int]],
    showing_all: bool,
) -> dict[int, Written]:
    """By slot id: the lists of what the page shows of each match (`lists`), with the ids
    `picked` in a form sent back for that slot ticked."""
    locale = str(current_locale())
    written, unwritten = {}, []
    for slot_id in lists:
        key = _key(locale, slot_id, showing_all)
        kept = None if picked.get(slot_id) else matches[slot_id].pages.get(key)
        if kept is None:
            unwritten.append(slot_id)
        else:
            written[slot_id] = kept
    if not unwritten:
        return written
    labels = pool_labels([lists[slot_id] for slot_id in unwritten])
    rows_of = get_template_attribute(MACROS, "candidate_rows")
    near_misses_of = get_template_attribute(MACROS, "near_miss_list")
    for slot_id in unwritten:
        shortlist, slot_ref = lists[slot_id], f"slot-{slot_id}"
        all_url = url_for("scheduling.request", request_id=request_id, all=1) + f"#{slot_ref}"
        written[slot_id] = Written(
            rows_of(
                shortlist.candidates,
                slot_ref,
                picked.get(slot_id) or [],
                labels["columns"],
                labels["links"],
                labels["last_sessions"],
            ),
            near_misses_of(
                shortlist.near_misses,
                labels["links"],
                labels["status_labels"],
                labels["exclusion_labels"],
                f"{slot_ref}-near-misses",
                all_url,
                level=4,
            ),
        )
        if not picked.get(slot_id):
            matches[slot_id].pages[_key(locale, slot_id, showing_all)] = written[slot_id]
    return written


def _key(locale: str, slot_id: int, showing_all: bool) -> tuple:
    return ("request page", locale, slot_id, showing_all)
