"""Training cohorts through the API: cohorts, modules, closing, who may call, queries per page."""

from datetime import UTC, timedelta

import pytest

from moderators.common.audit import AuditLog
from moderators.common.timezone import local_today
from moderators.training import enrolments
from moderators.training.models import Cohort
from tests.api.conftest import assert_error
from tests.conftest import count_queries


def utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def mark(module, statuses):
    enrolments.record_attendance(
        module, {enrollment.id: status for enrollment, status in statuses.items()}
    )


def test_a_cohort_is_shown_with_modules_enrolments_and_rates(
    client, coordinator_headers, make_cohort
):
    cohort = make_cohort(held=2, ahead=1, trainees=2, trainers="Frau Demir")
    first, second = cohort.enrollments
    mark(cohort.modules[0], {first: "present", second: "excused"})
    mark(cohort.modules[1], {first: "present", second: "present"})
    enrolments.drop(second, "Umzug")
    response = client.get(f"/api/v1/cohorts/{cohort.id}", headers=coordinator_headers)
    assert response.status_code == 200
    body = response.get_json()
    assert {k: v for k, v in body.items() if k not in ("modules", "enrollments")} == {
        "id": cohort.id,
        "name": cohort.name,
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "venue": "Bürgerhaus Wilhelmsburg",
        "capacity": 20,
        "places_taken": 1,
        "trainers": "Frau Demir",
        "notes": "",
        "status": "running",
        "closed_at": None,
    }
    module = cohort.modules[2]
    assert body["modules"][2] == {
        "id": module.id,
        "title": "Modul 3",
        "starts_at": utc(module.starts_at),
        "ends_at": utc(module.ends_at),
        "position": 2,
        "topic_id": None,
        "status": "planned",
    }
    assert [m["status"] for m in body["modules"]] == ["held", "held", "planned"]
    assert body["enrollments"] == [
        {
            "id": first.id,
            "moderator_id": first.moderator_id,
            "first_name": first.moderator.first_name,
            "last_name": "Muster",
            "status": "enrolled",
            "attendance_rate": 1.0,
            "drop_reason": "",
        },
        {
            "id": second.id,
            "moderator_id": second.moderator_id,
            "first_name": second.moderator.first_name,
            "last_name": "Muster",
            "status": "dropped",
            "attendance_rate": 0.5,
            "drop_reason": "Umzug",
        },
    ]


def test_a_rate_is_null_while_no_module_has_begun(client, coordinator_headers, make_cohort):
    cohort = make_cohort(ahead=2, trainees=1, starts_on=local_today())
    body = client.get(f"/api/v1/cohorts/{cohort.id}", headers=coordinator_headers).json
    assert body["enrollments"][0]["attendance_rate"] is None


def test_showing_a_cohort_takes_the_same_queries_for_2x2_and_10x6(
    client, db, coordinator_headers, make_cohort
):
    def shown(cohort) -> list[str]:
        for module in cohort.modules:
            if module.status == "held":
                mark(module, {e: "present" for e in cohort.enrollments})
        path, trainees = f"/api/v1/cohorts/{cohort.id}", len(cohort.enrollments)
        with count_queries() as statements:
            body = client.get(path, headers=coordinator_headers).json
        assert len(body["enrollments"]) == trainees
        assert all(e["attendance_rate"] == 1.0 for e in body["enrollments"])
        return statements

    few = shown(make_cohort(held=1, ahead=1, trainees=2))
    many = shown(make_cohort(held=3, ahead=3, trainees=10))
    assert len(many) == len(few)


