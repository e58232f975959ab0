"""Modules through the API (add, move, cancel, reinstate), closing a cohort, and the schemas."""

from datetime import timedelta

import pytest

from moderators.common.audit import AuditLog
from moderators.common.timezone import local_today
from moderators.training import enrolments, services
from moderators.training.models import TrainingModule
from tests.api.conftest import assert_error
from tests.api.test_training import mark, utc


def test_a_module_is_added_with_times_in_any_offset(
    client, db, make_user, headers_for, make_cohort
):
    coordinator = make_user("coordinator")
    cohort = make_cohort(held=1, ahead=2)
    day = local_today() + timedelta(days=7)
    response = client.post(
        f"/api/v1/cohorts/{cohort.id}/modules",
        json={
            "title": "Schulsystem",
            "starts_at": f"{day}T18:00:00+05:00",
            "ends_at": f"{day}T16:30Z",
            "topic_id": None,
        },
        headers=headers_for(coordinator),
    )
    assert response.status_code == 201
    body = response.get_json()
    assert (body["starts_at"], body["ends_at"]) == (f"{day}T13:00:00Z", f"{day}T16:30:00Z")
    module = db.session.get(TrainingModule, body["id"])
    assert (module.title, module.position, body["status"]) == ("Schulsystem", 3, "planned")
    entry = db.session.scalar(
        db.select(AuditLog).filter_by(action="module.create", object_id=module.id)
    )
    assert entry.actor_id == coordinator.id


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"starts_at": "{day}T18:00:00"}, "starts_at"),  # no offset: refused, not guessed
        ({"starts_at": "{day} 18:00"}, "starts_at"),
        ({"starts_at": "{day}"}, "starts_at"),
        ({"starts_at": "0001-01-01T00:30:00+01:00"}, "starts_at"),
        ({"ends_at": "{day}T25:00:00Z"}, "ends_at"),
        ({"ends_at": "{day}T09:00:00+01:00"}, "ends_at"),  # before the start
        (
            {"starts_at": "{outside}T10:00:00+01:00", "ends_at": "{outside}T12:00:00+01:00"},
            "starts_at",
        ),
        ({"topic_id": 999999}, "topic_id"),
        ({"topic_id": "1"}, "topic_id"),
        ({"position": -1}, "position"),
        ({"status": "cancelled"}, "status"),
        ({"room": "A"}, "room"),
    ],
)
def test_bad_module_input_is_422_naming_the_field(
    client, db, coordinator_headers, make_cohort, change, field
):
    cohort = make_cohort(ahead=2)
    day = local_today() + timedelta(days=7)
    outside = cohort.ends_on + timedelta(days=1)
    good = {"title": "Modul", "starts_at": f"{day}T10:00+01:00", "ends_at": f"{day}T12:00+01:00"}
    body = {
        k: v.format(day=day, outside=outside) if isinstance(v, str) else v
        for k, v in change.items()
    }
    response = client.post(
        f"/api/v1/cohorts/{cohort.id}/modules", json={**good, **body}, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field=field)
    assert len(cohort.modules) == 2


def test_a_module_is_moved_renamed_cancelled_and_reinstated(
    client, db, make_user, headers_for, make_cohort
):
    coordinator = make_user("coordinator")
    cohort = make_cohort(ahead=2)
    module = cohort.modules[0]
    path = f"/api/v1/modules/{module.id}"
    headers = headers_for(coordinator)
    moved = module.starts_at + timedelta(days=1)
    change = {"title": "Übergang Schule–Beruf", "starts_at": utc(moved), "position": 5}
    change["ends_at"] = utc(moved + timedelta(hours=2))
    body = client.patch(path, json=change, headers=headers).json
    assert {k: body[k] for k in change} == change
    assert body["status"] == "planned"
    assert client.patch(path, json={"status": "cancelled"}, headers=headers).json["status"] == (
        "cancelled"
    )
    assert module.cancelled_at is not None
    assert client.patch(path, json={"status": "planned"}, headers=headers).json["status"] == (
        "planned"
    )
    actions = db.session.scalars(
        db.select(AuditLog.action)
        .filter_by(actor_id=coordinator.id, object_type="TrainingModule")
        .order_by(AuditLog.id)
    ).all()
    assert actions == ["module.update", "module.cancel", "module.reinstate"]


def test_a_cancelled_module_outside_new_dates_cannot_be_reinstated(
    client, coordinator_headers, make_cohort
):
    cohort = make_cohort(ahead=2)
    last = cohort.modules[1]
    services.cancel_module(last)
    services.update_cohort(cohort, ends_on=local_today() + timedelta(days=10))
    response = client.patch(
        f"/api/v1/modules/{last.id}", json={"status": "planned"}, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field="starts_at")
    assert last.cancelled_at is not None


