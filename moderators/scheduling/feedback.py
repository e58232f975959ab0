"""What the coordinator's scheduling pages say back: why someone is not a candidate, how long a
request has waited, what a change did, and what went wrong with it."""

from flask import flash
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.exc import IntegrityError

from moderators.extensions import db
from moderators.scheduling import queries
from moderators.scheduling.booking import ASSIGN, SchedulingError
from moderators.scheduling.matching import ABSENT, BUSY, NOT_ACTIVE, UNAVAILABLE


def staffed_message(mode: str, assignments) -> str:
    """What the coordinator is told once a request has become a session."""
    if mode == ASSIGN:
        names = ", ".join(a.moderator.full_name for a in assignments)
        return _(
            "Die Veranstaltung ist angelegt und %(names)s eingeteilt. "
            "Schule und Moderator*in erhalten eine E-Mail.",
            names=names,
        )
    return ngettext(
        "Die Veranstaltung ist angelegt und %(num)d Person angeboten. Wer zusagt, ist eingeteilt.",
        "Die Veranstaltung ist angelegt und %(num)d Personen angeboten. "
        "Wer zuerst zusagt, ist eingeteilt.",
        len(assignments),
    )


def exclusion_label(reason: str) -> str:
    """Why a moderator who speaks the language is not a candidate."""
    return {
        NOT_ACTIVE: _("nicht aktiv (pausiert, in Qualifizierung oder ausgeschieden)"),
        ABSENT: _("abwesend"),
        BUSY: _("zu dieser Zeit schon eingeplant"),
        UNAVAILABLE: _("außerhalb der Zeiten, in denen sie oder er kann"),
    }[reason]


def waiting_label(session_request) -> str:
    days = queries.days_waiting(session_request)
    if days <= 0:
        # i18n: how long a request has waited, when it came in today
        return _("seit heute")
    # i18n: how long a request has waited, in days ("seit 3 Tagen")
    return ngettext("seit %(num)d Tag", "seit %(num)d Tagen", days)


# The service's names for what was entered, where the form calls it differently.
FIELD_NAMES = {"preferred_starts": "day", "starts_at": "day", "language": "language_id"}


def attempt(form, action, ok=False):
    """Run a service call; a rule it breaks comes back next to the field, or above the form.
    A half-done change is rolled back."""
    try:
        result = action()
    except SchedulingError as error:
        db.session.rollback()
        name = FIELD_NAMES.get(error.field, error.field)
        if name and name in form:
            form[name].errors = [*form[name].errors, str(error.message)]
        else:
            form.form_errors.append(str(error.message))
        return None
    except IntegrityError as error:
        db.session.rollback()
        form.form_errors.append(_refusal_message(error))
        return None
    return True if ok else result


def attempt_or_flash(action) -> bool:
    """Run a service call; a rule it breaks is flashed. A half-done change is rolled back."""
    try:
        action()
    except SchedulingError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return False
    except IntegrityError as error:
        db.session.rollback()
        flash(_refusal_message(error), "error")
        return False
    return True


# PostgreSQL's exclusion constraint: no two accepted assignments of one moderator overlap.
DOUBLE_BOOKING = "ex_assignment_no_double_booking"


def _refusal_message(error: IntegrityError) -> str:
    """What to say when the database itself refused the change: mostly a double booking that
    got past the checks (a parallel change, or a moved session flushed before it was checked)."""
    constraint = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
    if constraint == DOUBLE_BOOKING:
        return _("Eine eingeteilte Person hat zu dieser Zeit schon eine andere Veranstaltung.")
    return _(
        "Das ließ sich nicht speichern, weil sich gerade etwas anderes geändert hat. "
        "Bitte prüfen Sie die Seite und versuchen Sie es noch einmal."
    )


def flash_form_errors(*forms) -> None:
    """A page without its forms (the request or session has moved on) says above the content
    what went wrong with them."""
    for form in forms:
        for message in form.form_errors if form is not None else ():
            flash(message, "error")
