"""Enrolments through the API: enrolling, dropping out, and the attendance of a module."""

import pytest

from moderators.common.audit import AuditLog
from moderators.roster.models import Moderator
from moderators.training import enrolments
from moderators.training.models import Attendance, Enrollment
from tests.api.conftest import assert_error
from tests.api.test_training import mark

NEW_TRAINEE = {
    "first_name": "Rana",
    "last_name": "Haddad",
    "email": "rana@example.org",
    "phone": "040 55",
    "languages": [{"code": "ar", "level": "native"}],
    "districts": ["Harburg"],
}


def enrol(client, headers, cohort, body):
    return client.post(f"/api/v1/cohorts/{cohort.id}/enrollments", json=body, headers=headers)


def test_a_trainee_is_enrolled_by_moderator_id(
    client, db, make_user, headers_for, make_cohort, make_moderator
):
    coordinator = make_user("coordinator")
    cohort = make_cohort(held=2)
    trainee = make_moderator(first_name="Omid", last_name="Rahimi", status="trainee")
    response = enrol(client, headers_for(coordinator), cohort, {"moderator_id": trainee.id})
    assert response.status_code == 201
    body = response.get_json()
    assert body == {
        "id": body["id"],
        "moderator_id": trainee.id,
        "first_name": "Omid",
        "last_name": "Rahimi",
        "status": "enrolled",
        "attendance_rate": 0.0,  # two modules have been held without them
        "drop_reason": "",
    }
    entry = db.session.scalar(db.select(AuditLog).filter_by(action="enrollment.create"))
    assert (entry.actor_id, entry.object_id) == (coordinator.id, body["id"])


def test_a_new_trainee_is_created_and_enrolled(client, db, make_user, headers_for, make_cohort):
    coordinator = make_user("coordinator")
    cohort = make_cohort()
    response = enrol(client, headers_for(coordinator), cohort, NEW_TRAINEE)
    assert response.status_code == 201
    body = response.get_json()
    assert (body["first_name"], body["status"], body["attendance_rate"]) == (
        "Rana",
        "enrolled",
        None,
    )
    moderator = db.session.get(Moderator, body["moderator_id"])
    assert (moderator.status, moderator.email) == ("trainee", "rana@example.org")
    assert [d.name for d in moderator.districts] == ["Harburg"]
    actions = db.session.scalars(
        db.select(AuditLog.action).filter_by(actor_id=coordinator.id).order_by(AuditLog.id)
    ).all()
    assert actions == ["moderator.create", "enrollment.create"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**NEW_TRAINEE, "districts": ["Atlantis"]}, "districts"),
        ({**NEW_TRAINEE, "languages": [{"code": "xx", "level": "native"}]}, "languages"),
        ({**NEW_TRAINEE, "email": "nope"}, "email"),
        ({**NEW_TRAINEE, "status": "active"}, "status"),
        ({**NEW_TRAINEE, "availability": []}, "availability"),
        ({"first_name": "Rana"}, "last_name"),
        ({}, "first_name"),
        ({"moderator_id": "7"}, "moderator_id"),
        ({"moderator_id": 999999}, "moderator_id"),
        ({"moderator_id": 1, "first_name": "Rana"}, "first_name"),
    ],
)
def test_bad_enrolments_are_422_and_add_nobody(
    client, db, coordinator_headers, make_cohort, body, field
):
    cohort = make_cohort()
    response = enrol(client, coordinator_headers, cohort, body)
    assert_error(response, 422, "validation_error", field=field)
    assert db.session.scalar(db.select(db.func.count()).select_from(Enrollment)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Moderator)) == 0


def test_only_trainees_are_enrolled(client, coordinator_headers, make_cohort, make_moderator):
    active = make_moderator(status="active")
    response = enrol(client, coordinator_headers, make_cohort(), {"moderator_id": active.id})
    assert_error(response, 422, "validation_error", field="moderator_id")


def test_enrolling_twice_is_409(client, coordinator_headers, make_cohort):
    cohort = make_cohort(trainees=1)
    body = {"moderator_id": cohort.enrollments[0].moderator_id}
    assert_error(enrol(client, coordinator_headers, cohort, body), 409, "conflict")


def test_a_full_cohort_is_409_and_creates_no_trainee(
    client, db, coordinator_headers, make_cohort, make_moderator
):
    cohort = make_cohort(capacity=1, trainees=1)
    waiting = make_moderator(status="trainee")
    assert_error(
        enrol(client, coordinator_headers, cohort, {"moderator_id": waiting.id}), 409, "conflict"
    )
    assert_error(enrol(client, coordinator_headers, cohort, NEW_TRAINEE), 409, "conflict")
    assert db.session.scalar(db.select(Moderator).filter_by(first_name="Rana")) is None


