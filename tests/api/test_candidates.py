"""Who could take a request: candidates ranked, near-misses with their reason, queries per call."""

from datetime import time, timedelta

from moderators.common.timezone import to_local
from moderators.extensions import db
from moderators.roster.models import Absence, Moderator
from moderators.scheduling import services
from moderators.scheduling.models import InfoSession
from tests.api.conftest import assert_error
from tests.api.scheduling_helpers import held_session, utc
from tests.conftest import count_queries, next_weekday_at


def absent_on(moderator, moment) -> None:
    day = to_local(moment).date()
    moderator.absences.append(Absence(starts_on=day, ends_on=day))
    db.session.commit()


def test_candidates_are_ranked_and_near_misses_say_why(
    client, coordinator_headers, make_request, make_moderator, make_session
):
    start = next_weekday_at(0, 17)
    request = make_request(starts=[start])  # at a school in Altona, Monday 17:00-18:30
    near = make_moderator("Ayla", "Aksoy", districts=("Altona",))
    busy_near = make_moderator("Bülent", "Bozkurt", districts=("Altona",))
    far = make_moderator("Cem", "Çelik", districts=("Wandsbek",))
    last = held_session(busy_near, days_ago=10)
    held_session(busy_near, days_ago=200)  # too long ago to count among the last 90 days
    absent = make_moderator("Derya", "Demir")
    absent_on(absent, start)
    paused = make_moderator("Emre", "Erdem", status="paused")
    booked = make_moderator("Filiz", "Fidan")
    services.add_assignment(make_session(starts_at=start + timedelta(hours=1)), booked, "offer")
    tuesdays = make_moderator("Gül", "Güneş", availability=((1, time(16), time(20)),))
    make_moderator("Hadi", "Haddad", languages=(("ar", "native"),))  # not a speaker

    response = client.get(f"/api/v1/requests/{request.id}/candidates", headers=coordinator_headers)
    assert response.status_code == 200, response.json
    (slot,) = response.json["slots"]
    assert (slot["starts_at"], slot["ends_at"]) == (utc(start), utc(start + timedelta(minutes=90)))
    assert slot["candidates"] == [
        {
            "moderator_id": near.id,
            "name": "Ayla Aksoy",
            "rank": 1,
            "district_match": True,
            "sessions_90d": 0,
            "last_session_at": None,
        },
        {
            "moderator_id": busy_near.id,
            "name": "Bülent Bozkurt",
            "rank": 2,
            "district_match": True,
            "sessions_90d": 1,
            "last_session_at": utc(last.starts_at),
        },
        {
            "moderator_id": far.id,
            "name": "Cem Çelik",
            "rank": 3,
            "district_match": False,
            "sessions_90d": 0,
            "last_session_at": None,
        },
    ]
    # JSON true and false, not 1 and 0 (which compare equal to them in Python)
    assert all(type(c["district_match"]) is bool for c in slot["candidates"])
    assert slot["excluded"] == [
        {"moderator_id": paused.id, "name": "Emre Erdem", "reason": "not_active"},
        {"moderator_id": absent.id, "name": "Derya Demir", "reason": "absent"},
        {"moderator_id": booked.id, "name": "Filiz Fidan", "reason": "busy"},
        {"moderator_id": tuesdays.id, "name": "Gül Güneş", "reason": "unavailable"},
    ]


def test_each_preferred_start_has_its_own_list(
    client, coordinator_headers, make_request, make_moderator
):
    monday, later = next_weekday_at(0, 17), next_weekday_at(0, 17, weeks_ahead=3)
    request = make_request(starts=[monday, later])
    moderator = make_moderator()
    absent_on(moderator, later)
    slots = client.get(
        f"/api/v1/requests/{request.id}/candidates", headers=coordinator_headers
    ).json["slots"]
    assert [s["starts_at"] for s in slots] == [utc(monday), utc(later)]
    assert [c["moderator_id"] for c in slots[0]["candidates"]] == [moderator.id]
    assert [(e["moderator_id"], e["reason"]) for e in slots[1]["excluded"]] == [
        (moderator.id, "absent")
    ]


