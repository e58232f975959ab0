"""The moderator pool for coordinators, and each moderator's own profile."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from moderators.auth.access import roles_required
from moderators.auth.forms import InviteForm
from moderators.auth.models import COORDINATOR, MODERATOR
from moderators.auth.services import AccountError, invite
from moderators.common.forms import choices
from moderators.common.pagination import page_number
from moderators.common.templating import weekday_name
from moderators.extensions import db
from moderators.roster import services
from moderators.roster.forms import (
    AbsenceForm,
    AvailabilityForm,
    ModeratorForm,
    ProfileForm,
    build_filter_form,
    build_profile_form,
)
from moderators.roster.listing import pool_rows
from moderators.roster.models import STATUSES, status_label
from moderators.roster.pool import pool_page
from moderators.roster.queries import (
    absence_of,
    all_districts,
    languages_for_choice,
    moderator_with_links,
    moderator_with_profile,
    window_of,
)

bp = Blueprint("roster", __name__)


# The pool, for coordinators -------------------------------------------------


@bp.route("/moderators")
@roles_required(COORDINATOR)
def index():
    statuses = {status: status_label(status) for status in STATUSES}
    form = build_filter_form(request.args, statuses)
    page = pool_page(
        form.valid_filters(),
        page=page_number(),
        per_page=current_app.config["PER_PAGE"],
    )
    rows = pool_rows(page.items, statuses)
    return render_template("roster/index.html", form=form, page=page, rows=rows)


@bp.route("/moderators/new", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def new():
    form = _profile_form(ModeratorForm)
    if form.validate_on_submit():
        moderator = _save(form, None)
        if moderator is not None:
            flash(_("%(name)s ist angelegt.", name=moderator.full_name), "success")
            return redirect(url_for("roster.detail", moderator_id=moderator.id))
    return render_template("roster/form.html", form=form, moderator=None)


@bp.route("/moderators/<int:moderator_id>")
@roles_required(COORDINATOR)
def detail(moderator_id):
    return _render_profile(_moderator_or_404(moderator_id), own=False)


@bp.route("/moderators/<int:moderator_id>/edit", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def edit(moderator_id):
    moderator = _moderator_for_form(moderator_id)
    form = _profile_form(ModeratorForm, moderator)
    if form.validate_on_submit() and _save(form, moderator) is not None:
        flash(_("Die Änderungen sind gespeichert."), "success")
        return redirect(url_for("roster.detail", moderator_id=moderator_id))
    return render_template("roster/form.html", form=form, moderator=moderator)


@bp.route("/moderators/<int:moderator_id>/invite", methods=["POST"])
@roles_required(COORDINATOR)
def invite_moderator(moderator_id):
    moderator = _moderator_or_404(moderator_id)
    form = InviteForm()
    if not form.validate_on_submit():
        return _render_profile(moderator, own=False, invite_form=form)
    try:
        token = invite(form.email.data, MODERATOR, moderator=moderator)[1]
    except AccountError as error:
        form.email.errors.append(str(error))
        return _render_profile(moderator, own=False, invite_form=form)
    link = url_for("auth.accept_invitation", token=token, _external=True)
    flash(
        _(
            "Die Einladung ist an %(email)s verschickt. Link: %(link)s",
            email=form.email.data,
            link=link,
        ),
        "success",
    )
    return redirect(url_for("roster.detail", moderator_id=moderator_id))


@bp.route("/moderators/<int:moderator_id>/availability", methods=["POST"])
@roles_required(COORDINATOR)
def add_availability(moderator_id):
    return _add_availability(_moderator_or_404(moderator_id), own=False)


@bp.route("/moderators/<int:moderator_id>/availability/<int:window_id>/delete", methods=["POST"])
@roles_required(COORDINATOR)
def remove_availability(moderator_id, window_id):
    return _remove_availability(moderator_id, window_id, own=False)


@bp.route("/moderators/<int:moderator_id>/absences", methods=["POST"])
@roles_required(COORDINATOR)
def add_absence(moderator_id):
    return _add_absence(_moderator_or_404(moderator_id), own=False)


@bp.route("/moderators/<int:moderator_id>/absences/<int:absence_id>/delete", methods=["POST"])
@roles_required(COORDINATOR)
def remove_absence(moderator_id, absence_id):
    return _remove_absence(moderator_id, absence_id, own=False)


# A moderator's own profile -----------------------------------------------------


@bp.route("/me")
@roles_required(MODERATOR)
def own_profile():
    return _render_profile(_own_moderator(), own=True)


@bp.route("/me/edit", methods=["GET", "POST"])
@roles_required(MODERATOR)
def edit_own():
    moderator = _moderator_for_form(_own_moderator_id())
    form = _profile_form(ProfileForm, moderator)
    if form.validate_on_submit() and _save(form, moderator) is not None:
        flash(_("Ihr Profil ist gespeichert."), "success")
        return redirect(url_for("roster.own_profile"))
    return render_template("roster/form.html", form=form, moderator=moderator, own=True)


@bp.route("/me/availability", methods=["POST"])
@roles_required(MODERATOR)
def add_own_availability():
    return _add_availability(_own_moderator(), own=True)


@bp.route("/me/availability/<int:window_id>/delete", methods=["POST"])
@roles_required(MODERATOR)
def remove_own_availability(window_id):
    return _remove_availability(_own_moderator_id(), window_id, own=True)


@bp.route("/me/absences", methods=["POST"])
@roles_required(MODERATOR)
def add_own_absence():
    return _add_absence(_own_moderator(), own=True)


@bp.route("/me/absences/<int:absence_id>/delete", methods=["POST"])
@roles_required(MODERATOR)
def remove_own_absence(absence_id):
    return _remove_absence(_own_moderator_id(), absence_id, own=True)


# Shared by both --------------------------------------------------------------


def _moderator_or_404(moderator_id: int):
    moderator = moderator_with_profile(moderator_id)
    if moderator is None:
        abort(404)
    return moderator


def _moderator_for_form(moderator_id: int):
    """The moderator with only what the profile form shows: languages and districts."""
    moderator = moderator_with_links(moderator_id)
    if moderator is None:
        abort(404)
    return moderator


def _own_moderator_id() -> int:
    if current_user.moderator_id is None:
        abort(
            404,
            _("Ihr Konto ist mit keinem Profil verbunden. Bitte fragen Sie die Koordination."),
        )
    return current_user.moderator_id


def _own_moderator():
    return _moderator_or_404(_own_moderator_id())


def _profile_url(moderator_id: int, own: bool) -> str:
    """By id: after a commit the moderator's attributes would have to be loaded again."""
    if own:
        return url_for("roster.own_profile")
    return url_for("roster.detail", moderator_id=moderator_id)


