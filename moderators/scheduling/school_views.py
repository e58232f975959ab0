"""A school's pages: file a request, follow it, see confirmed sessions."""

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    url_for,
)
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from moderators.auth.access import roles_required
from moderators.auth.models import SCHOOL
from moderators.common.pagination import paginate
from moderators.common.timezone import to_local
from moderators.extensions import db
from moderators.scheduling import queries, services
from moderators.scheduling.booking import SchedulingError
from moderators.scheduling.holidays import holiday_on
from moderators.scheduling.models import SCHEDULED
from moderators.scheduling.school_forms import CancelRequestForm, RequestForm
from moderators.schools.models import School
from moderators.schools.queries import own_school

bp = Blueprint("school_requests", __name__)

# The service names some inputs differently from the form.
SERVICE_FIELDS = {"language": "language_id", "preferred_starts": "start_date_1"}


@bp.route("/school/requests")
@roles_required(SCHOOL)
def index():
    school = _own_school()
    page = paginate(queries.school_requests_select(school.id))
    return render_template(
        "school_requests/index.html",
        school=school,
        page=page,
        cancel_form=CancelRequestForm(),
        holiday_on=holiday_on,
    )


@bp.route("/school/requests/new", methods=["GET", "POST"])
@roles_required(SCHOOL)
def new():
    school = _own_school()
    form = RequestForm()
    if form.validate_on_submit():
        try:
            created = services.create_request(school, **form.request_fields())
        except SchedulingError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            flash(
                _(
                    "Ihre Anfrage ist eingegangen. Die Koordinationsstelle sucht eine passende "
                    "Moderator*in und meldet sich bei Ihnen."
                ),
                "success",
            )
            for warning in _holiday_warnings(created):
                flash(warning, "warning")
            return redirect(url_for("school_requests.index"))
    return render_template("school_requests/form.html", school=school, form=form)


@bp.route("/school/requests/<int:request_id>/cancel", methods=["POST"])
@roles_required(SCHOOL)
def cancel(request_id):
    school = _own_school()
    session_request = queries.school_request(school.id, request_id, for_update=True)
    if session_request is None:
        abort(404)
    form = CancelRequestForm()
    if not form.validate_on_submit():
        db.session.rollback()
        for error in form.reason.errors or [_("Bitte versuchen Sie es noch einmal.")]:
            flash(_("Die Anfrage wurde nicht storniert: %(error)s", error=error), "error")
        return redirect(url_for("school_requests.index"))
    try:
        services.cancel_request(session_request, form.reason.data)
    except SchedulingError:
        db.session.rollback()
        if session_request.status == SCHEDULED:
            message = _(
                "Diese Anfrage ist schon eingeplant und kann hier nicht mehr storniert werden. "
                "Wenn die Veranstaltung nicht stattfinden kann, wenden Sie sich bitte an die "
                "Koordinationsstelle."
            )
        else:
            message = _("Diese Anfrage ist nicht mehr offen und kann nicht storniert werden.")
        flash(message, "error")
    else:
        flash(_("Die Anfrage ist storniert."), "success")
    return redirect(url_for("school_requests.index"))


@bp.route("/school/sessions")
@roles_required(SCHOOL)
def sessions():
    school = _own_school()
    past = paginate(queries.school_past_sessions_select(school.id))
    return render_template(
        "school_requests/sessions.html",
        school=school,
        upcoming=queries.school_upcoming_sessions(school.id),
        past=past,
    )


def _own_school() -> School:
    """The signed-in contact's school; an account not yet linked to one gets a friendly 404."""
    school = own_school(current_user)
    if school is None:
        abort(make_response(render_template("schools/own.html", school=None), 404))
    return school


def _holiday_warnings(session_request) -> list[str]:
    warnings = []
    for slot in session_request.slots:
        day = to_local(slot.starts_at).date()
        holiday = holiday_on(day)
        if holiday:
            warnings.append(
                _(
                    "Bitte beachten Sie: Der %(date)s ist in Hamburg ein Ferien- oder Feiertag "
                    "(%(holiday)s). Ihre Anfrage ist trotzdem gespeichert.",
                    date=format_date(day, "full"),
                    holiday=holiday,
                )
            )
    return warnings


def _field_error(form, error: SchedulingError) -> None:
    """Show a rule the service enforced next to the field it is about."""
    name = SERVICE_FIELDS.get(error.field, error.field)
    if name in form:
        form[name].errors.append(str(error.message))
    else:
        form.form_errors.append(str(error.message))
