"""The profile page and its forms, shared by the coordinator's and the moderator's own routes.

views.py holds the routes of both, each naming whose profile it is (`own`); here the moderator
is loaded (or 404), the profile page rendered with its forms, the profile saved, and the
weekly windows and absences added and removed, each redirecting back to the right page.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from moderators.auth.forms import InviteForm
from moderators.common.forms import choices
from moderators.common.templating import weekday_name
from moderators.extensions import db
from moderators.roster import services
from moderators.roster.forms import AbsenceForm, AvailabilityForm, build_profile_form
from moderators.roster.queries import (
    absence_of,
    all_districts,
    languages_for_choice,
    moderator_with_links,
    moderator_with_profile,
    window_of,
)


def moderator_or_404(moderator_id: int):
    moderator = moderator_with_profile(moderator_id)
    if moderator is None:
        abort(404)
    return moderator


def moderator_for_form(moderator_id: int):
    """The moderator with only what the profile form shows: languages and districts."""
    moderator = moderator_with_links(moderator_id)
    if moderator is None:
        abort(404)
    return moderator


def own_moderator_id() -> int:
    if current_user.moderator_id is None:
        abort(
            404,
            _("Ihr Konto ist mit keinem Profil verbunden. Bitte fragen Sie die Koordination."),
        )
    return current_user.moderator_id


def own_moderator():
    return moderator_or_404(own_moderator_id())


def _profile_url(moderator_id: int, own: bool) -> str:
    """By id: after a commit the moderator's attributes would have to be loaded again."""
    if own:
        return url_for("roster.own_profile")
    return url_for("roster.detail", moderator_id=moderator_id)


def profile_form(form_class, moderator=None):
    """The profile form; it keeps the languages it offers, for save_profile."""
    languages = languages_for_choice()
    form = build_profile_form(form_class, languages, all_districts(), moderator)
    form.offered_languages = languages
    return form


def save_profile(form, moderator):
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


def render_profile(
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


def add_availability(moderator, own: bool):
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
    return render_profile(moderator, own, availability_form=form)


def remove_availability(moderator_id: int, window_id: int, own: bool):
    """404 for a window that is not the moderator's, or no moderator of that id."""
    window = window_of(moderator_id, window_id)
    if window is None:
        abort(404)
    services.remove_availability(window.moderator, window)
    flash(_("Das Zeitfenster ist entfernt."), "success")
    return redirect(_profile_url(moderator_id, own) + "#availability")


def add_absence(moderator, own: bool):
    moderator_id = moderator.id
    form = AbsenceForm()
    if form.validate_on_submit():
        services.add_absence(moderator, form.starts_on.data, form.ends_on.data, form.note.data)
        flash(_("Die Abwesenheit ist eingetragen."), "success")
        return redirect(_profile_url(moderator_id, own) + "#absences")
    return render_profile(moderator, own, absence_form=form)


def remove_absence(moderator_id: int, absence_id: int, own: bool):
    """404 for an absence that is not the moderator's, or no moderator of that id."""
    absence = absence_of(moderator_id, absence_id)
    if absence is None:
        abort(404)
    services.remove_absence(absence.moderator, absence)
    flash(_("Die Abwesenheit ist entfernt."), "success")
    return redirect(_profile_url(moderator_id, own) + "#absences")
