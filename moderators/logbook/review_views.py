"""The coordinator's review of reports and activities: the queue, approving and returning."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from moderators.auth.access import roles_required
from moderators.auth.models import COORDINATOR
from moderators.common.pagination import paginate
from moderators.common.templating import format_euros
from moderators.extensions import db
from moderators.logbook import locks, services
from moderators.logbook import review_queries as queries
from moderators.logbook.models import SUBMITTED
from moderators.logbook.review_forms import ApproveForm, ReturnForm, ReviewFilterForm
from moderators.logbook.rules import LogbookError
from moderators.scheduling.forms import MAX_ID

bp = Blueprint("review", __name__)

# Larger numbers are no id and would overflow PostgreSQL's integer columns.
REPORT_ID = f"<int(max={MAX_ID}):report_id>"
ACTIVITY_ID = f"<int(max={MAX_ID}):activity_id>"
# The approve and return forms share a page: prefixes keep their fields apart.
APPROVE, RETURN = "approve", "return"


@bp.route("/reviews")
@roles_required(COORDINATOR)
def queue():
    filters = ReviewFilterForm(request.args)
    criteria = filters.criteria()
    page = paginate(queries.review_queue(**criteria))
    return render_template(
        "review/queue.html",
        filters=filters,
        page=page,
        entries=queries.queue_entries(page.items),
        status=criteria["status"],
    )


# Reports ----------------------------------------------------------------------------------


@bp.route(f"/reports/{REPORT_ID}")
@roles_required(COORDINATOR)
def report(report_id):
    return _render_report(_report_or_404(report_id))


@bp.route(f"/reports/{REPORT_ID}/approve", methods=["POST"])
@roles_required(COORDINATOR)
def approve_report(report_id):
    report = _locked_or_404(locks.report_for_review(report_id))
    amount = services.allowance_on_approval(report)  # the row is locked: approving fixes it
    done = _(
        "Der Bericht von %(name)s ist freigegeben. Aufwandsentschädigung: %(amount)s",
        name=report.moderator.full_name,
        amount=format_euros(amount),
    )
    return _review(
        queries.REPORTS,
        report_id,
        ApproveForm(prefix=APPROVE),
        lambda comment: services.approve_report(report, comment),
        done,
    )


@bp.route(f"/reports/{REPORT_ID}/return", methods=["POST"])
@roles_required(COORDINATOR)
def return_report(report_id):
    report = _locked_or_404(locks.report_for_review(report_id))
    done = _(
        "Der Bericht ist an %(name)s zurückgegeben. Sie oder er erhält eine E-Mail.",
        name=report.moderator.full_name,
    )
    return _review(
        queries.REPORTS,
        report_id,
        ReturnForm(prefix=RETURN),
        lambda comment: services.return_report(report, comment),
        done,
    )


# Activities -------------------------------------------------------------------------------


@bp.route(f"/activities/{ACTIVITY_ID}")
@roles_required(COORDINATOR)
def activity(activity_id):
    return _render_activity(_activity_or_404(activity_id))


@bp.route(f"/activities/{ACTIVITY_ID}/approve", methods=["POST"])
@roles_required(COORDINATOR)
def approve_activity(activity_id):
    activity = _locked_or_404(locks.activity_for_review(activity_id))
    amount = services.allowance_on_approval(activity)
    done = _(
        "Die Tätigkeit von %(name)s ist freigegeben. Aufwandsentschädigung: %(amount)s",
        name=activity.moderator.full_name,
        amount=format_euros(amount),
    )
    return _review(
        queries.ACTIVITIES,
        activity_id,
        ApproveForm(prefix=APPROVE),
        lambda comment: services.approve_activity(activity, comment),
        done,
    )


@bp.route(f"/activities/{ACTIVITY_ID}/return", methods=["POST"])
@roles_required(COORDINATOR)
def return_activity(activity_id):
    activity = _locked_or_404(locks.activity_for_review(activity_id))
    done = _(
        "Die Tätigkeit ist an %(name)s zurückgegeben. Sie oder er erhält eine E-Mail.",
        name=activity.moderator.full_name,
    )
    return _review(
        queries.ACTIVITIES,
        activity_id,
        ReturnForm(prefix=RETURN),
        lambda comment: services.return_activity(activity, comment),
        done,
    )


# Helpers ----------------------------------------------------------------------------------


def _report_or_404(report_id: int):
    report = queries.report_with_details(report_id)
    if report is None:
        abort(404)
    return report


def _activity_or_404(activity_id: int):
    activity = queries.activity_with_details(activity_id)
    if activity is None:
        abort(404)
    return activity


def _locked_or_404(entry):
    if entry is None:
        abort(404)
    return entry


def _review(kind: str, entry_id: int, form, action, done_message: str):
    """Approve or return an entry with the form's comment, then on to the next waiting one; a
    refused comment comes back next to its field on the entry's page.

    The message for success is made before: the review's commit expires what it names, and
    reading it again would cost queries."""
    if form.validate_on_submit():
        if _attempt(form, lambda: action(form.comment.data)):
            flash(done_message, "success")
            return _to_next_entry()
        if not form.errors:
            return redirect(_item_url(kind, entry_id))
    forms = {"approve_form": form} if isinstance(form, ApproveForm) else {"return_form": form}
    if kind == queries.REPORTS:
        return _render_report(_report_or_404(entry_id), **forms)
    return _render_activity(_activity_or_404(entry_id), **forms)


def _attempt(form, action) -> bool:
    """Run a review; a rule it breaks comes back next to the comment, or as a flash (the entry
    was reviewed meanwhile). The row lock taken by the service is released either way."""
    try:
        action()
    except LogbookError as error:
        db.session.rollback()
        if error.field in form:
            form[error.field].errors = [*form[error.field].errors, str(error.message)]
        else:
            flash(str(error.message), "error")
        return False
    return True


def _to_next_entry():
    """On to the entry that has waited longest, so the queue can be worked through; else back
    to the queue."""
    waiting = queries.next_waiting()
    if waiting is None:
        flash(_("Es wartet nichts mehr auf eine Prüfung."), "info")
        return redirect(url_for("review.queue"))
    return redirect(_item_url(*waiting))


def _item_url(kind: str, entry_id: int) -> str:
    if kind == queries.REPORTS:
        return url_for("review.report", report_id=entry_id)
    return url_for("review.activity", activity_id=entry_id)


def _review_forms(item, approve_form, return_form) -> dict:
    """The forms, only while the entry waits for a review. A form sent for an entry reviewed
    meanwhile is not shown again: the page says why instead."""
    if item.status != SUBMITTED:
        if approve_form is not None or return_form is not None:
            flash(_("Dieser Eintrag ist schon geprüft."), "error")
        return {"approve_form": None, "return_form": None}
    return {
        "approve_form": approve_form or ApproveForm(formdata=None, prefix=APPROVE),
        "return_form": return_form or ReturnForm(formdata=None, prefix=RETURN),
    }


def _render_report(report, approve_form=None, return_form=None):
    return render_template(
        "review/report.html",
        report=report,
        entered_by=queries.entered_by(report),
        history=queries.history(report),
        **_review_forms(report, approve_form, return_form),
    )


def _render_activity(activity, approve_form=None, return_form=None):
    return render_template(
        "review/activity.html",
        activity=activity,
        entered_by=queries.entered_by(activity),
        history=queries.history(activity),
        **_review_forms(activity, approve_form, return_form),
    )
