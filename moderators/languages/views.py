"""Pages of the languages module: coverage of the pool, adding and editing languages."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from moderators.auth.access import roles_required
from moderators.extensions import db
from moderators.languages import services
from moderators.languages.forms import LanguageForm, NewLanguageForm
from moderators.languages.models import Language
from moderators.languages.queries import FEW_ACTIVE_MODERATORS, language_coverage

bp = Blueprint("languages", __name__)


@bp.route("/languages")
@roles_required("coordinator")
def coverage():
    active, inactive = language_coverage()
    return render_template(
        "languages/coverage.html", active=active, inactive=inactive, few=FEW_ACTIVE_MODERATORS
    )


@bp.route("/languages/new", methods=["GET", "POST"])
@roles_required("coordinator")
def new():
    form = NewLanguageForm()
    if form.validate_on_submit():
        try:
            language = services.create_language(
                form.code.data, form.name_de.data, form.direction.data, form.active.data
            )
        except services.LanguageError as error:
            _field_error(form, error)
        else:
            flash(_("Die Sprache %(name)s ist angelegt.", name=language.name), "success")
            return redirect(url_for("languages.coverage"))
    return render_template("languages/form.html", form=form, language=None)


@bp.route("/languages/<int:language_id>/edit", methods=["GET", "POST"])
@roles_required("coordinator")
def edit(language_id: int):
    language = db.session.get(Language, language_id) or abort(404)
    form = LanguageForm(obj=language)
    if form.validate_on_submit():
        try:
            services.update_language(
                language, form.name_de.data, form.direction.data, form.active.data
            )
        except services.LanguageError as error:
            _field_error(form, error)
        else:
            flash(_("Die Änderungen an %(name)s sind gespeichert.", name=language.name), "success")
            return redirect(url_for("languages.coverage"))
    return render_template("languages/form.html", form=form, language=language)


def _field_error(form, error: services.LanguageError) -> None:
    field = getattr(form, error.field or "", None)
    if field is not None:
        field.errors = [*field.errors, str(error.message)]
    else:
        form.form_errors.append(str(error.message))