def test_the_list_comes_in_pages_newest_first(client, coordinator_headers, make_cohort):
    today = local_today()
    for n in range(3):
        make_cohort(
            name=f"Qualifizierung {2020 + n}",
            starts_on=today - timedelta(days=400 * (3 - n)),
            ends_on=today - timedelta(days=400 * (3 - n) - 30),
        )
    newest = make_cohort(name="Qualifizierung neu", trainees=2)
    body = client.get("/api/v1/cohorts?per_page=2", headers=coordinator_headers).json
    assert (body["total"], body["page"], body["per_page"]) == (4, 1, 2)
    assert [item["name"] for item in body["items"]] == [
        "Qualifizierung neu",
        "Qualifizierung 2022",
    ]
    assert body["items"][0]["places_taken"] == 2 and body["items"][0]["id"] == newest.id
    assert "modules" not in body["items"][0]
    body = client.get("/api/v1/cohorts?page=2&per_page=2", headers=coordinator_headers).json
    assert [item["places_taken"] for item in body["items"]] == [0, 0]


def test_a_coordinator_adds_a_cohort(client, db, make_user, headers_for):
    coordinator = make_user("coordinator")
    headers = headers_for(coordinator)
    new = {"name": "Qualifizierung 2031", "starts_on": "2031-02-01", "ends_on": "2031-06-30"}
    response = client.post(
        "/api/v1/cohorts", json={**new, "notes": "Zeile 1\nZeile 2"}, headers=headers
    )
    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/cohorts/{body['id']}")
    assert {k: body[k] for k in new} == new
    assert (body["capacity"], body["status"], body["notes"]) == (20, "planned", "Zeile 1\nZeile 2")
    assert (body["modules"], body["enrollments"], body["places_taken"]) == ([], [], 0)
    entry = db.session.scalar(db.select(AuditLog).filter_by(action="cohort.create"))
    assert (entry.actor_id, entry.object_id) == (coordinator.id, body["id"])
    assert client.get(response.headers["Location"], headers=headers).json == body


GOOD_COHORT = {"name": "Qualifizierung X", "starts_on": "2031-02-01", "ends_on": "2031-06-30"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"name": "x" * 161}, "name"),
        ({"starts_on": "2031-02-30"}, "starts_on"),
        ({"starts_on": "1.2.2031"}, "starts_on"),
        ({"ends_on": 20310630}, "ends_on"),
        ({"ends_on": "2031-01-31"}, "ends_on"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": "20"}, "capacity"),
        ({"capacity": True}, "capacity"),
        ({"capacity": 10**12}, "capacity"),
        ({"venue": "Nul\x00l"}, "venue"),
        ({"notes": "\x00"}, "notes"),
        ({"notes": 5}, "notes"),
        ({"status": "closed"}, "status"),
        ({"modules": []}, "modules"),
    ],
)
def test_bad_cohort_input_is_422_naming_the_field(client, coordinator_headers, change, field):
    response = client.post(
        "/api/v1/cohorts", json={**GOOD_COHORT, **change}, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field=field)


@pytest.mark.parametrize("missing", ["name", "starts_on", "ends_on"])
def test_a_new_cohort_needs_a_name_and_dates(client, db, coordinator_headers, missing):
    body = {k: v for k, v in GOOD_COHORT.items() if k != missing}
    response = client.post("/api/v1/cohorts", json=body, headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field=missing)
    assert db.session.scalar(db.select(db.func.count()).select_from(Cohort)) == 0


def test_a_second_cohort_of_the_same_name_is_422(client, coordinator_headers, make_cohort):
    make_cohort(name="Qualifizierung X")
    body = {**GOOD_COHORT, "name": "qualifizierung x"}
    response = client.post("/api/v1/cohorts", json=body, headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field="name")


def test_patch_changes_only_the_given_fields(client, db, make_user, headers_for, make_cohort):
    coordinator = make_user("coordinator")
    cohort = make_cohort(held=1, trainees=2)
    path = f"/api/v1/cohorts/{cohort.id}"
    before = client.get(path, headers=headers_for(coordinator)).json
    change = {"venue": "Haus der Jugend", "capacity": 12, "id": cohort.id}
    response = client.patch(path, json=change, headers=headers_for(coordinator))
    assert response.status_code == 200
    assert response.get_json() == {**before, "venue": "Haus der Jugend", "capacity": 12}
    entry = db.session.scalar(db.select(AuditLog).filter_by(action="cohort.update"))
    assert (entry.actor_id, sorted(entry.details["fields"])) == (
        coordinator.id,
        ["capacity", "venue"],
    )


