"""A moderator's sessions: offers to answer, upcoming sessions, and the answer links in mails."""

from functools import cache

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
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from moderators.auth.access import public, roles_required
from moderators.auth.models import MODERATOR
from moderators.common.kept_pages import written_for
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.i18n import current_locale
from moderators.scheduling import services
from moderators.scheduling.booking import SchedulingError
from moderators.scheduling.links import ACCEPT, read_offer_link
from moderators.scheduling.locks import locked_offer
from moderators.scheduling.models import OFFERED
from moderators.scheduling.moderator_forms import DeclineForm
from moderators.scheduling.moderator_queries import (
    OwnPage,
    assignment_with_session,
    own_page,
    session_card,
)

bp = Blueprint("moderator_sessions", __name__)


def decline_form(assignment_id: int, **kwargs) -> DeclineForm:
    """Each offer on the page has its own decline form; the prefix keeps their fields apart."""
    return DeclineForm(prefix=f"offer-{assignment_id}", **kwargs)


# The moderator's own page ------------------------------------------------------


@bp.route("/me/sessions")
@roles_required(MODERATOR)
def index():
    rows = own_page(_own_moderator_id(), utcnow())
    content = written_for(rows, lambda: _own_page_content(rows))
    return render_template("moderator_sessions/index.html", content=content)


def _own_page_content(rows: OwnPage) -> str:
    current, past = rows.assignments()
    offers = [a for a in current if a.status == OFFERED]
    return render_template(
        "moderator_sessions/_index.html",
        offers=offers,
        decline_forms={a.id: decline_form(a.id, formdata=None) for a in offers},
        upcoming=[a for a in current if a.status != OFFERED],
        past=past,
        reports_due=rows.reports_due,
        session_links=session_links(),
        terms=fact_terms(),
        report_link=link_for("logbook.edit_report", "report_id"),
        new_report_link=link_for("logbook.new_report", "assignment_id"),
    )


# The terms of a session's facts (facts() in templates/moderator_sessions/_session.html).
FACT_TERMS = {
    "duration": _l("Dauer"),
    "place": _l("Ort"),
    "district": _l("Bezirk"),
    "language": _l("Sprache"),
    "topic": _l("Thema"),
    "school": _l("Schule"),
    "parents": _l("Erwartete Eltern"),
    "no_parents": _l("keine Angabe"),
}


def fact_terms() -> dict[str, str]:
    """FACT_TERMS in the reader's language: every card on a page repeats them."""
    return _fact_terms(current_locale())


@cache
def _fact_terms(locale: str) -> dict[str, str]:
    return {key: str(term) for key, term in FACT_TERMS.items()}


SESSION_LINKS = Markup(  # format() escapes what it fills in
    '<a class="ics-link" href="{}">{}</a>\n<a class="ics-link" href="{}">{}</a>'
)


def session_links():
    """The links under each session on the page, its calendar file and the invitation for
    parents, as Markup by session id: addresses and labels made once for the whole page."""
    calendar = link_for("calendar.session_download", "session_id")
    letter = link_for("public.letter", "session_id")
    calendar_label = _("In den Kalender übernehmen (.ics)")
    letter_label = _("Einladung für Eltern")

    def links(session_id: int) -> Markup:
        return SESSION_LINKS.format(
            calendar(session_id), calendar_label, letter(session_id), letter_label
        )

    return links


# An id for building addresses around: its digits occur nowhere else in them.
PLACEHOLDER = 987654321


def link_for(endpoint: str, key: str):
    """url_for(endpoint, key=...) for every row of the page at the price of one url_for: the
    address is built once around a placeholder id, and each row's id takes its place."""
    before, after = url_for(endpoint, **{key: PLACEHOLDER}).split(str(PLACEHOLDER))
    return lambda object_id: f"{before}{object_id}{after}"


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
    """The moderator's own assignment, its session locked for the answer (another moderator's
    reads as missing)."""
    assignment = locked_offer(assignment_id, _own_moderator_id())
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
    if context.get("assignment") is not None:
        context["card"] = session_card(context["assignment"].session)
        context["terms"] = fact_terms()
    response = make_response(render_template(template, **context), status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
