"""Reports through the API: a booked moderator logs and corrects their own (or the coordination
on their behalf); nobody else reads or changes them. Listing and review: test_reports_review."""

from datetime import timedelta

import pytest

from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.logbook import services
from moderators.logbook.models import EventReport
from moderators.scheduling import services as scheduling
from tests.api.conftest import assert_error
from tests.api.scheduling_helpers import audit_rows, count, utc

REPORT = {
    "took_place": True,
    "parents_reached": 18,
    "languages": ["tr", "ku"],
    "duration_minutes": 95,
    "travel_minutes": 40,
    "topics_covered": "Übergang in Klasse 5",
    "questions": "Wie funktioniert die Anmeldung?\nWer hilft bei Formularen?",
    "notes": "Gute Stimmung",
}


@pytest.fixture
def moderator_user(make_user):
    return make_user("moderator")


@pytest.fixture
def moderator_headers(moderator_user, headers_for):
    return headers_for(moderator_user)


@pytest.fixture
def held(make_held_session, moderator_user):
    """A session held three days ago that the moderator was booked for."""
    return make_held_session(moderators=[moderator_user.moderator])


def post_report(client, session, headers, **body):
    return client.post(f"/api/v1/sessions/{session.id}/report", json=body, headers=headers)


# Reporting ------------------------------------------------------------------------------


def test_a_booked_moderator_reports_on_a_session(client, held, moderator_user, moderator_headers):
    response = post_report(client, held, moderator_headers, **REPORT)
    assert response.status_code == 201, response.json
    report = db.session.scalar(db.select(EventReport))
    assert response.headers["Location"].endswith(f"/api/v1/reports/{report.id}")
    assert response.json == {
        "id": report.id,
        "session_id": held.id,
        "assignment_id": held.accepted[0].id,
        "moderator_id": moderator_user.moderator_id,
        "took_place": True,
        "reason_if_not": "",
        "parents_reached": 18,
        "languages": ["ku", "tr"],
        "duration_minutes": 95,
        "travel_minutes": 40,
        "topics_covered": "Übergang in Klasse 5",
        "questions": "Wie funktioniert die Anmeldung?\nWer hilft bei Formularen?",
        "notes": "Gute Stimmung",
        "held_on": (local_today() - timedelta(days=3)).isoformat(),
        "status": "submitted",
        "submitted_at": utc(report.submitted_at),
        "reviewed_at": None,
        "review_comment": "",
        "allowance_cents": None,
    }
    (entry,) = audit_rows("report.submit")
    assert entry.actor_id == moderator_user.id


def test_a_session_that_did_not_take_place_needs_only_the_reason_and_travel(
    client, held, moderator_headers
):
    response = post_report(
        client,
        held,
        moderator_headers,
        took_place=False,
        reason_if_not="Schule wegen Sturm geschlossen",
        travel_minutes=30,
    )
    assert response.status_code == 201, response.json
    assert response.json["parents_reached"] == 0 and response.json["languages"] == []
    assert response.json["reason_if_not"] == "Schule wegen Sturm geschlossen"


def test_a_coordinator_reports_on_a_moderators_behalf(
    client, held, moderator_user, make_user, headers_for
):
    coordinator = make_user("coordinator")
    response = post_report(
        client, held, headers_for(coordinator), moderator_id=moderator_user.moderator_id, **REPORT
    )
    assert response.status_code == 201, response.json
    assert response.json["moderator_id"] == moderator_user.moderator_id
    report = db.session.get(EventReport, response.json["id"])
    assert report.created_by_id == coordinator.id


def test_a_coordinator_must_name_a_booked_moderator(
    client, held, coordinator_headers, make_moderator
):
    assert_error(
        post_report(client, held, coordinator_headers, **REPORT),
        422,
        "validation_error",
        field="moderator_id",
    )
    for moderator_id in (make_moderator().id, 999_999, "1"):
        response = post_report(
            client, held, coordinator_headers, moderator_id=moderator_id, **REPORT
        )
        assert_error(response, 422, "validation_error", field="moderator_id")
    assert count(EventReport) == 0


