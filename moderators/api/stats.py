"""API endpoint for the statistics: what approved reports and activities reached in a period."""

from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _

from moderators.api.auth import api_roles
from moderators.api.errors import validation_error
from moderators.api.logbook_inputs import date_range_args
from moderators.api.params import choice_arg, reader_locale
from moderators.auth.models import COORDINATOR
from moderators.common.timezone import local_today
from moderators.reports.statistics import BREAKDOWNS, Period, figures

DEFAULT_BREAKDOWN = "language"
MAX_YEARS = 10  # a month row for each month of the period: keep the answer a sensible size


@api_roles(COORDINATOR)
def show_stats():
    """Counted by the database (moderators.reports.statistics); labels in the reader's locale."""
    by = choice_arg("by", BREAKDOWNS) or DEFAULT_BREAKDOWN
    period = _period()
    with force_locale(reader_locale()):
        result = figures(period, (by,))
        counted, rows, activities = result.totals, result.breakdowns[by], result.activities
        return {
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "by": by,
            "totals": {
                "sessions": counted.sessions,
                "parents": counted.parents,
                "hours": counted.hours,
                "minutes": counted.minutes,
                "schools": counted.schools,
                "moderators": counted.moderators,
            },
            "rows": [
                {
                    "key": row.key,
                    "label": row.label,
                    "sessions": row.sessions,
                    "parents": row.parents,
                    "hours": row.hours,
                    "minutes": row.minutes,
                }
                for row in rows
            ],
            "activities": [
                {
                    "type": row.key,
                    "label": row.label,
                    "count": row.count,
                    "people": row.people,
                    "hours": row.hours,
                    "minutes": row.minutes,
                }
                for row in activities
            ],
        }


def _period() -> Period:
    """`from` and `to`, both included; without them the current school year (August to July).

    Only one of them given: the other is the edge of that day's school year.
    """
    start, end = date_range_args()
    if start is None and end is None:
        return Period.school_year_of(local_today())
    try:
        start = start or Period.school_year_of(end).start
        end = end or Period.school_year_of(start).end
    except ValueError:  # the school year of a day at the very edge of the calendar
        raise validation_error(
            "to" if end is not None else "from", _("Datumsangaben im Format JJJJ-MM-TT angeben.")
        ) from None
    if end - start > timedelta(days=366 * MAX_YEARS):
        raise validation_error("to", _("Höchstens %(max)d Jahre.", max=MAX_YEARS))
    return Period(start, end)
