"""The moderator pool for coordinators, and each moderator's own profile."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from moderators.auth.access import roles_required
from moderators.auth.forms import InviteForm
from moderators.auth.models import COORDINATOR, MODERATOR
from moderators.auth.services import AccountError, invite
from moderators.common.kept_pages import written_once
from moderators.common.pagination import page_number
from moderators.roster import profile_pages
from moderators.roster.forms import ModeratorForm, ProfileForm, build_filter_form
from moderators.roster.listing import pool_rows
from moderators.roster.models import STATUSES, status_label
from moderators.roster.pool import pool_page

bp = Blueprint("roster", __name__)


# The pool, for coordinators -------------------------------------------------


@bp.route("/moderators")
@roles_required(COORDINATOR)
def index():
    # Every coordinator sees the same pool.
    return render_template("roster/index.html", content=written_once(_pool_content))


def _pool_content() -> str:
    statuses = {status: status_label(status) for status in STATUSES}
    form = build_filter_form(request.args, statuses)
    page = pool_page(
        form.valid_filters(),
        page=page_number(),
        per_page=current_app.config["PER_PAGE"],
    )
    rows = pool_rows(page.items, statuses)
    return render_template("roster/_index.html", form=form, page=page, rows=rows)


@bp.route("/moderators/new", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def new():
    form = profile_pages.profile_form(ModeratorForm)
    if form.validate_on_submit():
        moderator = profile_pages.save_profile(form, None)
        if moderator is not None:
            flash(_("%(name)s ist angelegt.", name=moderator.full_name), "success")
            return redirect(url_for("roster.detail", moderator_id=moderator.id))
    return render_template("roster/form.html", form=form, moderator=None)


@bp.route("/moderators/<int:moderator_id>")
@roles_required(COORDINATOR)
def detail(moderator_id):
    return profile_pages.render_profile(profile_pages.moderator_or_404(moderator_id), own=False)


@bp.route("/moderators/<int:moderator_id>/edit", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def edit(moderator_id):
    moderator = profile_pages.moderator_for_form(moderator_id)
    form = profile_pages.profile_form(ModeratorForm, moderator)
    if form.validate_on_submit() and profile_pages.save_profile(form, moderator) is not None:
        flash(_("Die Änderungen sind gespeichert."), "success")
        return redirect(url_for("roster.detail", moderator_id=moderator_id))
    return render_template("roster/form.html", form=form, moderator=moderator)


@bp.route("/moderators/<int:moderator_id>/invite", methods=["POST"])
@roles_required(COORDINATOR)
def invite_moderator(moderator_id):
    moderator = profile_pages.moderator_or_404(moderator_id)
    form = InviteForm()
    if not form.validate_on_submit():
        return profile_pages.render_profile(moderator, own=False, invite_form=form)
    try:
        token = invite(form.email.data, MODERATOR, moderator=moderator)[1]
    except AccountError as error:
        form.email.errors.append(str(error))
        return profile_pages.render_profile(moderator, own=False, invite_form=form)
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
    return profile_pages.add_availability(profile_pages.moderator_or_404(moderator_id), own=False)


@bp.route("/moderators/<int:moderator_id>/availability/<int:window_id>/delete", methods=["POST"])
@roles_required(COORDINATOR)
def remove_availability(moderator_id, window_id):
    return profile_pages.remove_availability(moderator_id, window_id, own=False)


@bp.route("/moderators/<int:moderator_id>/absences", methods=["POST"])
@roles_required(COORDINATOR)
def add_absence(moderator_id):
    return profile_pages.add_absence(profile_pages.moderator_or_404(moderator_id), own=False)


@bp.route("/moderators/<int:moderator_id>/absences/<int:absence_id>/delete", methods=["POST"])
@roles_required(COORDINATOR)
def remove_absence(moderator_id, absence_id):
    return profile_pages.remove_absence(moderator_id, absence_id, own=False)


# A moderator's own profile -----------------------------------------------------


@bp.route("/me")
@roles_required(MODERATOR)
def own_profile():
    return profile_pages.render_profile(profile_pages.own_moderator(), own=True)


@bp.route("/me/edit", methods=["GET", "POST"])
@roles_required(MODERATOR)
def edit_own():
    moderator = profile_pages.moderator_for_form(profile_pages.own_moderator_id())
    form = profile_pages.profile_form(ProfileForm, moderator)
    if form.validate_on_submit() and profile_pages.save_profile(form, moderator) is not None:
        flash(_("Ihr Profil ist gespeichert."), "success")
        return redirect(url_for("roster.own_profile"))
    return render_template("roster/form.html", form=form, moderator=moderator, own=True)


@bp.route("/me/availability", methods=["POST"])
@roles_required(MODERATOR)
def add_own_availability():
    return profile_pages.add_availability(profile_pages.own_moderator(), own=True)


@bp.route("/me/availability/<int:window_id>/delete", methods=["POST"])
@roles_required(MODERATOR)
def remove_own_availability(window_id):
    return profile_pages.remove_availability(profile_pages.own_moderator_id(), window_id, own=True)


@bp.route("/me/absences", methods=["POST"])
@roles_required(MODERATOR)
def add_own_absence():
    return profile_pages.add_absence(profile_pages.own_moderator(), own=True)


@bp.route("/me/absences/<int:absence_id>/delete", methods=["POST"])
@roles_required(MODERATOR)
def remove_own_absence(absence_id):
    return profile_pages.remove_absence(profile_pages.own_moderator_id(), absence_id, own=True)
