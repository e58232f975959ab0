"""A moderator's logbook: reports on their sessions and their other activities."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from moderators.auth.access import roles_required
from moderators.auth.models import COORDINATOR, MODERATOR
from moderators.common.pagination import paginate
from moderators.extensions import db
from moderators.logbook import queries, services
from moderators.logbook.forms import (
    ActivityForm,
    ReportForm,
    activity_form_data,
    report_form_data,
)
from moderators.logbook.models import RETURNED
from moderators.logbook.rules import LogbookError
from moderators.roster.queries import languages_for_choice

bp = Blueprint("logbook", __name__)

# The services' names for what was entered, where the form calls it differently.
FIELD_NAMES = {"date": "held_on"}


@bp.route("/me/logbook")
@roles_required(MODERATOR)
def index():
    moderator_id = _own_moderator_id()
    return render_template(
        "logbook/index.html",
        due=queries.reports_due(moderator_id),
        reports=paginate(queries.own_reports_query(moderator_id)),
        activities=paginate(queries.own_activities_query(moderator_id), "activities_page"),
    )


# Reports on sessions ---------------------------------------------------------------------


@bp.route("/assignments/<int:assignment_id>/report", methods=["GET", "POST"])
@roles_required(MODERATOR, COORDINATOR)
def new_report(assignment_id):
    assignment, report_id = queries.assignment_for_report(assignment_id)
    if assignment is None:
        abort(404)
    _check_owner(assignment.moderator_id)
    if report_id is not None:
        return redirect(url_for(".edit_report", report_id=report_id))
    back = _after_report_url(assignment.session_id)
    try:
        services.check_reportable(assignment)
    except LogbookError as error:
        flash(str(error.message), "error")
        return redirect(back)
    session = assignment.session
    options = LanguageOptions(assignment.moderator, session.language)
    form = ReportForm(
        languages=options.languages,
        data={"languages": [session.language_id], "duration_minutes": session.duration_minutes},
    )
    if form.validate_on_submit() and _attempt(
        form,
        back,
        lambda: services.submit_report(assignment, **form.report_fields(options.by_id)),
    ):
        flash(_("Vielen Dank, der Bericht ist eingereicht."), "success")
        return redirect(back)
    return render_template(
        "logbook/report_form.html",
        form=form,
        report=None,
        session=session,
        moderator=assignment.moderator,
        primary=options.primary,
        back=back,
    )


@bp.route("/reports/<int:report_id>/edit", methods=["GET", "POST"])
@roles_required(MODERATOR, COORDINATOR)
def edit_report(report_id):
    report = queries.report_with_details(report_id, for_change=request.method == "POST")
    if report is None:
        abort(404)
    _check_owner(report.moderator_id)
    back = _after_report_url(report.session_id)
    context = {"report": report, "session": report.session, "moderator": report.moderator}
    if not report.editable:
        if request.method == "POST":
            flash(_("Freigegebene Berichte können nicht mehr geändert werden."), "error")
            return redirect(url_for(".edit_report", report_id=report.id))
        return render_template("logbook/report_view.html", back=back, **context)
    options = LanguageOptions(report.moderator, report.session.language, report.languages)
    form = ReportForm(languages=options.languages, data=report_form_data(report))
    was_returned = report.status == RETURNED
    if form.validate_on_submit() and _attempt(
        form, back, lambda: services.update_report(report, **form.report_fields(options.by_id))
    ):
        if was_returned:
            flash(_("Der Bericht ist geändert und wieder zur Prüfung eingereicht."), "success")
        else:
            flash(_("Die Änderungen am Bericht sind gespeichert."), "success")
        return redirect(back)
    return render_template(
        "logbook/report_form.html", form=form, primary=options.primary, back=back, **context
    )


# Activities -----------------------------------------------------------------------------


@bp.route("/me/activities/new", methods=["GET", "POST"])
@roles_required(MODERATOR)
def new_activity():
    moderator = queries.moderator_with_languages(_own_moderator_id())
    return _new_activity(moderator, url_for(".index"))


@bp.route("/moderators/<int:moderator_id>/activities/new", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def new_activity_for(moderator_id):
    moderator = queries.moderator_with_languages(moderator_id)
    if moderator is None:
        abort(404)
    return _new_activity(moderator, url_for("roster.detail", moderator_id=moderator.id))


def _new_activity(moderator, back: str):
    options = LanguageOptions(moderator)
    form = ActivityForm(languages=options.languages)
    if form.validate_on_submit() and _attempt(
        form,
        back,
        lambda: services.log_activity(moderator, **form.activity_fields(options.by_id)),
    ):
        flash(_("Die Tätigkeit ist eingetragen."), "success")
        return redirect(back)
    return render_template(
        "logbook/activity_form.html",
        form=form,
        activity=None,
        moderator=moderator,
        primary=options.primary,
        back=back,
    )


@bp.route("/activities/<int:activity_id>/edit", methods=["GET", "POST"])
@roles_required(MODERATOR, COORDINATOR)
def edit_activity(activity_id):
    activity = queries.activity_with_details(activity_id, for_change=request.method == "POST")
    if activity is None:
        abort(404)
    _check_owner(activity.moderator_id)
    if current_user.role == COORDINATOR:
        back = url_for("roster.detail", moderator_id=activity.moderator_id)
    else:
        back = url_for(".index")
    context = {"activity": activity, "moderator": activity.moderator}
    if not activity.editable:
        if request.method == "POST":
            flash(_("Freigegebene Tätigkeiten können nicht mehr geändert werden."), "error")
            return redirect(url_for(".edit_activity", activity_id=activity.id))
        return render_template("logbook/activity_view.html", back=back, **context)
    options = LanguageOptions(activity.moderator, chosen=activity.languages)
    form = ActivityForm(languages=options.languages, data=activity_form_data(activity))
    was_returned = activity.status == RETURNED
    if form.validate_on_submit() and _attempt(
        form,
        back,
        lambda: services.update_activity(activity, **form.activity_fields(options.by_id)),
    ):
        if was_returned:
            flash(_("Die Tätigkeit ist geändert und wieder zur Prüfung eingereicht."), "success")
        else:
            flash(_("Die Änderungen an der Tätigkeit sind gespeichert."), "success")
        return redirect(back)
    return render_template(
        "logbook/activity_form.html", form=form, primary=options.primary, back=back, **context
    )


# Helpers ---------------------------------------------------------------------------------


class LanguageOptions:
    """The languages a form offers: the session's and the moderator's own first (shown openly),
    then every other active language by name; a language already chosen stays offered."""

    def __init__(self, moderator, session_language=None, chosen=()):
        first = [session_language] if session_language is not None else []
        first += [link.language for link in moderator.languages]
        self.primary = {lang.id for lang in first}
        others = {lang.id: lang for lang in [*languages_for_choice(), *chosen]}
        rest = sorted(
            (lang for lang in others.values() if lang.id not in self.primary),
            key=lambda lang: lang.name.casefold(),
        )
        self.languages = list({lang.id: lang for lang in first}.values()) + rest
        self.by_id = {lang.id: lang for lang in self.languages}


def _attempt(form, back: str, action):
    """Run a service call; a rule it breaks comes back next to its field. A clash with the
    state of things (approved meanwhile, reported twice) is flashed on the page it goes back to."""
    try:
        return action()
    except LogbookError as error:
        db.session.rollback()
        name = FIELD_NAMES.get(error.field, error.field)
        if name and name in form and not error.conflict:
            form[name].errors = [*form[name].errors, str(error.message)]
            return None
        flash(str(error.message), "error")
        abort(redirect(back))


def _after_report_url(session_id: int) -> str:
    """A coordinator writing for a moderator goes back to the session; a moderator to the
    logbook."""
    if current_user.role == COORDINATOR:
        return url_for("scheduling.session", session_id=session_id)
    return url_for(".index")


def _own_moderator_id() -> int:
    if current_user.moderator_id is None:
        abort(
            404,
            _("Ihr Konto ist mit keinem Profil verbunden. Bitte fragen Sie die Koordination."),
        )
    return current_user.moderator_id


def _check_owner(moderator_id: int) -> None:
    """A coordinator may act for anyone; a moderator only on their own entries."""
    if current_user.role != COORDINATOR and current_user.moderator_id != moderator_id:
        abort(403)
