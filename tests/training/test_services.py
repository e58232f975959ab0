"""Cohorts through their life: modules, enrolment, attendance, dropping and closing."""

from datetime import date, time, timedelta

import pytest

from moderators.common.audit import AuditLog
from moderators.common.timezone import local_datetime
from moderators.extensions import db
from moderators.training import closing, enrolments, services
from moderators.training.models import COMPLETED, DROPPED, NOT_COMPLETED
from moderators.training.queries import AT_RISK, ON_TRACK, OUT_OF_REACH, attendance_matrix
from moderators.training.services import TrainingError


def mark(module, enrollments, status):
    enrolments.record_attendance(module, {e.id: status for e in enrollments})


def test_closing_certifies_who_attended_80_percent(make_cohort):
    cohort = make_cohort(held=5, trainees=2)
    good, weak = cohort.enrollments
    for n, module in enumerate(cohort.modules):
        enrolments.record_attendance(
            module,
            {
                good.id: "present" if n < 4 else "excused",
                weak.id: "present" if n < 3 else "excused",
            },
        )
    closing.close_cohort(cohort)
    assert good.status == COMPLETED and good.final_rate == 0.8
    assert weak.status == NOT_COMPLETED and weak.final_rate == 0.6
    assert good.moderator.status == "active" and good.moderator.certified_on is not None
    assert weak.moderator.status == "trainee" and weak.moderator.certified_on is None


def test_cancelled_modules_do_not_count_and_future_ones_count_as_missed(make_cohort):
    cohort = make_cohort(held=4, ahead=1, trainees=1)
    (enrollment,) = cohort.enrollments
    past = [m for m in cohort.modules if m.status == "held"]
    for module in past:
        mark(module, [enrollment], "present")
    services.cancel_module(past[0])
    closing.close_cohort(cohort)
    # 3 of 4 counted (3 held + 1 future): 75 % < 80 %
    assert enrollment.status == NOT_COMPLETED and enrollment.final_rate == 0.75


def test_closing_twice_is_refused(make_cohort):
    cohort = make_cohort(held=1, trainees=1)
    closing.close_cohort(cohort)
    with pytest.raises(TrainingError) as error:
        closing.close_cohort(cohort)
    assert error.value.conflict


def test_dropped_enrolment_keeps_its_reason_and_is_not_decided_at_closing(make_cohort):
    cohort = make_cohort(held=1, trainees=1)
    (enrollment,) = cohort.enrollments
    enrolments.drop(enrollment, "Umzug nach Berlin")
    closing.close_cohort(cohort)
    assert enrollment.status == DROPPED and enrollment.drop_reason == "Umzug nach Berlin"


def test_enrolment_beyond_capacity_and_twice_is_refused(make_cohort, make_moderator):
    cohort = make_cohort(capacity=1, trainees=1)
    with pytest.raises(TrainingError, match="voll"):
        enrolments.enroll(cohort, make_moderator(status="trainee"))
    with pytest.raises(TrainingError, match="schon angemeldet"):
        enrolments.enroll(cohort, cohort.enrollments[0].moderator)


def test_only_trainees_can_be_enrolled(make_cohort, make_moderator):
    cohort = make_cohort()
    with pytest.raises(TrainingError, match="Nur Personen in Qualifizierung"):
        enrolments.enroll(cohort, make_moderator(status="active"))


def test_new_trainee_is_created_and_enrolled_at_once_or_not_at_all(make_cohort):
    cohort = make_cohort(capacity=1)
    enrollment = enrolments.enroll_new_trainee(
        cohort,
        first_name="Hana",
        last_name="Tesfay",
        districts=["Harburg"],
        languages={"ti": "native"},
    )
    assert enrollment.moderator.status == "trainee"
    with pytest.raises(TrainingError):
        enrolments.enroll_new_trainee(cohort, first_name="Zu", last_name="Viel")
    from moderators.roster.models import Moderator

    assert db.session.scalar(db.select(Moderator).filter_by(last_name="Viel")) is None


def test_attendance_for_someone_not_enrolled_is_refused_and_nothing_saved(make_cohort):
    cohort = make_cohort(held=1, trainees=1)
    other = make_cohort(held=1, trainees=1)
    module = cohort.modules[0]
    with pytest.raises(TrainingError):
        enrolments.record_attendance(
            module, {cohort.enrollments[0].id: "present", other.enrollments[0].id: "present"}
        )
    assert module.attendance == []


def test_attendance_is_replaced_as_a_whole(make_cohort):
    cohort = make_cohort(held=1, trainees=2)
    module = cohort.modules[0]
    first, second = cohort.enrollments
    enrolments.record_attendance(module, {first.id: "present", second.id: "absent"})
    enrolments.record_attendance(module, {first.id: "excused"})
    db.session.expire_all()
    assert {(a.enrollment_id, a.status) for a in module.attendance} == {(first.id, "excused")}


def test_module_outside_the_cohort_dates_is_refused(make_cohort):
    cohort = make_cohort()
    day = date(2001, 1, 1)
    with pytest.raises(TrainingError, match="Zeitraum"):
        services.add_module(
            cohort, "Zu früh", local_datetime(day, time(10)), local_datetime(day, time(12))
        )


def test_outlook_tells_on_track_at_risk_and_out_of_reach(make_cohort):
    cohort = make_cohort(held=3, ahead=2, trainees=3)
    steady, shaky, lost = cohort.enrollments
    statuses = {steady.id: "present", shaky.id: "present", lost.id: "absent"}
    enrolments.record_attendance(cohort.modules[0], statuses)
    enrolments.record_attendance(cohort.modules[1], statuses)
    enrolments.record_attendance(cohort.modules[2], {**statuses, shaky.id: "excused"})
    # shaky: 2 of 3 so far (67 %), 4 of 5 if present at both modules ahead (80 %)
    outlook = {row.enrollment.id: row.outlook for row in attendance_matrix(cohort)}
    assert outlook == {steady.id: ON_TRACK, shaky.id: AT_RISK, lost.id: OUT_OF_REACH}


def test_every_change_is_audited(make_cohort):
    cohort = make_cohort(held=1, trainees=1)
    closing.close_cohort(cohort)
    actions = set(db.session.scalars(db.select(AuditLog.action)))
    assert {
        "cohort.create",
        "module.create",
        "enrollment.create",
        "cohort.close",
        "enrollment.not_completed",
    } <= actions


def test_capacity_defaults_to_20(app):
    from datetime import date

    cohort = services.create_cohort(
        name="Ohne Angabe", starts_on=date(2030, 1, 1), ends_on=date(2030, 3, 1)
    )
    assert cohort.capacity == 20


def test_the_rate_of_someone_who_dropped_out_stops_where_they_left(make_cohort):
    cohort = make_cohort(held=2, trainees=1)
    (enrollment,) = cohort.enrollments
    enrolments.record_attendance(cohort.modules[0], {enrollment.id: "present"})
    enrolments.record_attendance(cohort.modules[1], {enrollment.id: "absent"})
    enrolments.drop(enrollment, "Berufstätigkeit")
    assert enrollment.final_rate == 0.5
    (row,) = attendance_matrix(cohort)
    assert row.rate == 0.5


def test_a_cancelled_module_outside_new_dates_cannot_come_back(make_cohort):
    cohort = make_cohort(held=1, ahead=1)
    late = cohort.modules[1]
    services.cancel_module(late)
    services.update_cohort(cohort, ends_on=late.starts_at.date() - timedelta(days=1))
    with pytest.raises(TrainingError, match="Zeitraum"):
        services.cancel_module(late, cancelled=False)
