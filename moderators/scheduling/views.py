"""The coordination office's scheduling pages: request queue, candidates, sessions."""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _

from moderators.auth.access import roles_required
from moderators.auth.models import COORDINATOR
from moderators.common.kept_pages import written_once
from moderators.common.models import District, utcnow
from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.roster.models import Moderator
from moderators.scheduling import feedback, list_pages, pages, queries, services, session_changes
from moderators.scheduling.booking import ASSIGN
from moderators.scheduling.forms import (
    MAX_ID,
    AssignmentForm,
    CancelForm,
    RescheduleForm,
    ScheduleForm,
    SessionForm,
    UnfilledForm,
)
from moderators.scheduling.locks import lock_request, lock_session
from moderators.scheduling.request_rows import name_items
from moderators.schools.models import School
from moderators.topics.models import Topic

bp = Blueprint("scheduling", __name__)
bp.add_app_template_global(name_items)  # for the candidate macros of both pages

# Larger numbers are no id and would overflow PostgreSQL's integer columns.
REQUEST_ID = f"<int(max={MAX_ID}):request_id>"
SESSION_ID = f"<int(max={MAX_ID}):session_id>"


# Requests ---------------------------------------------------------------------------------


@bp.route("/requests")
@roles_required(COORDINATOR)
def queue():
    # Every coordinator sees the same queue; how long a request has waited changes each day.
    content = written_once(list_pages.queue, local_today())
    return render_template("scheduling/queue.html", content=content)


@bp.route(f"/requests/{REQUEST_ID}", endpoint="request")
@roles_required(COORDINATOR)
def request_page(request_id):
    # Every coordinator sees the same candidates; how long a request has waited changes daily.
    content, title = written_once(
        lambda: pages.write_request(_request_or_404(request_id)), local_today()
    )
    return render_template("written_page.html", content=content, title=title)


@bp.route(f"/requests/{REQUEST_ID}/schedule", methods=["POST"])
@roles_required(COORDINATOR)
def schedule(request_id):
    # Locked at once: scheduling reads the request afresh under the lock anyway (services._lock).
    session_request = lock_request(request_id)
    if session_request is None:
        abort(404)
    form = ScheduleForm()
    slot = queries.slot_of(session_request, form.slot.data)
    if slot is None:
        flash(_("Bitte wählen Sie eine der gewünschten Zeiten."), "error")
        return redirect(url_for("scheduling.request", request_id=request_id))
    valid = form.validate_on_submit()
    if valid:
        picked, mode = form.moderator_ids.data, form.mode.data
        info_session = feedback.attempt(
            form,
            lambda: services.schedule_request(session_request, slot.starts_at, picked, mode),
        )
        if info_session is not None:
            flash(feedback.staffed_message(mode, info_session.assignments), "success")
            return redirect(url_for("scheduling.session", session_id=info_session.id))
    # A refused change was rolled back, and the request with it: then it is read again.
    session_request = _request_or_404(request_id) if valid else session_request
    return pages.render_request(session_request, schedule_form=form)


@bp.route(f"/requests/{REQUEST_ID}/unfilled", methods=["POST"])
@roles_required(COORDINATOR)
def mark_unfilled(request_id):
    session_request = _request_or_404(request_id)
    form = UnfilledForm()
    valid = form.validate_on_submit()
    if valid and feedback.attempt(
        form, lambda: services.mark_unfilled(session_request, form.reason.data), ok=True
    ):
        flash(
            _("Die Anfrage ist als nicht besetzbar markiert. Die Schule erhält eine E-Mail."),
            "success",
        )
        return redirect(url_for("scheduling.queue"))
    # A refused change was rolled back, and the request with it: then it is read again.
    session_request = _request_or_404(request_id) if valid else session_request
    return pages.render_request(session_request, unfilled_form=form)


# Sessions ---------------------------------------------------------------------------------


@bp.route("/sessions")
@roles_required(COORDINATOR)
def sessions():
    # Every coordinator sees the same list; which sessions are still to come changes daily.
    content = written_once(list_pages.sessions, local_today())
    return render_template("scheduling/sessions.html", content=content)


