"""Pages of the schools module: the coordinator's list and forms, and a school's own page."""

import re

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from moderators.auth.access import roles_required
from moderators.auth.forms import InviteForm
from moderators.auth.models import COORDINATOR, SCHOOL
from moderators.auth.services import AccountError
from moderators.common.pagination import paginate
from moderators.extensions import db
from moderators.schools import queries, services
from moderators.schools.forms import SchoolFilterForm, SchoolForm
from moderators.schools.models import School

bp = Blueprint("schools", __name__)


@bp.route("/schools")
@roles_required(COORDINATOR)
def index():
    filters = SchoolFilterForm(request.args)
    page = paginate(queries.schools_select(**filters.criteria()))
    return render_template("schools/index.html", filters=filters, page=page)


@bp.route("/schools/new", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def new():
    form = SchoolForm()
    if form.validate_on_submit():
        try:
            school = services.create_school(**form.school_fields())
        except services.SchoolError as error:
            _field_error(form, error)
        else:
            flash(_("Die Schule ist angelegt."), "success")
            return redirect(url_for("schools.detail", school_id=school.id))
    return render_template("schools/form.html", form=form, school=None)


@bp.route("/schools/<int:school_id>")
@roles_required(COORDINATOR)
def detail(school_id):
    school = _school_or_404(school_id)
    form = InviteForm(email=school.contact_email)
    return render_template("schools/detail.html", school=school, invite_form=form)


@bp.route("/schools/<int:school_id>/edit", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def edit(school_id):
    school = _school_or_404(school_id)
    form = SchoolForm(obj=school)
    if form.validate_on_submit():
        try:
            services.update_school(school, **form.school_fields())
        except services.SchoolError as error:
            _field_error(form, error)
        else:
            flash(_("Die Änderungen sind gespeichert."), "success")
            return redirect(url_for("schools.detail", school_id=school.id))
    return render_template("schools/form.html", form=form, school=school)


@bp.route("/schools/<int:school_id>/invite", methods=["POST"])
@roles_required(COORDINATOR)
def invite(school_id):
    school = _school_or_404(school_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invitation, token = services.invite_contact(school, form.email.data)
        except (AccountError, services.SchoolError) as error:
            db.session.rollback()  # nothing half-made of a refused invitation stays
            form.email.errors.append(str(error))
        else:
            link = url_for("auth.accept_invitation", token=token, _external=True)
            message = _(
                "Die Einladung an %(email)s ist verschickt. Falls keine E-Mail ankommt, "
                "geben Sie diesen Link weiter: %(link)s",
                email=Markup("<bdi>%s</bdi>") % invitation.user.email,
                link=_breakable(link),
            )
            # The sentence is the catalog's; the address and link in it are escaped above.
            message = Markup(message)  # nosec B704
            flash(message, "success")
            return redirect(url_for("schools.detail", school_id=school.id))
    return render_template("schools/detail.html", school=school, invite_form=form)


@bp.route("/school")
@roles_required(SCHOOL)
def own():
    school = queries.own_school(current_user)
    if school is None:
        return render_template("schools/own.html", school=None), 404
    return render_template("schools/own.html", school=school)


def _school_or_404(school_id: int) -> School:
    school = queries.school_with_accounts(school_id)
    if school is None:
        abort(404)
    return school


def _breakable(url: str) -> Markup:
    """The link, escaped, with invisible break points so it wraps on a phone and copies whole."""
    return Markup("<wbr>").join(escape(piece) for piece in re.findall(r"[^/]{1,10}/?|/", url))


def _field_error(form, error: services.SchoolError) -> None:
    """Show a rule the service enforced next to the field it is about."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors.append(str(error))
    else:
        form.form_errors.append(str(error))