def test_capacity_below_the_people_enrolled_is_422(client, coordinator_headers, make_cohort):
    cohort = make_cohort(trainees=3)
    response = client.patch(
        f"/api/v1/cohorts/{cohort.id}", json={"capacity": 2}, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field="capacity")


def test_dates_that_would_leave_a_module_outside_are_422(client, coordinator_headers, make_cohort):
    cohort = make_cohort(held=2)
    later = (cohort.starts_on + timedelta(days=8)).isoformat()
    response = client.patch(
        f"/api/v1/cohorts/{cohort.id}", json={"starts_on": later}, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field="starts_on")


@pytest.fixture
def training_paths(make_cohort):
    """One (method, path, body) per training endpoint, on a running cohort with one trainee."""
    cohort = make_cohort(held=1, ahead=1, trainees=1)
    module, enrollment = cohort.modules[0], cohort.enrollments[0]
    return [
        ("get", "/api/v1/cohorts", None),
        ("post", "/api/v1/cohorts", GOOD_COHORT),
        ("get", f"/api/v1/cohorts/{cohort.id}", None),
        ("patch", f"/api/v1/cohorts/{cohort.id}", {"venue": "X"}),
        ("post", f"/api/v1/cohorts/{cohort.id}/modules", {"title": "M"}),
        ("post", f"/api/v1/cohorts/{cohort.id}/enrollments", {"first_name": "A", "last_name": "B"}),
        ("post", f"/api/v1/cohorts/{cohort.id}/close", None),
        ("patch", f"/api/v1/modules/{module.id}", {"status": "cancelled"}),
        ("put", f"/api/v1/modules/{module.id}/attendance", []),
        ("patch", f"/api/v1/enrollments/{enrollment.id}", {"status": "dropped", "reason": "x"}),
    ]


@pytest.mark.parametrize(("role", "status"), [("moderator", 403), ("school", 403), (None, 401)])
def test_only_coordinators_reach_the_training_endpoints(
    client, db, make_user, headers_for, training_paths, role, status
):
    headers = headers_for(make_user(role)) if role else {}
    for method, path, body in training_paths:
        response = client.open(path, method=method, json=body, headers=headers)
        assert_error(response, status, "forbidden" if status == 403 else "unauthorized")
    cohort = db.session.scalar(db.select(Cohort))
    assert (cohort.closed_at, cohort.venue, cohort.modules[0].cancelled_at) == (
        None,
        "Bürgerhaus Wilhelmsburg",
        None,
    )


def test_unknown_ids_are_404(client, coordinator_headers, training_paths):
    for method, path, body in training_paths:
        if path.count("/") < 4:
            continue
        parts = path.split("/")
        # Beyond the integer column the router answers; for PATCH /cohorts/<id> Werkzeug says
        # 405 (it checks the method before the converter's limit), so only GET is asked here.
        too_large = [str(10**30)] if method == "get" else []
        for unknown in ("999999", "abc", *too_large):
            wrong = "/".join([*parts[:4], unknown, *parts[5:]])
            response = client.open(wrong, method=method, json=body, headers=coordinator_headers)
            assert_error(response, 404, "not_found")


def test_malformed_json_is_a_400(client, coordinator_headers, training_paths):
    for method, path, _body in training_paths:
        if method == "get" or path.endswith("/close"):
            continue
        response = client.open(
            path,
            method=method,
            data='{"title": ',
            content_type="application/json",
            headers=coordinator_headers,
        )
        assert_error(response, 400, "bad_request")
