"""Public pages: upcoming sessions for parents, one page and an .ics file per session; and the
invitation letter that schools print for parents."""

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user

from moderators.auth.access import public, roles_required
from moderators.auth.models import COORDINATOR, MODERATOR, SCHOOL
from moderators.common.models import utcnow
from moderators.common.pagination import paginate
from moderators.i18n import current_locale
from moderators.public import queries
from moderators.public.forms import PublicFilterForm
from moderators.public.letter import letter_parts, locale_for_language
from moderators.scheduling.calendar import (
    download_filename,
    may_download,
    public_session_ics,
    session_for_download,
)

bp = Blueprint("public", __name__)


@bp.route("/info-sessions")
@public
def sessions():
    now = utcnow()
    offered = queries.languages_offered(now)
    form = PublicFilterForm(request.args, offered)
    criteria = form.criteria()
    page = paginate(queries.upcoming_public(now, **criteria))
    # A visitor reading Turkish is shown the way to the Turkish sessions first.
    own = next(
        (lang for lang in offered if locale_for_language(lang.code) == current_locale()), None
    )
    return render_template(
        "public/sessions.html",
        form=form,
        page=page,
        own_language=own if criteria["language"] is None else None,
    )


@bp.route("/info-sessions/<int:session_id>")
@public
def session(session_id):
    found = queries.public_session(session_id)
    if found is None:
        abort(404)
    return render_template("public/session.html", session=found, now=utcnow())


@bp.route("/info-sessions/<int:session_id>.ics")
@public
def session_ics(session_id):
    found = queries.public_session(session_id)
    if found is None:
        abort(404)
    response = Response(public_session_ics(found), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{download_filename(found)}"'
    return response


@bp.route("/sessions/<int:session_id>/letter")
@roles_required(COORDINATOR, SCHOOL, MODERATOR)
def letter(session_id):
    """For the office, the school the session is at, and its booked moderators."""
    found = session_for_download(session_id)
    if found is None:
        abort(404)
    if not may_download(current_user, found):
        abort(403)
    return render_template(
        "public/letter.html",
        session=found,
        parts=letter_parts(found),
        translated=locale_for_language(found.language.code) is not None,
    )