def test_a_moderator_not_booked_for_the_session_gets_403(
    client, held, make_user, headers_for, moderator_user
):
    stranger = headers_for(make_user("moderator"))
    assert_error(post_report(client, held, stranger, **REPORT), 403, "forbidden")
    response = post_report(
        client, held, stranger, moderator_id=moderator_user.moderator_id, **REPORT
    )
    assert_error(response, 403, "forbidden")
    assert count(EventReport) == 0


def test_a_booked_moderator_may_not_report_for_someone_else(
    client, make_held_session, moderator_user, moderator_headers, make_moderator
):
    other = make_moderator()
    session = make_held_session(moderators=[moderator_user.moderator, other])
    response = post_report(client, session, moderator_headers, moderator_id=other.id, **REPORT)
    assert_error(response, 403, "forbidden")
    assert count(EventReport) == 0


def test_an_unknown_session_is_404(client, moderator_headers, coordinator_headers):
    for headers in (moderator_headers, coordinator_headers):
        response = client.post("/api/v1/sessions/999999/report", json=REPORT, headers=headers)
        assert_error(response, 404, "not_found")


def test_a_report_before_the_session_began_is_422(
    client, make_session, moderator_user, moderator_headers
):
    session = make_session()
    scheduling.add_assignment(session, moderator_user.moderator, "assign")
    response = post_report(client, session, moderator_headers, **REPORT)
    assert_error(response, 422, "validation_error", field="session")
    assert count(EventReport) == 0


def test_a_second_report_on_the_same_booking_is_409(
    client, held, moderator_headers, coordinator_headers, moderator_user
):
    assert post_report(client, held, moderator_headers, **REPORT).status_code == 201
    assert_error(post_report(client, held, moderator_headers, **REPORT), 409, "conflict")
    response = post_report(
        client, held, coordinator_headers, moderator_id=moderator_user.moderator_id, **REPORT
    )
    assert_error(response, 409, "conflict")
    assert count(EventReport) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"parents_reached": -1}, "parents_reached"),
        ({"parents_reached": True}, "parents_reached"),
        ({"parents_reached": 2.5}, "parents_reached"),
        ({"duration_minutes": 601}, "duration_minutes"),
        ({"duration_minutes": "90"}, "duration_minutes"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"travel_minutes": -5}, "travel_minutes"),
        ({"travel_minutes": 601}, "travel_minutes"),
        ({"took_place": "yes"}, "took_place"),
        ({"took_place": None}, "took_place"),
        ({"languages": ["xx"]}, "languages"),
        ({"languages": "tr"}, "languages"),
        ({"languages": ["tr", "tr"]}, "languages"),
        ({"languages": []}, "languages"),
        ({"notes": 12}, "notes"),
        ({"topics_covered": "a\x00b"}, "topics_covered"),
        ({"questions": "x" * 5001}, "questions"),
        ({"took_place": False}, "reason_if_not"),
        ({"reason_if_not": ["kein Text"]}, "reason_if_not"),
        ({"colour": "blau"}, "colour"),
    ],
)
def test_invalid_reports_are_422_naming_the_field_and_save_nothing(
    client, held, moderator_headers, change, field
):
    response = post_report(client, held, moderator_headers, **(REPORT | change))
    assert_error(response, 422, "validation_error", field=field)
    assert count(EventReport) == 0


@pytest.mark.parametrize(
    "missing", ["took_place", "parents_reached", "languages", "duration_minutes", "travel_minutes"]
)
def test_a_required_field_left_out_is_422_naming_it(client, held, moderator_headers, missing):
    body = {key: value for key, value in REPORT.items() if key != missing}
    assert_error(
        post_report(client, held, moderator_headers, **body),
        422,
        "validation_error",
        field=missing,
    )
    assert count(EventReport) == 0


