"""Row locks for changing and reviewing entries, taken by the statement that loads the entry.

Two reviews of one report at once cannot both win: the services lock the entry's row and read
it afresh before they change it. A view that loads the entry for a change does so with
`report_for_review` or `locked`, which lock it as they read it; the services then find the lock
held by the transaction and do not lock or read it again.
"""

from sqlalchemy import inspect
from sqlalchemy.orm import joinedload

from moderators.common.locks import locked_row, locks_held
from moderators.logbook.models import Activity, EventReport
from moderators.roster.models import Moderator
from moderators.scheduling.models import InfoSession


def report_for_review(report_id: int) -> EventReport | None:
    """The report, locked and read afresh with what reviewing or correcting it reads (see
    `review_graph`)."""
    return locked(EventReport, report_id, *review_graph(EventReport))


def activity_for_review(activity_id: int) -> Activity | None:
    """The activity, as report_for_review."""
    return locked(Activity, activity_id, *review_graph(Activity))


def review_graph(model) -> tuple:
    """What a review reads of an entry: its languages (the answer of the API), the moderator's
    account (where the mail goes) and, of a report, the session the mail names."""
    graph = (
        joinedload(model.languages),
        joinedload(model.moderator).joinedload(Moderator.user),
    )
    if model is EventReport:
        graph += (
            joinedload(EventReport.session).options(
                joinedload(InfoSession.school),
                joinedload(InfoSession.language),
                joinedload(InfoSession.topic),
                joinedload(InfoSession.district),
            ),
        )
    return graph


def locked(model, item_id: int, *options):
    """The entry with `options`, its row locked until the transaction ends and read afresh
    (also what the session held of it already), in one statement."""
    return locked_row("logbook", model, item_id, *options)


def lock(item, *options) -> None:
    """Lock the entry's row and read it afresh with `options`, unless this transaction holds
    the lock already: then it was read afresh when it was locked."""
    model, item_id = type(item), inspect(item).identity[0]
    if (model, item_id) not in locks_held("logbook"):
        locked(model, item_id, *options)
