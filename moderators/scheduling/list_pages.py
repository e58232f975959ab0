"""The content of the coordination office's lists of requests and sessions, written for
common.kept_pages.written_once: the same for every coordinator, for the same query string and
language, on the same day."""

from flask import current_app, render_template, request

from moderators.common.pagination import page_number, paginate
from moderators.logbook import review_queries
from moderators.scheduling import queries, queue_queries
from moderators.scheduling.filter_forms import RequestFilterForm, SessionFilterForm
from moderators.scheduling.holidays import holiday_on
from moderators.scheduling.models import request_status_label
from moderators.scheduling.request_rows import queue_rows


def queue() -> str:
    """The request queue under the filters of the query string."""
    filters = RequestFilterForm(request.args)
    criteria = filters.criteria()
    page = queue_queries.request_queue(
        **criteria,
        page=page_number(),
        per_page=current_app.config["PER_PAGE"],
    )
    # The filter has just named every language, district and topic in the reader's language:
    # the rows take their names from its choices.
    names = {
        name: {choice.value: choice.label for choice in filters[name].choices}
        for name in ("language", "district", "topic")
    }
    return render_template(
        "scheduling/_queue.html",
        filters=filters,
        page=page,
        rows=queue_rows(page.items, names["language"], names["district"], names["topic"]),
        status=criteria["status"],
        status_label=request_status_label(criteria["status"]),
        holiday_on=holiday_on,
        waiting_reviews=review_queries.waiting_count(),
    )


def sessions() -> str:
    """The sessions under the filters of the query string."""
    filters = SessionFilterForm(request.args)
    criteria = filters.criteria()
    page = paginate(queries.session_list(**criteria))
    return render_template(
        "scheduling/_sessions.html",
        filters=filters,
        page=page,
        period=criteria["period"],
        waiting_reviews=review_queries.waiting_count(),
    )