def test_dropping_out_keeps_the_reason_and_frees_the_place(
    client, db, make_user, headers_for, make_cohort, make_moderator
):
    coordinator = make_user("coordinator")
    headers = headers_for(coordinator)
    cohort = make_cohort(capacity=1, trainees=1)
    (enrollment,) = cohort.enrollments
    response = client.patch(
        f"/api/v1/enrollments/{enrollment.id}",
        json={"status": "dropped", "reason": " Umzug nach Kiel "},
        headers=headers,
    )
    assert response.status_code == 200
    body = response.get_json()
    assert (body["status"], body["drop_reason"]) == ("dropped", "Umzug nach Kiel")
    entry = db.session.scalar(db.select(AuditLog).filter_by(action="enrollment.dropped"))
    assert (entry.actor_id, entry.object_id) == (coordinator.id, enrollment.id)
    other = make_moderator(status="trainee")
    assert enrol(client, headers, cohort, {"moderator_id": other.id}).status_code == 201


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "dropped"}, "reason"),
        ({"status": "dropped", "reason": "  "}, "reason"),
        ({"status": "dropped", "reason": None}, "reason"),
        ({"status": "dropped", "reason": "x" * 501}, "reason"),
        ({"reason": "Umzug"}, "status"),
        ({"status": "completed", "reason": "Umzug"}, "status"),
        ({"status": "dropped", "reason": "Umzug", "moderator_id": 3}, "moderator_id"),
        ({"drop_reason": "Umzug"}, "drop_reason"),
    ],
)
def test_a_drop_without_reason_and_any_other_change_are_422(
    client, coordinator_headers, make_cohort, body, field
):
    cohort = make_cohort(trainees=1)
    (enrollment,) = cohort.enrollments
    response = client.patch(
        f"/api/v1/enrollments/{enrollment.id}", json=body, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field=field)
    assert enrollment.status == "enrolled"


def test_dropping_twice_is_409(client, coordinator_headers, make_cohort):
    cohort = make_cohort(trainees=1)
    path = f"/api/v1/enrollments/{cohort.enrollments[0].id}"
    body = {"status": "dropped", "reason": "Umzug"}
    assert client.patch(path, json=body, headers=coordinator_headers).status_code == 200
    assert_error(client.patch(path, json=body, headers=coordinator_headers), 409, "conflict")


def test_attendance_is_replaced_as_a_whole(client, db, make_user, headers_for, make_cohort):
    coordinator = make_user("coordinator")
    headers = headers_for(coordinator)
    cohort = make_cohort(held=2, trainees=3)
    first, second, third = sorted(cohort.enrollments, key=lambda e: e.moderator_id)
    module = cohort.modules[0]
    path = f"/api/v1/modules/{module.id}/attendance"
    marks = [
        {"moderator_id": first.moderator_id, "status": "present"},
        {"moderator_id": second.moderator_id, "status": "excused"},
        {"moderator_id": third.moderator_id, "status": "absent"},
    ]
    response = client.put(path, json=marks, headers=headers)
    assert response.status_code == 200
    assert response.get_json() == marks
    again = [{"moderator_id": third.moderator_id, "status": "present"}]
    assert client.put(path, json=again, headers=headers).json == again
    rates = {
        e["moderator_id"]: e["attendance_rate"]
        for e in client.get(f"/api/v1/cohorts/{cohort.id}", headers=headers).json["enrollments"]
    }
    assert rates == {first.moderator_id: 0.0, second.moderator_id: 0.0, third.moderator_id: 0.5}
    entry = db.session.scalar(
        db.select(AuditLog).filter_by(action="module.attendance").order_by(AuditLog.id.desc())
    )
    assert (entry.actor_id, entry.object_id) == (coordinator.id, module.id)
    assert client.put(path, json=[], headers=headers).json == []


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"moderator_id": "stranger", "status": "present"}, "moderator_id"),
        ({"moderator_id": "dropped", "status": "present"}, "moderator_id"),
        ({"moderator_id": 999999, "status": "present"}, "moderator_id"),
        ({"moderator_id": "1", "status": "present"}, "moderator_id"),
        ({"moderator_id": "first", "status": "late"}, "status"),
        ({"moderator_id": "first", "status": None}, "status"),
        ({"moderator_id": "first", "status": "absent"}, "moderator_id"),  # twice
        ({"moderator_id": "first", "status": "present", "note": "x"}, "note"),
        ("first", "body"),
    ],
)
def test_bad_attendance_is_422_and_saves_nothing(
    client, db, coordinator_headers, make_cohort, make_moderator, item, field
):
    cohort = make_cohort(held=1, trainees=3)
    first, _, dropped = cohort.enrollments
    module = cohort.modules[0]
    mark(module, {first: "excused"})
    enrolments.drop(dropped, "Umzug")
    ids = {
        "first": first.moderator_id,
        "dropped": dropped.moderator_id,
        "stranger": make_moderator(status="trainee").id,
    }
    if isinstance(item, dict):
        item = {**item, "moderator_id": ids.get(item["moderator_id"], item["moderator_id"])}
    body = [{"moderator_id": ids["first"], "status": "present"}, item]
    response = client.put(
        f"/api/v1/modules/{module.id}/attendance", json=body, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field=field)
    saved = db.session.scalars(db.select(Attendance.status).filter_by(module_id=module.id)).all()
    assert saved == ["excused"]


@pytest.mark.parametrize("data", ['{"moderator_id": 1}', "null", "[1,", '"text"'])
def test_an_attendance_body_that_is_no_list_is_400(client, coordinator_headers, make_cohort, data):
    module = make_cohort(held=1).modules[0]
    response = client.put(
        f"/api/v1/modules/{module.id}/attendance",
        data=data,
        content_type="application/json",
        headers=coordinator_headers,
    )
    assert_error(response, 400, "bad_request")


def test_attendance_waits_for_the_module_and_not_for_a_cancelled_one(
    client, coordinator_headers, make_cohort
):
    cohort = make_cohort(held=1, ahead=1, trainees=1)
    past, future = cohort.modules
    body = [{"moderator_id": cohort.enrollments[0].moderator_id, "status": "present"}]
    response = client.put(
        f"/api/v1/modules/{future.id}/attendance", json=body, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field="body")
    client.patch(
        f"/api/v1/modules/{past.id}", json={"status": "cancelled"}, headers=coordinator_headers
    )
    response = client.put(
        f"/api/v1/modules/{past.id}/attendance", json=body, headers=coordinator_headers
    )
    assert_error(response, 409, "conflict")