# Correcting -----------------------------------------------------------------------------


@pytest.fixture
def report(held, make_report):
    return make_report(held.accepted[0])


def test_the_moderator_corrects_given_fields_of_their_report(client, report, moderator_headers):
    response = client.patch(
        f"/api/v1/reports/{report.id}",
        json={"parents_reached": 23, "languages": ["ar"], "id": report.id},
        headers=moderator_headers,
    )
    assert response.status_code == 200, response.json
    assert response.json["parents_reached"] == 23
    assert response.json["languages"] == ["ar"]
    assert response.json["duration_minutes"] == 90  # left as it was
    assert response.json["status"] == "submitted"


def test_correcting_a_returned_report_submits_it_again(client, report, moderator_headers):
    services.return_report(report, "Bitte die Elternzahl prüfen")
    response = client.patch(
        f"/api/v1/reports/{report.id}", json={"parents_reached": 21}, headers=moderator_headers
    )
    assert response.json["status"] == "submitted"


def test_an_approved_report_cannot_be_changed(
    client, report, moderator_headers, coordinator_headers
):
    services.approve_report(report)
    for headers in (moderator_headers, coordinator_headers):
        response = client.patch(
            f"/api/v1/reports/{report.id}", json={"parents_reached": 3}, headers=headers
        )
        assert_error(response, 409, "conflict")
    assert db.session.get(EventReport, report.id).parents_reached == 20


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"parents_reached": -1}, "parents_reached"),
        ({"duration_minutes": 700}, "duration_minutes"),
        ({"languages": ["xx"]}, "languages"),
        ({"took_place": False}, "reason_if_not"),
        ({"moderator_id": 1}, "moderator_id"),
    ],
)
def test_an_invalid_correction_is_422_and_changes_nothing(
    client, report, coordinator_headers, change, field
):
    response = client.patch(
        f"/api/v1/reports/{report.id}", json=change, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field=field)
    db.session.expire_all()
    saved = db.session.get(EventReport, report.id)
    assert (saved.parents_reached, saved.took_place, saved.duration_minutes) == (20, True, 90)
    assert [lang.code for lang in saved.languages] == ["tr"]


def test_a_moderator_never_reads_or_changes_another_moderators_report(
    client, report, make_user, headers_for
):
    other = headers_for(make_user("moderator"))
    path = f"/api/v1/reports/{report.id}"
    assert_error(client.get(path, headers=other), 403, "forbidden")
    assert_error(client.patch(path, json={"parents_reached": 1}, headers=other), 403, "forbidden")
    assert_error(client.get("/api/v1/reports/999999", headers=other), 403, "forbidden")
    assert db.session.get(EventReport, report.id).parents_reached == 20


def test_the_owner_and_the_coordination_read_a_report(
    client, report, moderator_headers, coordinator_headers
):
    for headers in (moderator_headers, coordinator_headers):
        response = client.get(f"/api/v1/reports/{report.id}", headers=headers)
        assert response.status_code == 200 and response.json["id"] == report.id
    assert_error(
        client.get("/api/v1/reports/999999", headers=coordinator_headers), 404, "not_found"
    )


def test_a_school_sees_no_reports(client, report, held, make_user, headers_for):
    headers = headers_for(make_user("school"))
    calls = [
        ("get", "/api/v1/reports", None),
        ("get", f"/api/v1/reports/{report.id}", None),
        ("patch", f"/api/v1/reports/{report.id}", {"notes": "x"}),
        ("post", f"/api/v1/reports/{report.id}/approve", {}),
        ("post", f"/api/v1/reports/{report.id}/return", {"comment": "x"}),
        ("post", f"/api/v1/sessions/{held.id}/report", REPORT),
    ]
    for method, path, body in calls:
        response = getattr(client, method)(path, json=body, headers=headers)
        assert_error(response, 403, "forbidden")