@bp.route("/sessions/new", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def new_session():
    form = SessionForm()
    if form.validate_on_submit():
        past = form.past.data
        info_session = feedback.attempt(
            form, lambda: services.plan_session(**_planned_fields(form), past_ok=past)
        )
        if info_session is not None:
            if past:
                message = _(
                    "Die Veranstaltung ist nachgetragen. Teilen Sie jetzt die Moderator*innen "
                    "ein, die sie gehalten haben."
                )
            else:
                message = _(
                    "Die Veranstaltung ist angelegt. Bieten Sie sie jetzt Moderator*innen an."
                )
            flash(message, "success")
            return redirect(url_for("scheduling.session", session_id=info_session.id))
        if not past and form.day.errors and form.starts_at() <= utcnow():
            form.past.errors = [
                *form.past.errors,
                _("Um eine vergangene Veranstaltung nachzutragen, kreuzen Sie dieses Feld an."),
            ]
    return render_template("scheduling/session_form.html", form=form)


@bp.route(f"/sessions/{SESSION_ID}", endpoint="session")
@roles_required(COORDINATOR)
def session_page(session_id):
    # Every coordinator sees the same page; the earliest day to move it to is today.
    content, title = written_once(lambda: pages.write_session(session_id), local_today())
    return render_template("written_page.html", content=content, title=title)


@bp.route(f"/sessions/{SESSION_ID}/assignments", methods=["POST"])
@roles_required(COORDINATOR)
def add_assignment(session_id):
    # Locked at once: staffing reads the session afresh under the lock anyway (booking.staff).
    info_session = lock_session(session_id)
    if info_session is None:
        abort(404)
    form = AssignmentForm()
    valid = form.validate_on_submit()
    moderator = db.session.get(Moderator, form.moderator_id.data) if valid else None
    if moderator is None:
        flash(_("Bitte wählen Sie eine Person und ob Sie anbieten oder einteilen."), "error")
    elif feedback.attempt_or_flash(
        lambda: services.add_assignment(info_session, moderator, form.mode.data)
    ):
        if form.mode.data == ASSIGN:
            message = _("%(name)s ist eingeteilt und erhält eine E-Mail.", name=moderator.full_name)
        else:
            message = _("%(name)s erhält das Angebot per E-Mail.", name=moderator.full_name)
        flash(message, "success")
    return redirect(url_for("scheduling.session", session_id=session_id) + "#assignments")


@bp.route(f"/sessions/{SESSION_ID}/reschedule", methods=["POST"])
@roles_required(COORDINATOR)
def reschedule(session_id):
    form = RescheduleForm()
    if form.validate_on_submit():
        info_session = _session_or_404(session_id)
        if feedback.attempt(
            form,
            lambda: session_changes.reschedule(
                info_session, form.starts_at(), form.duration_minutes.data, form.reason.data
            ),
            ok=True,
        ):
            flash(
                _("Die Veranstaltung ist verschoben. Die Beteiligten erhalten eine E-Mail."),
                "success",
            )
            return redirect(url_for("scheduling.session", session_id=session_id))
    return pages.render_session(session_id, reschedule_form=form)


@bp.route(f"/sessions/{SESSION_ID}/cancel", methods=["POST"])
@roles_required(COORDINATOR)
def cancel(session_id):
    form = CancelForm()
    if form.validate_on_submit():
        info_session = _session_or_404(session_id)
        if feedback.attempt(
            form, lambda: session_changes.cancel_session(info_session, form.reason.data), ok=True
        ):
            flash(
                _("Die Veranstaltung ist abgesagt. Die Beteiligten erhalten eine E-Mail."),
                "success",
            )
            return redirect(url_for("scheduling.session", session_id=session_id))
    return pages.render_session(session_id, cancel_form=form)


# Helpers ----------------------------------------------------------------------------------


def _request_or_404(request_id: int):
    session_request = queries.request_with_details(request_id)
    if session_request is None:
        abort(404)
    return session_request


def _session_or_404(session_id: int):
    """The session with what a change to it and the change's mails read."""
    info_session = queries.session_for_change(session_id)
    if info_session is None:
        abort(404)
    return info_session


def _planned_fields(form: SessionForm) -> dict:
    """The form's values as plan_session expects them: objects instead of ids."""
    school = db.session.get(School, form.school_id.data) if form.school_id.data else None
    district = db.session.get(District, form.district_id.data) if form.district_id.data else None
    return {
        "language": db.session.get(Language, form.language_id.data),
        "topic": db.session.get(Topic, form.topic_id.data),
        "starts_at": form.starts_at(),
        "duration_minutes": form.duration_minutes.data,
        "district": district or (school.district if school else None),
        "school": school,
        "venue_name": form.venue_name.data,
        "venue_address": form.venue_address.data,
        "moderators_needed": form.moderators_needed.data,
        "public": form.public.data,
        "expected_parents": form.expected_parents.data or 0,
        "notes": form.notes.data,
    }
