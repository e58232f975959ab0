"""Statistics pages, the demand view, exports for funders and accounting, own overviews."""

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from moderators.auth.access import roles_required
from moderators.auth.models import COORDINATOR, MODERATOR
from moderators.common.timezone import local_today
from moderators.reports import charts, tables
from moderators.reports.allowances import allowance_list, moderator_year, waiting_for_review
from moderators.reports.demand import demand as demand_rows
from moderators.reports.exports import csv_response, xlsx_response
from moderators.reports.formats import ReaderFormats
from moderators.reports.forms import (
    MonthForm,
    PeriodForm,
    month_period,
    next_month,
    parse_year,
    previous_month,
    quick_periods,
)
from moderators.reports.statistics import Period, breakdown_label, figures

bp = Blueprint("reports", __name__)


def _period() -> tuple[PeriodForm, Period]:
    """The period of `?from=&to=`; by default the current school year."""
    form = PeriodForm(request.args)
    return form, form.period(default=Period.school_year_of(local_today()))


def _period_args(period: Period) -> dict:
    return {"from": period.start.isoformat(), "to": period.end.isoformat()}


# Statistics (coordinator) --------------------------------------------------------------------


@bp.route("/statistics")
@roles_required(COORDINATOR)
def statistics():
    form, period = _period()
    counted, formats = figures(period), ReaderFormats()
    sections = [
        {
            "by": by,
            "title": str(charts.BREAKDOWN_TITLES[by]),
            "column": str(breakdown_label(by)),
            "cells": _cells(rows, formats),
            "chart": charts.breakdown_chart(by, rows),
        }
        for by, rows in counted.breakdowns.items()
    ]
    return render_template(
        "reports/statistics.html",
        form=form,
        period=period,
        period_args=_period_args(period),
        quick=quick_periods(local_today()),
        totals=counted.totals,
        activities=counted.activities,
        sections=sections,
        formats=formats,
        exports=[(name, tables.SHEET_TITLES[name]) for name in tables.STATISTICS_TABLES],
    )


def _cells(rows, formats: ReaderFormats) -> list[tuple[str, str, str, str]]:
    """A breakdown's table as the reader reads it: label, sessions, parents and hours."""
    count, hours = formats.count, formats.hours
    return [(r.label, count(r.sessions), count(r.parents), hours(r.minutes)) for r in rows]


@bp.route("/statistics/demand")
@roles_required(COORDINATOR)
def demand():
    form, period = _period()
    rows = demand_rows(period)
    return render_template(
        "reports/demand.html",
        form=form,
        period=period,
        period_args=_period_args(period),
        quick=quick_periods(local_today()),
        rows=rows,
        chart=charts.demand_chart(rows),
    )


@bp.route("/statistics.csv")
@roles_required(COORDINATOR)
def export_csv():
    """One table per file (`?by=language`, or totals, activities, demand), for the period."""
    by = request.args.get("by", "")
    if by not in tables.STATISTICS_TABLES:
        abort(404)
    _form, period = _period()
    filename = f"statistik-{tables.period_slug(period)}-{tables.SLUGS[by]}.csv"
    return csv_response(tables.statistics_table(period, by), filename)


@bp.route("/statistics.xlsx")
@roles_required(COORDINATOR)
def export_xlsx():
    _form, period = _period()
    filename = f"statistik-{tables.period_slug(period)}.xlsx"
    return xlsx_response(tables.statistics_tables(period), filename)


# Allowances (coordinator) --------------------------------------------------------------------


def _month() -> tuple[MonthForm, Period]:
    """The month of `?month=YYYY-MM`; by default the previous one, the one accounting pays."""
    form = MonthForm(request.args)
    first = form.first_day(default=previous_month(local_today().replace(day=1)))
    if not form.month.errors:
        form.month.data = f"{first:%Y-%m}"  # the field shows the month the page shows
    return form, month_period(first)


@bp.route("/allowances")
@roles_required(COORDINATOR)
def allowances():
    form, month = _month()
    return render_template(
        "reports/allowances.html",
        form=form,
        month=month,
        previous=previous_month(month.start),
        next=next_month(month.start),
        rows=allowance_list(month),
        waiting=waiting_for_review(month),
    )


@bp.route("/allowances.csv")
@roles_required(COORDINATOR)
def allowances_csv():
    _form, month = _month()
    filename = f"aufwandsentschaedigung-{month.start:%Y-%m}.csv"
    return csv_response(tables.allowance_table(month), filename)


@bp.route("/allowances.xlsx")
@roles_required(COORDINATOR)
def allowances_xlsx():
    _form, month = _month()
    filename = f"aufwandsentschaedigung-{month.start:%Y-%m}.xlsx"
    return xlsx_response([tables.allowance_table(month)], filename)


# A moderator's own overview ------------------------------------------------------------------


def _own_moderator_id() -> int:
    if current_user.moderator_id is None:
        abort(
            404,
            _("Ihr Konto ist mit keinem Profil verbunden. Bitte fragen Sie die Koordination."),
        )
    return current_user.moderator_id


@bp.route("/me/overview")
@roles_required(MODERATOR)
def own_overview():
    moderator_id = _own_moderator_id()
    this_year = local_today().year
    year = parse_year(request.args.get("year"), this_year)
    return render_template(
        "reports/own_overview.html",
        year=year,
        this_year=this_year,
        months=moderator_year(moderator_id, year),
    )


@bp.route("/me/overview.csv")
@roles_required(MODERATOR)
def own_overview_csv():
    moderator_id = _own_moderator_id()
    year = parse_year(request.args.get("year"), local_today().year)
    table = tables.own_year_table(moderator_id, year)
    return csv_response(table, f"meine-uebersicht-{year}.csv")
