"""Privacy pages: a moderator's own data, anonymising people, the coordinators' audit log."""

import json

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from moderators.auth.access import roles_required
from moderators.auth.models import COORDINATOR, MODERATOR, ROLE_LABELS
from moderators.common.models import utcnow
from moderators.common.pagination import paginate
from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.privacy import queries, services
from moderators.privacy.forms import AnonymiseForm, AuditFilterForm
from moderators.privacy.labels import (
    FIELD_LIST_KEYS,
    action_label,
    field_label,
    mail_state_label,
    object_kind_label,
)
from moderators.privacy.records import as_json, moderator_for_export
from moderators.roster.models import Moderator
from moderators.schools.models import School
from moderators.schools.queries import school_with_accounts
from moderators.training.models import attendance_label

bp = Blueprint("privacy", __name__)


# What the templates of audit entries call to name actions, fields and objects.
LABELS = {
    "action_label": action_label,
    "field_label": field_label,
    "object_kind_label": object_kind_label,
    "field_list_keys": FIELD_LIST_KEYS,
    "mail_state_label": mail_state_label,
    "attendance_label": attendance_label,
    "role_labels": ROLE_LABELS,
}


# A moderator's own data ---------------------------------------------------------------------


@bp.route("/me/data")
@roles_required(MODERATOR)
def own_data():
    return services.export_moderator_data(
        _own_moderator(),
        "html",
        lambda records: render_template("privacy/own_data.html", records=records, **LABELS),
    )


@bp.route("/me/data.json")
@roles_required(MODERATOR)
def own_data_json():
    exported_at = utcnow()
    body = services.export_moderator_data(
        _own_moderator(),
        "json",
        lambda records: json.dumps(as_json(records, exported_at), ensure_ascii=False, indent=2),
    )
    response = current_app.response_class(body, mimetype="application/json")
    filename = f"elternmoderation-meine-daten-{local_today().isoformat()}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _own_moderator() -> Moderator:
    """The signed-in moderator, with what the export shows of the profile itself."""
    moderator_id = current_user.moderator_id
    moderator = moderator_for_export(moderator_id) if moderator_id is not None else None
    if moderator is None:
        abort(
            404,
            _("Ihr Konto ist mit keinem Profil verbunden. Bitte fragen Sie die Koordination."),
        )
    return moderator


# Anonymising ----------------------------------------------------------------------------------


@bp.route("/moderators/<int:moderator_id>/anonymise", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def anonymise_moderator(moderator_id):
    moderator = db.get_or_404(Moderator, moderator_id)
    refusal = _refusal(lambda: services.check_anonymisable(moderator))
    form = AnonymiseForm()
    if (
        refusal is None
        and form.validate_on_submit()
        and _done(lambda: services.anonymise_moderator(moderator))
    ):
        # i18n: %(name)s is the pseudonym, such as "Person 17"
        message = _(
            "Die Personendaten sind gelöscht. Statistik und Abrechnung zeigen jetzt „%(name)s“.",
            name=moderator.full_name,
        )
        flash(message, "success")
        return redirect(url_for("roster.detail", moderator_id=moderator.id))
    return render_template(
        "privacy/anonymise_moderator.html",
        moderator=moderator,
        form=form,
        refusal=refusal,
        last_activity=services.last_activity(moderator),
    )


@bp.route("/schools/<int:school_id>/anonymise-contact", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def anonymise_school_contact(school_id):
    school = school_with_accounts(school_id)
    if school is None:
        abort(404)
    refusal = (
        None
        if services.has_contact_data(school)
        else _("Zu dieser Schule sind keine Kontaktdaten mehr gespeichert.")
    )
    form = AnonymiseForm()
    if (
        refusal is None
        and form.validate_on_submit()
        and _done(lambda: services.anonymise_school_contact(school))
    ):
        flash(_("Die Daten der Ansprechperson sind gelöscht."), "success")
        return redirect(url_for("schools.detail", school_id=school.id))
    return render_template(
        "privacy/anonymise_school.html", school=school, form=form, refusal=refusal
    )


def _refusal(check) -> str | None:
    """Why the service would refuse, said before anyone confirms."""
    try:
        check()
    except services.PrivacyError as error:
        return str(error.message)
    return None


def _done(change) -> bool:
    try:
        change()
    except services.PrivacyError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return False
    return True


# The audit log --------------------------------------------------------------------------------


@bp.route("/audit")
@roles_required(COORDINATOR)
def audit_log():
    form = AuditFilterForm(request.args)
    page = paginate(queries.audit_select(**form.criteria()))
    return render_template(
        "privacy/audit.html",
        form=form,
        page=page,
        objects=queries.describe_objects(page.items),
        about=_filtered_person(form),
        **LABELS,
    )


def _filtered_person(form: AuditFilterForm):
    """The moderator or school the log is filtered by, for the heading."""
    if form.moderator_id.data and not form.moderator_id.errors:
        return db.session.get(Moderator, form.moderator_id.data)
    if form.school_id.data and not form.school_id.errors:
        return db.session.get(School, form.school_id.data)
    return None