def test_the_session_made_from_the_request_does_not_make_its_moderator_busy(
    client, coordinator_headers, make_request, make_moderator
):
    request = make_request()
    moderator = make_moderator()
    services.schedule_request(request, request.slots[0].starts_at, [moderator.id], "assign")
    (slot,) = client.get(
        f"/api/v1/requests/{request.id}/candidates", headers=coordinator_headers
    ).json["slots"]
    assert [c["moderator_id"] for c in slot["candidates"]] == [moderator.id]


def test_candidates_take_the_same_queries_for_5_and_30_speakers(
    client, coordinator_headers, make_request, make_moderator, make_session
):
    start = next_weekday_at(0, 17)
    request_id = make_request(starts=[start, next_weekday_at(0, 17, weeks_ahead=3)]).id
    other_session_id = make_session(starts_at=start).id

    def speakers(number: int) -> None:
        """Speakers of every kind: in and out of the district, with a history, absent, busy,
        paused."""
        for n in range(number):
            moderator = make_moderator(
                districts=("Altona",) if n % 2 else ("Wandsbek", "Eimsbüttel"),
                status="paused" if n % 5 == 4 else "active",
            )
            if n % 3 == 0:
                held_session(moderator, days_ago=n + 1)
            if n % 5 == 1:
                absent_on(moderator, start)
            if n % 5 == 2:
                other_session = db.session.get(InfoSession, other_session_id)
                services.add_assignment(other_session, moderator, "offer")

    def asked(total: int) -> list[str]:
        path = f"/api/v1/requests/{request_id}/candidates"
        with count_queries() as statements:
            slots = client.get(path, headers=coordinator_headers).json["slots"]
        assert all(len(s["candidates"]) + len(s["excluded"]) == total for s in slots)
        return statements

    speakers(5)
    few = asked(5)
    speakers(25)
    many = asked(30)
    assert len(many) == len(few)


def test_only_the_coordination_sees_candidates(client, make_user, headers_for, make_request):
    school_user = make_user("school")
    request = make_request(school=school_user.school)
    path = f"/api/v1/requests/{request.id}/candidates"
    for user in (school_user, make_user("moderator")):
        assert_error(client.get(path, headers=headers_for(user)), 403, "forbidden")


def test_candidates_of_an_unknown_request_are_404(client, coordinator_headers):
    response = client.get("/api/v1/requests/999999/candidates", headers=coordinator_headers)
    assert_error(response, 404, "not_found")


def test_candidates_asked_again_are_the_kept_answer_until_a_booking_changes_them(
    client, coordinator_headers, make_request, make_moderator, make_session
):
    start = next_weekday_at(0, 17)
    path = f"/api/v1/requests/{make_request(starts=[start]).id}/candidates"
    ayla_id = make_moderator("Ayla", "Aksoy").id
    first = client.get(path, headers=coordinator_headers)
    with count_queries() as statements:
        again = client.get(path, headers=coordinator_headers)
    assert again.data == first.data and again.mimetype == "application/json"
    assert len(statements) == 2  # the token's user; the data's version
    ayla = db.session.get(Moderator, ayla_id)
    services.add_assignment(make_session(starts_at=start), ayla, "offer")  # writes the audit log
    (slot,) = client.get(path, headers=coordinator_headers).json["slots"]
    assert slot["candidates"] == []
    assert [(e["moderator_id"], e["reason"]) for e in slot["excluded"]] == [(ayla_id, "busy")]


def test_a_session_that_began_counts_in_the_next_answer(
    client, coordinator_headers, make_request, make_moderator, make_session, monkeypatch
):
    start = next_weekday_at(0, 17)
    path = f"/api/v1/requests/{make_request(starts=[start]).id}/candidates"
    ayla = make_moderator("Ayla", "Aksoy")
    earlier = make_session(starts_at=start - timedelta(days=3))
    services.add_assignment(earlier, ayla, "assign")
    (slot,) = client.get(path, headers=coordinator_headers).json["slots"]
    assert slot["candidates"][0]["sessions_90d"] == 0
    began = earlier.starts_at + timedelta(minutes=1)  # no change of the data: time moved
    for module in ("common.results", "scheduling.matching"):
        monkeypatch.setattr(f"moderators.{module}.utcnow", lambda: began)
    (slot,) = client.get(path, headers=coordinator_headers).json["slots"]
    assert slot["candidates"][0]["sessions_90d"] == 1
