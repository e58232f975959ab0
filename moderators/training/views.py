"""Cohort pages for coordinators; a moderator's own training and certificate."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from moderators.auth.access import roles_required
from moderators.auth.models import COORDINATOR, MODERATOR
from moderators.common.forms import choices
from moderators.common.timezone import to_local
from moderators.extensions import db
from moderators.roster.services import ProfileError
from moderators.topics.models import Topic
from moderators.training import closing, enrolments, queries, services
from moderators.training.forms import (
    CohortForm,
    DropForm,
    EnrolForm,
    ModuleForm,
    NewTraineeForm,
    attendance_from,
    build_attendance_form,
)
from moderators.training.models import (
    COMPLETED,
    ENROLLED,
    Enrollment,
    TrainingModule,
    attendance_label,
)

bp = Blueprint("training", __name__)


@bp.route("/cohorts")
@roles_required(COORDINATOR)
def index():
    return render_template("training/index.html", rows=queries.cohort_list())


@bp.route("/cohorts/new", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def new_cohort():
    form = CohortForm()
    if form.validate_on_submit():
        cohort = _try(form, lambda: services.create_cohort(**form.cohort_fields()))
        if cohort is not None:
            flash(_("Der Durchgang ist angelegt. Fügen Sie jetzt die Module hinzu."), "success")
            return redirect(url_for("training.cohort", cohort_id=cohort.id))
    return render_template("training/cohort_form.html", form=form, cohort=None)


@bp.route("/cohorts/<int:cohort_id>")
@roles_required(COORDINATOR)
def cohort(cohort_id):
    cohort = _cohort_or_404(cohort_id)
    return _render_cohort(cohort)


@bp.route("/cohorts/<int:cohort_id>/edit", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def edit_cohort(cohort_id):
    cohort = _cohort_or_404(cohort_id)
    form = CohortForm(obj=cohort)
    if (
        form.validate_on_submit()
        and _try(form, lambda: services.update_cohort(cohort, **form.cohort_fields())) is not None
    ):
        flash(_("Die Änderungen sind gespeichert."), "success")
        return redirect(url_for("training.cohort", cohort_id=cohort.id))
    return render_template("training/cohort_form.html", form=form, cohort=cohort)


@bp.route("/cohorts/<int:cohort_id>/modules/new", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def new_module(cohort_id):
    cohort = _cohort_or_404(cohort_id)
    form = _module_form()
    if form.validate_on_submit():
        module = _try(form, lambda: services.add_module(cohort, **form.module_fields()))
        if module is not None:
            flash(_("Das Modul ist angelegt."), "success")
            return redirect(url_for("training.cohort", cohort_id=cohort.id) + "#modules")
    return render_template("training/module_form.html", form=form, cohort=cohort, module=None)


@bp.route("/modules/<int:module_id>/edit", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def edit_module(module_id):
    module = db.get_or_404(TrainingModule, module_id)
    local_start, local_end = to_local(module.starts_at), to_local(module.ends_at)
    form = _module_form(
        obj=module, day=local_start.date(), starts=local_start.time(), ends=local_end.time()
    )
    if (
        form.validate_on_submit()
        and _try(form, lambda: services.update_module(module, **form.module_fields())) is not None
    ):
        flash(_("Das Modul ist gespeichert."), "success")
        return redirect(url_for("training.cohort", cohort_id=module.cohort_id) + "#modules")
    return render_template(
        "training/module_form.html", form=form, cohort=module.cohort, module=module
    )


@bp.route("/modules/<int:module_id>/cancel", methods=["POST"])
@roles_required(COORDINATOR)
def cancel_module(module_id):
    module = db.get_or_404(TrainingModule, module_id)
    cancelled = module.cancelled_at is None
    if _flash_errors(lambda: services.cancel_module(module, cancelled)):
        flash(
            _("Das Modul ist abgesagt.") if cancelled else _("Das Modul findet wieder statt."),
            "success",
        )
    return redirect(url_for("training.cohort", cohort_id=module.cohort_id) + "#modules")


@bp.route("/modules/<int:module_id>/attendance", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def attendance(module_id):
    module = db.get_or_404(TrainingModule, module_id)
    cohort = queries.cohort_with_details(module.cohort_id)
    people = [e for e in queries.sorted_enrollments(cohort) if e.status == ENROLLED]
    current = {a.enrollment_id: a.status for a in module.attendance}
    form = build_attendance_form(people, current)
    if form.validate_on_submit() and _try(
        form, lambda: enrolments.record_attendance(module, attendance_from(form)), ok=True
    ):
        flash(_("Die Anwesenheit ist gespeichert."), "success")
        return redirect(url_for("training.cohort", cohort_id=cohort.id))
    return render_template("training/attendance.html", form=form, module=module, cohort=cohort)


@bp.route("/cohorts/<int:cohort_id>/enrollments", methods=["POST"])
@roles_required(COORDINATOR)
def enrol(cohort_id):
    cohort = _cohort_or_404(cohort_id)
    form = _enrol_form(cohort)
    if form.validate_on_submit():
        moderator = next(m for m in form.candidates if m.id == form.moderator_id.data)
        if _try(form, lambda: enrolments.enroll(cohort, moderator), field="moderator_id"):
            flash(_("%(name)s ist angemeldet.", name=moderator.full_name), "success")
            return redirect(url_for("training.cohort", cohort_id=cohort.id) + "#trainees")
    return _render_cohort(cohort, enrol_form=form)


@bp.route("/cohorts/<int:cohort_id>/trainees", methods=["POST"])
@roles_required(COORDINATOR)
def enrol_new_trainee(cohort_id):
    cohort = _cohort_or_404(cohort_id)
    form = NewTraineeForm()
    if form.validate_on_submit():
        fields = {k: form[k].data for k in ("first_name", "last_name", "email", "phone")}
        enrollment = _try(form, lambda: enrolments.enroll_new_trainee(cohort, **fields))
        if enrollment is not None:
            flash(
                _("%(name)s ist angelegt und angemeldet.", name=enrollment.moderator.full_name),
                "success",
            )
            return redirect(url_for("training.cohort", cohort_id=cohort.id) + "#trainees")
    return _render_cohort(cohort, trainee_form=form)


@bp.route("/enrollments/<int:enrollment_id>/drop", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def drop(enrollment_id):
    enrollment = db.get_or_404(Enrollment, enrollment_id)
    form = DropForm()
    if form.validate_on_submit() and _try(
        form, lambda: enrolments.drop(enrollment, form.reason.data), ok=True, field="reason"
    ):
        flash(
            _("%(name)s ist aus dem Durchgang genommen.", name=enrollment.moderator.full_name),
            "success",
        )
        return redirect(url_for("training.cohort", cohort_id=enrollment.cohort_id) + "#trainees")
    return render_template("training/drop.html", form=form, enrollment=enrollment)


@bp.route("/cohorts/<int:cohort_id>/close", methods=["POST"])
@roles_required(COORDINATOR)
def close(cohort_id):
    # Locked at once: closing reads the cohort afresh under the lock anyway (lock_cohort).
    cohort = closing.lock_cohort(cohort_id)
    if cohort is None:
        abort(404)
    decided = []
    if _flash_errors(lambda: decided.extend(closing.close_cohort(cohort))):
        completed = sum(e.status == COMPLETED for e in decided)
        flash(
            _(
                "Der Durchgang ist abgeschlossen: %(completed)d von %(total)d zertifiziert.",
                completed=completed,
                total=len(decided),
            ),
            "success",
        )
    return redirect(url_for("training.cohort", cohort_id=cohort_id))


@bp.route("/enrollments/<int:enrollment_id>/certificate")
@roles_required(COORDINATOR, MODERATOR)
def certificate(enrollment_id):
    enrollment = queries.enrollment_for_certificate(enrollment_id)
    if enrollment is None or enrollment.status != COMPLETED:
        abort(404)
    if current_user.role == MODERATOR and current_user.moderator_id != enrollment.moderator_id:
        abort(403)
    attended = queries.attended_modules(enrollment)
    with force_locale("de"):  # the certificate is a German document
        return render_template(
            "training/certificate.html", enrollment=enrollment, attended=attended
        )


@bp.route("/me/training")
@roles_required(MODERATOR)
def own_training():
    if current_user.moderator_id is None:
        abort(404)
    enrollments = queries.enrollments_of(current_user.moderator_id)
    marks = queries.own_attendance(enrollments)
    return render_template(
        "training/own.html",
        enrollments=enrollments,
        marks=marks,
        attendance_label=attendance_label,
    )


# Helpers ------------------------------------------------------------------------


def _cohort_or_404(cohort_id: int):
    cohort = queries.cohort_with_details(cohort_id)
    if cohort is None:
        abort(404)
    return cohort


def _render_cohort(cohort, enrol_form=None, trainee_form=None):
    return render_template(
        "training/cohort.html",
        cohort=cohort,
        rows=queries.attendance_matrix(cohort),
        threshold=services.completion_threshold(),
        attendance_label=attendance_label,
        outlook_label=queries.outlook_label,
        enrol_form=enrol_form or _enrol_form(cohort, formdata=None),
        trainee_form=trainee_form or NewTraineeForm(formdata=None),
    )


def _enrol_form(cohort, **kwargs) -> EnrolForm:
    form = EnrolForm(**kwargs)
    form.candidates = queries.trainees_to_enrol(cohort)
    form.moderator_id.choices = choices((m.id, m.full_name) for m in form.candidates)
    return form


def _module_form(**kwargs) -> ModuleForm:
    form = ModuleForm(**kwargs)
    topics = db.session.scalars(
        select(Topic).where(Topic.active.is_(True)).order_by(Topic.position)
    )
    form.topic_id.choices = choices([("", "—")] + [(t.id, t.name) for t in topics])
    return form


FIELD_NAMES = {"starts_at": "day", "ends_at": "ends", "starts_on": "starts_on"}


def _try(form, action, ok=False, field=None):
    """Run a service call; a rule it breaks comes back next to the field, or above the form."""
    try:
        result = action()
    except (services.TrainingError, ProfileError) as error:
        db.session.rollback()
        name = field or FIELD_NAMES.get(error.field, error.field)
        if name in form:
            form[name].errors = [*form[name].errors, str(error.message)]
        else:
            form.form_errors.append(str(error.message))
        return None
    return True if ok else result


def _flash_errors(action) -> bool:
    try:
        action()
    except services.TrainingError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return False
    return True
