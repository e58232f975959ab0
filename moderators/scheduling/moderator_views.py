"""A moderator's sessions: offers to answer, upcoming sessions, and the answer links in mails."""

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from moderators.auth.access import public, roles_required
from moderators.auth.models import MODERATOR
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.logbook.queries import count_reports_due, reports_by_assignment
from moderators.scheduling import services
from moderators.scheduling.booking import SchedulingError
from moderators.scheduling.links import ACCEPT, read_offer_link
from moderators.scheduling.models import OFFERED
from moderators.scheduling.moderator_forms import DeclineForm
from moderators.scheduling.moderator_queries import (
    assignment_with_session,
    open_offers_and_upcoming,
    own_assignment,
    recent_past,
)

bp = Blueprint("moderator_sessions", __name__)


def decline_form(assignment_id: int, **kwargs) -> DeclineForm:
    """Each offer on the page has its own decline form; the prefix keeps their fields apart."""
    return DeclineForm(prefix=f"offer-{assignment_id}", **kwargs)


# The moderator's own page ------------------------------------------------------


@bp.route("/me/sessions")
@roles_required(MODERATOR)
def index():
    moderator_id = _own_moderator_id()
    now = utcnow()
    current = open_offers_and_upcoming(moderator_id, now)
    offers = [a for a in current if a.status == OFFERED]
    past = recent_past(moderator_id, now)
    return render_template(
        "moderator_sessions/index.html",
        offers=offers,
        decline_forms={a.id: decline_form(a.id, formdata=None) for a in offers},
        upcoming=[a for a in current if a.status != OFFERED],
        past=past,
        reports=reports_by_assignment([a.id for a in past]),
        reports_due=count_reports_due(moderator_id, now),
    )


@bp.route("/me/assignments/<int:assignment_id>/accept", methods=["POST"])
@roles_required(MODERATOR)
def accept(assignment_id):
    assignment = _own_assignment_or_404(assignment_id)
    try:
        services.accept(assignment)
    except SchedulingError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        flash(_("Vielen Dank, Ihre Zusage ist eingetragen."), "success")
    return redirect(url_for(".index"))


@bp.route("/me/assignments/<int:assignment_id>/decline", methods=["POST"])
@roles_required(MODERATOR)
def decline(assignment_id):
    assignment = _own_assignment_or_404(assignment_id)
    form = decline_form(assignment_id)
    if not form.validate_on_submit():
        errors = form.reason.errors or [_("Bitte versuchen Sie es noch einmal.")]
        flash(" ".join(str(e) for e in errors), "error")
        return redirect(url_for(".index"))
    try:
        services.decline(assignment, form.reason.data)
    except SchedulingError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        flash(_("Ihre Ablehnung ist eingetragen. Danke für die Rückmeldung."), "success")
    return redirect(url_for(".index"))


def _own_moderator_id() -> int:
    if current_user.moderator_id is None:
        abort(
            404,
            _("Ihr Konto ist mit keinem Profil verbunden. Bitte fragen Sie die Koordination."),
        )
    return current_user.moderator_id


def _own_assignment_or_404(assignment_id: int):
    assignment = own_assignment(assignment_id, _own_moderator_id())
    if assignment is None:
        abort(404)
    return assignment


# The link in the offer mail ------------------------------------------------------
# Whoever holds the link may answer that one offer, signed in or not, and sees nothing else.
# A GET only shows the offer (mail scanners follow links); the answer is the POST.


@bp.route("/offers/<token>", methods=["GET", "POST"])
@public
def respond_by_link(token):
    link = read_offer_link(token)
    assignment = assignment_with_session(link[0]) if link else None
    if assignment is None:
        return _link_page("moderator_sessions/link_invalid.html", 410)
    action = link[1]
    if not _still_open(assignment):
        return _answered(assignment)
    form = None if action == ACCEPT else DeclineForm()
    error = None
    if request.method == "POST" and (form is None or form.validate_on_submit()):
        try:
            if action == ACCEPT:
                services.accept(assignment)
            else:
                services.decline(assignment, form.reason.data)
        except SchedulingError as refused:
            db.session.rollback()
            if refused.gone:
                return _answered(assignment_with_session(assignment.id), refused.message)
            error = refused.message
        else:
            return _link_page(
                "moderator_sessions/link_done.html", 200, assignment=assignment, action=action
            )
    return _link_page(
        "moderator_sessions/link_confirm.html",
        409 if error else 200,
        assignment=assignment,
        action=action,
        form=form,
        error=error,
    )


def _still_open(assignment) -> bool:
    return assignment.status == OFFERED and assignment.starts_at > utcnow()


def _answered(assignment, message=None):
    """The offer was answered already, withdrawn, or its session has begun."""
    return _link_page(
        "moderator_sessions/link_answered.html", 410, assignment=assignment, message=message
    )


def _link_page(template: str, status: int, **context):
    """The token is in the URL: keep it out of caches and out of Referer headers."""
    response = make_response(render_template(template, **context), status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
