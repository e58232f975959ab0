"""Following schools' requests through the API: lists, one request, cancelling; who sees what."""

import pytest

from moderators.extensions import db
from moderators.scheduling import services
from tests.api.conftest import assert_error
from tests.api.scheduling_helpers import audit_rows
from tests.conftest import count_queries, next_weekday_at


@pytest.fixture
def school_user(make_user):
    return make_user("school")


@pytest.fixture
def school_headers(school_user, headers_for):
    return headers_for(school_user)


def test_a_school_lists_only_its_own_requests(
    client, school_user, school_headers, make_request, make_school
):
    own = make_request(school=school_user.school)
    make_request(school=make_school())
    body = client.get("/api/v1/requests", headers=school_headers).json
    assert [item["id"] for item in body["items"]] == [own.id]
    assert (body["total"], body["page"], body["per_page"]) == (1, 1, 25)


def test_a_school_naming_another_school_in_the_filter_gets_403(
    client, school_user, school_headers, make_school
):
    other = make_school()
    response = client.get(f"/api/v1/requests?school_id={other.id}", headers=school_headers)
    assert_error(response, 403, "forbidden")
    own = client.get(f"/api/v1/requests?school_id={school_user.school_id}", headers=school_headers)
    assert own.status_code == 200


def test_the_coordination_lists_all_requests_newest_first_and_filters_them(
    client, coordinator_headers, make_request, make_school
):
    school = make_school()
    first = make_request(school=school)
    arabic = make_request(language_code="ar")
    cancelled = make_request(school=school)
    cancelled.status = "cancelled"
    db.session.commit()

    def ids(query: str = "") -> list[int]:
        response = client.get(f"/api/v1/requests{query}", headers=coordinator_headers)
        assert response.status_code == 200, response.json
        return [item["id"] for item in response.json["items"]]

    assert ids() == [cancelled.id, arabic.id, first.id]
    assert ids("?status=open") == [arabic.id, first.id]
    assert ids("?language=ar") == [arabic.id]
    assert ids(f"?school_id={school.id}&status=open") == [first.id]
    assert ids("?per_page=1&page=2") == [arabic.id]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=pending", "status"),
        ("language=xx", "language"),
        ("school_id=abc", "school_id"),
        ("per_page=101", "per_page"),
    ],
)
def test_bad_filters_are_422_naming_them(client, coordinator_headers, query, field):
    response = client.get(f"/api/v1/requests?{query}", headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field=field)


def test_listing_requests_takes_the_same_queries_for_2_and_8(
    client, coordinator_headers, make_request, make_moderator
):
    def listed(total: int) -> list[str]:
        with count_queries() as statements:
            body = client.get("/api/v1/requests?per_page=100", headers=coordinator_headers).json
        assert body["total"] == total
        return statements

    moderator_id = make_moderator().id

    def requests(number: int) -> None:
        """Requests with two preferred starts each, half of them made into sessions."""
        for n in range(number):
            request = make_request(
                starts=[next_weekday_at(0, 17), next_weekday_at(0, 17, weeks_ahead=3)]
            )
            if n % 2:
                start = request.slots[0].starts_at
                services.schedule_request(request, start, [moderator_id], "offer")

    requests(2)
    few = listed(2)
    requests(6)
    many = listed(8)
    assert len(many) == len(few)


def test_a_school_sees_its_own_request_and_not_another_schools(
    client, school_user, school_headers, coordinator_headers, make_request
):
    own = make_request(school=school_user.school)
    other = make_request()
    response = client.get(f"/api/v1/requests/{own.id}", headers=school_headers)
    assert response.status_code == 200 and response.json["id"] == own.id
    assert_error(
        client.get(f"/api/v1/requests/{other.id}", headers=school_headers), 403, "forbidden"
    )
    # whether or not it exists
    assert_error(client.get("/api/v1/requests/999999", headers=school_headers), 403, "forbidden")
    assert_error(
        client.get("/api/v1/requests/999999", headers=coordinator_headers), 404, "not_found"
    )
    assert (
        client.get(f"/api/v1/requests/{other.id}", headers=coordinator_headers).status_code == 200
    )


# Cancelling ---------------------------------------------------------------------


def test_a_school_cancels_its_open_request_and_the_log_names_the_user(
    client, school_user, school_headers, make_request
):
    request = make_request(school=school_user.school)
    response = client.post(
        f"/api/v1/requests/{request.id}/cancel",
        json={"reason": "Elternabend verschoben"},
        headers=school_headers,
    )
    assert response.status_code == 200, response.json
    assert (response.json["status"], response.json["status_reason"]) == (
        "cancelled",
        "Elternabend verschoben",
    )
    (entry,) = audit_rows("request.cancel")
    assert (entry.actor_id, entry.object_id) == (school_user.id, request.id)


def test_cancelling_needs_no_body(client, coordinator_headers, make_request):
    request = make_request()
    response = client.post(f"/api/v1/requests/{request.id}/cancel", headers=coordinator_headers)
    assert response.status_code == 200 and response.json["status"] == "cancelled"


def test_only_an_open_request_can_be_cancelled(client, coordinator_headers, make_request):
    request = make_request()
    path = f"/api/v1/requests/{request.id}/cancel"
    assert client.post(path, json={}, headers=coordinator_headers).status_code == 200
    assert_error(client.post(path, json={}, headers=coordinator_headers), 409, "conflict")
    assert len(audit_rows("request.cancel")) == 1


def test_a_school_cannot_cancel_another_schools_request(client, school_headers, make_request):
    request = make_request()
    response = client.post(f"/api/v1/requests/{request.id}/cancel", json={}, headers=school_headers)
    assert_error(response, 403, "forbidden")
    db.session.refresh(request)
    assert request.status == "open"


@pytest.mark.parametrize(("body", "field"), [({"reason": 3}, "reason"), ({"why": "x"}, "why")])
def test_a_faulty_cancel_body_is_422(client, coordinator_headers, make_request, body, field):
    request = make_request()
    response = client.post(
        f"/api/v1/requests/{request.id}/cancel", json=body, headers=coordinator_headers
    )
    assert_error(response, 422, "validation_error", field=field)