def _profile_form(form_class, moderator=None):
    """The profile form; it keeps the languages it offers, for _save."""
    languages = languages_for_choice()
    form = build_profile_form(form_class, languages, all_districts(), moderator)
    form.offered_languages = languages
    return form


def _save(form, moderator):
    """Hand the form to the service; a rule it breaks comes back next to the field."""
    fields = {
        name: form[name].data
        for name in ("first_name", "last_name", "email", "phone", "status", "notes")
        if name in form
    }
    fields["districts"] = form.districts.data
    fields["languages"] = form.language_levels(form.offered_languages)
    try:
        if moderator is None:
            return services.create_moderator(**fields)
        services.update_moderator(moderator, **fields)
        return moderator
    except services.ProfileError as error:
        db.session.rollback()
        target = form._fields.get(error.field, form.districts)
        target.errors = [*target.errors, str(error.message)]
        return None


def _availability_form(**kwargs) -> AvailabilityForm:
    form = AvailabilityForm(**kwargs)
    form.weekday.choices = choices((day, weekday_name(day)) for day in range(7))
    return form


def _render_profile(
    moderator, own: bool, availability_form=None, absence_form=None, invite_form=None
):
    """The profile page; a form given here comes back with its errors next to its fields."""
    return render_template(
        "roster/profile.html",
        moderator=moderator,
        own=own,
        availability_form=availability_form or _availability_form(formdata=None),
        absence_form=absence_form or AbsenceForm(formdata=None),
        invite_form=invite_form or InviteForm(formdata=None, email=moderator.email),
    )


def _add_availability(moderator, own: bool):
    moderator_id = moderator.id
    form = _availability_form()
    if form.validate_on_submit():
        try:
            services.add_availability(
                moderator, form.weekday.data, form.starts_at.data, form.ends_at.data
            )
        except services.ProfileError as error:
            db.session.rollback()
            form[error.field].errors = [str(error.message)]
        else:
            flash(_("Das Zeitfenster ist eingetragen."), "success")
            return redirect(_profile_url(moderator_id, own) + "#availability")
    return _render_profile(moderator, own, availability_form=form)


def _remove_availability(moderator_id: int, window_id: int, own: bool):
    """404 for a window that is not the moderator's, or no moderator of that id."""
    window = window_of(moderator_id, window_id)
    if window is None:
        abort(404)
    services.remove_availability(window.moderator, window)
    flash(_("Das Zeitfenster ist entfernt."), "success")
    return redirect(_profile_url(moderator_id, own) + "#availability")


def _add_absence(moderator, own: bool):
    moderator_id = moderator.id
    form = AbsenceForm()
    if form.validate_on_submit():
        services.add_absence(moderator, form.starts_on.data, form.ends_on.data, form.note.data)
        flash(_("Die Abwesenheit ist eingetragen."), "success")
        return redirect(_profile_url(moderator_id, own) + "#absences")
    return _render_profile(moderator, own, absence_form=form)


def _remove_absence(moderator_id: int, absence_id: int, own: bool):
    """404 for an absence that is not the moderator's, or no moderator of that id."""
    absence = absence_of(moderator_id, absence_id)
    if absence is None:
        abort(404)
    services.remove_absence(absence.moderator, absence)
    flash(_("Die Abwesenheit ist entfernt."), "success")
    return redirect(_profile_url(moderator_id, own) + "#absences")