def test_closing_decides_every_open_enrolment(client, db, make_user, headers_for, make_cohort):
    coordinator = make_user("coordinator")
    cohort = make_cohort(held=5, ahead=1, trainees=3)
    good, weak, gone = cohort.enrollments
    held = cohort.modules[:5]
    for module in held:
        mark(module, {good: "present", weak: "excused"})
    services.cancel_module(cohort.modules[5])  # the future one: otherwise it counts as missed
    enrolments.drop(gone, "Krank")
    response = client.post(f"/api/v1/cohorts/{cohort.id}/close", headers=headers_for(coordinator))
    assert response.status_code == 200
    assert response.get_json() == {
        "outcomes": [
            {
                "enrollment_id": good.id,
                "moderator_id": good.moderator_id,
                "status": "completed",
                "attendance_rate": 1.0,
            },
            {
                "enrollment_id": weak.id,
                "moderator_id": weak.moderator_id,
                "status": "not_completed",
                "attendance_rate": 0.0,
            },
        ]
    }
    assert good.moderator.status == "active"
    entry = db.session.scalar(db.select(AuditLog).filter_by(action="cohort.close"))
    assert (entry.actor_id, entry.object_id) == (coordinator.id, cohort.id)
    shown = client.get(f"/api/v1/cohorts/{cohort.id}", headers=headers_for(coordinator)).json
    assert shown["status"] == "closed" and shown["closed_at"].endswith("Z")
    assert [e["attendance_rate"] for e in shown["enrollments"][:2]] == [1.0, 0.0]


def test_modules_still_ahead_count_as_missed_at_closing(client, coordinator_headers, make_cohort):
    cohort = make_cohort(held=4, ahead=1, trainees=1)
    (enrollment,) = cohort.enrollments
    for module in cohort.modules[:4]:
        mark(module, {enrollment: "present"})
    response = client.post(f"/api/v1/cohorts/{cohort.id}/close", headers=coordinator_headers)
    assert response.json["outcomes"][0]["attendance_rate"] == 0.8
    assert response.json["outcomes"][0]["status"] == "completed"


def test_a_closed_cohort_refuses_every_change_with_409(client, coordinator_headers, make_cohort):
    cohort = make_cohort(held=1, ahead=1, trainees=1)
    module, enrollment = cohort.modules[0], cohort.enrollments[0]
    close = f"/api/v1/cohorts/{cohort.id}/close"
    assert client.post(close, headers=coordinator_headers).status_code == 200
    day = local_today() + timedelta(days=7)
    attempts = [
        ("post", close, None),
        ("patch", f"/api/v1/cohorts/{cohort.id}", {"venue": "Anderswo"}),
        (
            "post",
            f"/api/v1/cohorts/{cohort.id}/modules",
            {"title": "M", "starts_at": f"{day}T10:00Z", "ends_at": f"{day}T11:00Z"},
        ),
        ("patch", f"/api/v1/modules/{module.id}", {"title": "Neu"}),
        ("patch", f"/api/v1/modules/{module.id}", {"status": "cancelled"}),
        ("put", f"/api/v1/modules/{module.id}/attendance", []),
        ("post", f"/api/v1/cohorts/{cohort.id}/enrollments", {"first_name": "A", "last_name": "B"}),
        ("patch", f"/api/v1/enrollments/{enrollment.id}", {"status": "dropped", "reason": "x"}),
    ]
    for method, path, body in attempts:
        response = client.open(path, method=method, json=body, headers=coordinator_headers)
        assert_error(response, 409, "conflict")
    assert (
        client.get(f"/api/v1/cohorts/{cohort.id}", headers=coordinator_headers).json["venue"]
        == "Bürgerhaus Wilhelmsburg"
    )


def test_the_documented_fields_are_the_fields_sent(client, coordinator_headers, make_cohort):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    cohort = make_cohort(held=1, trainees=1)
    mark(cohort.modules[0], {cohort.enrollments[0]: "present"})
    detail = client.get(f"/api/v1/cohorts/{cohort.id}", headers=coordinator_headers).json
    attendance = client.put(
        f"/api/v1/modules/{cohort.modules[0].id}/attendance",
        json=[{"moderator_id": cohort.enrollments[0].moderator_id, "status": "absent"}],
        headers=coordinator_headers,
    ).json
    closing = client.post(f"/api/v1/cohorts/{cohort.id}/close", headers=coordinator_headers).json
    sent = {
        "Cohort": detail,
        "CohortSummary": client.get("/api/v1/cohorts", headers=coordinator_headers).json["items"][
            0
        ],
        "Module": detail["modules"][0],
        "Enrollment": detail["enrollments"][0],
        "AttendanceMark": attendance[0],
        "ClosingOutcome": closing["outcomes"][0],
    }
    for name, item in sent.items():
        assert set(item) == set(schemas[name]["properties"]), name
        assert set(schemas[name]["required"]) == set(item), name
