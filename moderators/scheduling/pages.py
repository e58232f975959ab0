"""The coordination office's request and session pages, rendered as they are now.

The routes in views.py render them for a reader and again after a change was refused, with the
sent form and its errors.
"""

from flask import abort, render_template, request
from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup

from moderators.common.models import utcnow
from moderators.common.results import expires_at
from moderators.common.timezone import to_local
from moderators.scheduling import feedback, queries, session_queries
from moderators.scheduling.forms import (
    CancelForm,
    DirectAssignmentForm,
    RescheduleForm,
    ScheduleForm,
    UnfilledForm,
)
from moderators.scheduling.holidays import holiday_on
from moderators.scheduling.models import OPEN, PLANNED
from moderators.scheduling.request_rows import pool_labels
from moderators.scheduling.shortlists import SHOWN, shortlist
from moderators.scheduling.slot_lists import write_lists


def render_request(session_request, schedule_form=None, unfilled_form=None):
    """The request's page after a change was refused: the sent form with its errors."""
    content, title = write_request(session_request, schedule_form, unfilled_form)
    return render_template("written_page.html", content=Markup(content), title=title)  # nosec B704


def write_request(session_request, schedule_form=None, unfilled_form=None) -> tuple[str, str]:
    """The content of the request's page and its title; kept for GET (views.request_page)
    until a preferred time has passed, the match changes (results.expires_at) or the data
    does."""
    is_open = session_request.status == OPEN
    if not is_open:
        feedback.flash_form_errors(schedule_form, unfilled_form)
    # The forms of the preferred times differ only once one was sent: the others can share one.
    blank = ScheduleForm(formdata=None)
    forms = {slot.id: blank for slot in session_request.slots}
    if schedule_form is not None:
        forms[schedule_form.slot.data] = schedule_form
    shown = _shown()
    matches = queries.request_matches(session_request) if is_open else {}
    lists = {slot_id: shortlist(match, shown) for slot_id, match in matches.items()}
    picked = {slot_id: form.moderator_ids.data for slot_id, form in forms.items()}
    written = write_lists(session_request.id, matches, lists, picked, shown is None)
    now = utcnow()
    # Once a preferred time has passed, the page says so instead of offering it.
    expires_at(min((s.starts_at for s in session_request.slots if s.starts_at > now), default=None))
    content = render_template(
        "scheduling/_request.html",
        session_request=session_request,
        matches=lists,
        written=written,
        showing_all=shown is None,
        forms=forms,
        unfilled_form=unfilled_form or UnfilledForm(formdata=None),
        now=now,
        waiting_label=feedback.waiting_label,
        holiday_on=holiday_on,
    )
    return content, f"{_('Anfrage')} · {session_request.school.name}"


def _shown() -> int | None:
    """How many of each candidate list the page shows: the first few, or all (`?all=1`)."""
    return None if request.args.get("all") == "1" else SHOWN


def render_session(session_id: int, reschedule_form=None, cancel_form=None):
    """The session's page after a change was refused: as it was before, with the sent form."""
    content, title = write_session(session_id, reschedule_form, cancel_form)
    return render_template("written_page.html", content=Markup(content), title=title)  # nosec B704


def write_session(session_id: int, reschedule_form=None, cancel_form=None) -> tuple[str, str]:
    """The content of the session's page and its title, read as it is now; kept for GET
    (views.session_page) until the session begins, its match changes or the data does."""
    info_session = session_queries.session_page(session_id)
    if info_session is None:
        abort(404)
    open_to_change = info_session.status == PLANNED and not info_session.is_past
    if not open_to_change:
        feedback.flash_form_errors(reschedule_form, cancel_form)
    elif reschedule_form is None:  # the forms are shown only while the session can change
        local = to_local(info_session.starts_at)
        reschedule_form = RescheduleForm(
            formdata=None,
            day=local.date(),
            starts=local.time(),
            duration_minutes=info_session.duration_minutes,
        )
    # Once a session has begun, its page shows the moderators' reports (the logbook's, looked
    # at from here so the coordinator sees the session whole). If it is still planned, it was
    # entered afterwards or awaits its reports: moderators can only be booked on it directly.
    direct_form = None
    if info_session.is_past:
        short = len(info_session.accepted) < info_session.moderators_needed
        if info_session.status == PLANNED and short:
            direct_form = DirectAssignmentForm(queries.active_speakers(info_session), formdata=None)
    shown = _shown()
    match = shortlist(queries.session_match(info_session), shown) if open_to_change else None
    if not info_session.is_past:  # once it has begun, its page shows reports, not forms
        expires_at(info_session.starts_at)
    content = render_template(
        "scheduling/_session.html",
        info_session=info_session,
        match=match,
        showing_all=shown is None,
        **pool_labels([match] if match else []),
        open_to_change=open_to_change,
        direct_form=direct_form,
        reschedule_form=reschedule_form,
        cancel_form=cancel_form or (CancelForm(formdata=None) if open_to_change else None),
        holiday_on=holiday_on,
    )
    day = format_date(to_local(info_session.starts_at).date(), "medium")
    return content, f"{_('Veranstaltung')} · {day}"
