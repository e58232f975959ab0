"""The coordinator's session pages: the list, planning a session, and who may."""

from datetime import time, timedelta

import pytest

from moderators.common.models import utcnow
from moderators.common.timezone import to_local
from moderators.extensions import db
from moderators.scheduling import services, session_changes
from moderators.scheduling.models import InfoSession
from moderators.topics.models import Topic
from tests.conftest import count_queries, district, language, next_weekday_at


def _move_to_past(session, days_ago=7):
    start = utcnow() - timedelta(days=days_ago)
    for row in (session, *session.assignments):
        row.starts_at, row.ends_at = start, start + timedelta(minutes=90)
    db.session.commit()


# The list -------------------------------------------------------------------------------


def test_sessions_list_shows_upcoming_sessions_with_their_staffing(
    client, coordinator, make_session, make_moderator, make_school
):
    later = make_session(
        starts_at=next_weekday_at(2, 17, weeks_ahead=3),
        school=make_school(name="Schule Später"),
        moderators_needed=2,
    )
    sooner = make_session(school=make_school(name="Schule Früher"))
    past = make_session(school=make_school(name="Schule Vorbei"))
    services.add_assignment(later, make_moderator(), "assign")
    services.add_assignment(later, make_moderator(), "offer")
    services.add_assignment(sooner, make_moderator(), "assign")
    _move_to_past(past)

    page = client.get("/sessions").text

    assert page.index("Schule Früher") < page.index("Schule Später")
    assert "Schule Vorbei" not in page
    assert "1 von 1 zugesagt" in page and "1 von 2 zugesagt" in page
    assert "1 Angebot offen" in page
    past_page = client.get("/sessions?period=past").text
    assert "Schule Vorbei" in past_page and "Schule Früher" not in past_page


def test_sessions_list_filters_by_language_district_and_state(
    client, coordinator, make_session, make_school
):
    make_session(school=make_school(name="Türkisch Altona"))
    make_session(
        language_code="ar", school=make_school(name="Arabisch Harburg", district_name="Harburg")
    )
    cancelled = make_session(school=make_school(name="Abgesagt Altona"))
    session_changes.cancel_session(cancelled, "Schule geschlossen")

    by_language = client.get("/sessions?language=ar").text
    by_district = client.get(f"/sessions?district={district('Harburg').id}").text
    by_state = client.get("/sessions?status=cancelled").text

    assert "Arabisch Harburg" in by_language and "Türkisch Altona" not in by_language
    assert "Arabisch Harburg" in by_district and "Abgesagt Altona" not in by_district
    assert "Abgesagt Altona" in by_state and "Türkisch Altona" not in by_state
    assert client.get("/sessions?period=nie&status=x&district=y").status_code == 200


def test_sessions_list_query_count_does_not_grow_with_the_sessions(
    client, coordinator, make_session, make_moderator
):
    def queries_for_list():
        with count_queries() as statements:
            assert client.get("/sessions").status_code == 200
        return len(statements)

    def sessions(n):
        for i in range(n):
            session = make_session(starts_at=next_weekday_at(i % 7, 17, weeks_ahead=2 + i))
            services.add_assignment(session, make_moderator(), "offer")

    sessions(2)
    few = queries_for_list()
    sessions(10)
    assert queries_for_list() == few


# Planning without a request -------------------------------------------------------------


@pytest.fixture
def plan_data():
    topic = db.session.scalar(db.select(Topic).order_by(Topic.position))
    day = to_local(next_weekday_at(4, 16)).date()
    return {
        "language_id": str(language("tr").id),
        "topic_id": str(topic.id),
        "day": day.isoformat(),
        "starts": "16:00",
        "duration_minutes": "90",
        "moderators_needed": "2",
        "expected_parents": "30",
    }


def test_planning_a_session_at_a_community_centre(client, coordinator, plan_data):
    response = client.post(
        "/sessions/new",
        data={
            **plan_data,
            "venue_name": "Bürgerhaus Wilhelmsburg",
            "venue_address": "Mengestraße 20, 21107 Hamburg",
            "district_id": str(district("Hamburg-Mitte").id),
            "public": "y",
        },
    )

    session = db.session.scalar(db.select(InfoSession))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/sessions/{session.id}")
    assert session.school is None and session.request is None
    assert session.venue_name == "Bürgerhaus Wilhelmsburg"
    assert session.district.name == "Hamburg-Mitte"
    assert to_local(session.starts_at).time() == time(16)
    assert session.moderators_needed == 2 and session.public and session.expected_parents == 30


def test_planning_at_a_school_takes_its_place(client, coordinator, plan_data, make_school):
    school = make_school(name="Schule am Park", district_name="Eimsbüttel")

    response = client.post("/sessions/new", data={**plan_data, "school_id": str(school.id)})

    assert response.status_code == 302
    session = db.session.scalar(db.select(InfoSession))
    assert session.school_id == school.id and session.venue_name == "Schule am Park"
    assert session.district.name == "Eimsbüttel"


def test_planning_needs_a_school_or_a_place(client, coordinator, plan_data):
    response = client.post("/sessions/new", data=plan_data)

    assert response.status_code == 200
    assert 'id="venue_name-error"' in response.text and 'id="district_id-error"' in response.text
    assert db.session.scalar(db.select(InfoSession)) is None
    empty = client.post("/sessions/new", data={})
    assert empty.status_code == 200 and 'id="language_id-error"' in empty.text


def test_planning_in_the_past_is_refused(client, coordinator, plan_data, make_school):
    yesterday = (to_local(utcnow()) - timedelta(days=1)).date()
    response = client.post(
        "/sessions/new",
        data={**plan_data, "day": yesterday.isoformat(), "school_id": str(make_school().id)},
    )

    assert "Die Zeit liegt in der Vergangenheit." in response.text
    assert db.session.scalar(db.select(InfoSession)) is None


# Who may -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["moderator", "school"])
def test_only_coordinators_see_and_change_sessions(
    client, login_as, make_session, make_moderator, role
):
    session = make_session()
    moderator = make_moderator()
    login_as(role)
    for url in ("/sessions", "/sessions/new", f"/sessions/{session.id}"):
        assert client.get(url).status_code == 403
    assert (
        client.post(
            f"/sessions/{session.id}/assignments",
            data={"moderator_id": moderator.id, "mode": "assign"},
        ).status_code
        == 403
    )
    assert client.post(f"/sessions/{session.id}/cancel", data={"reason": "x"}).status_code == 403
    assert client.post(f"/sessions/{session.id}/reschedule").status_code == 403
    db.session.expire_all()
    assert db.session.get(InfoSession, session.id).status == "planned"
    assert db.session.get(InfoSession, session.id).assignments == []


def test_unknown_people_are_refused_without_an_error(client, coordinator, make_session):
    session = make_session()

    for moderator_id in (424242, 99999999999, "x"):
        response = client.post(
            f"/sessions/{session.id}/assignments",
            data={"moderator_id": moderator_id, "mode": "offer"},
            follow_redirects=True,
        )
        assert response.status_code == 200
        assert "Bitte wählen Sie eine Person" in response.text
    assert client.get("/sessions/99999999999").status_code == 404
