"""Back-filling: sessions that already took place, entered on the coordinator's pages."""

from datetime import time, timedelta

import pytest

from moderators.common.timezone import local_datetime, local_today
from moderators.extensions import db
from moderators.logbook import services as logbook
from moderators.scheduling.models import InfoSession
from moderators.topics.models import Topic
from tests.conftest import count_queries, language


@pytest.fixture
def past_data(make_school):
    topic = db.session.scalar(db.select(Topic).order_by(Topic.position))
    return {
        "language_id": str(language("tr").id),
        "topic_id": str(topic.id),
        "day": (local_today() - timedelta(days=400)).isoformat(),
        "starts": "17:00",
        "duration_minutes": "90",
        "moderators_needed": "1",
        "school_id": str(make_school(name="Schule von früher").id),
    }


def _days_ago(days: int):
    return local_datetime(local_today() - timedelta(days=days), time(17))


def _session(session_id: int) -> InfoSession:
    db.session.expire_all()
    return db.session.get(InfoSession, session_id)


def test_a_past_session_is_entered_with_the_box_ticked(client, coordinator, past_data):
    response = client.post("/sessions/new", data={**past_data, "past": "y"})

    session = db.session.scalar(db.select(InfoSession))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/sessions/{session.id}")
    assert session.status == "planned" and session.venue_name == "Schule von früher"
    page = client.get(response.headers["Location"]).text
    assert "Die Veranstaltung ist nachgetragen." in page


def test_without_the_box_a_past_date_is_refused_with_a_hint(client, coordinator, past_data):
    form = client.get("/sessions/new").text
    response = client.post("/sessions/new", data=past_data)

    assert "Die Veranstaltung hat schon stattgefunden (Nachtrag)" in form
    assert response.status_code == 200
    assert "Die Zeit liegt in der Vergangenheit." in response.text
    assert 'id="past-error"' in response.text
    assert db.session.scalar(db.select(InfoSession)) is None


def test_a_past_session_offers_only_direct_assignment_of_active_speakers(
    client, coordinator, make_session, make_moderator
):
    session = make_session(starts_at=_days_ago(30), past_ok=True)
    speaker = make_moderator("Ayse", "Aktiv")
    make_moderator("Pelin", "Pausiert", status="paused")
    make_moderator("Rana", "Arabisch", languages=(("ar", "native"),))

    page = client.get(f"/sessions/{session.id}").text

    section = page[page.index('id="assign-past"') :]
    assert "Aktiv, Ayse" in section
    assert "Pausiert, Pelin" not in section and "Arabisch, Rana" not in section
    assert 'value="assign"' in section and 'id="candidates"' not in page
    assert "Anbieten" not in section
    response = client.post(
        f"/sessions/{session.id}/assignments",
        data={"moderator_id": str(speaker.id), "mode": "assign"},
        follow_redirects=True,
    )
    assert "Ayse Aktiv ist eingeteilt" in response.text
    assert [a.status for a in _session(session.id).assignments] == ["accepted"]
    full = client.get(f"/sessions/{session.id}").text
    assert "Die Veranstaltung ist vollständig besetzt." in full
    assert "Bericht eintragen" in full


def test_offering_a_past_session_is_refused_with_a_message(
    client, coordinator, make_session, make_moderator
):
    session = make_session(starts_at=_days_ago(30), past_ok=True)
    moderator = make_moderator()

    response = client.post(
        f"/sessions/{session.id}/assignments",
        data={"moderator_id": str(moderator.id), "mode": "offer"},
        follow_redirects=True,
    )

    assert response.status_code == 200
    assert "kann nur direkt zugewiesen werden" in response.text
    assert _session(session.id).assignments == []


def test_the_session_page_shows_the_state_of_each_report(
    client, coordinator, make_held_session, make_moderator, make_report
):
    ayse, bilal = make_moderator("Ayse", "Berichtet"), make_moderator("Bilal", "Fehlt")
    session = make_held_session(days_ago=5, moderators=[ayse, bilal])
    first, second = session.accepted
    report = make_report(first, parents_reached=23, duration_minutes=95)

    page = client.get(f"/sessions/{session.id}").text

    reports = page[page.index('id="reports"') :]
    assert "eingereicht" in reports and "23" in reports and "95 Minuten" in reports
    assert f'href="/reports/{report.id}"' in reports and "Bericht prüfen" in reports
    assert f'href="/assignments/{second.id}/report"' in reports and "noch kein Bericht" in reports

    logbook.approve_report(report)
    held = client.get(f"/sessions/{session.id}").text
    reports = held[held.index('id="reports"') :]
    assert 'status--held">stattgefunden' in held
    assert "freigegeben" in reports and "Bericht ansehen" in reports
    assert 'id="assign-past"' not in held  # held: nobody is booked any more


def test_a_cancelled_session_still_shows_its_reports(
    client, coordinator, make_held_session, make_report
):
    session = make_held_session(days_ago=5)
    report = make_report(session.accepted[0], took_place=False, reason_if_not="Schule zu.")
    logbook.approve_report(report)

    page = client.get(f"/sessions/{session.id}").text

    assert _session(session.id).status == "cancelled"
    reports = page[page.index('id="reports"') :]
    assert "hat nicht stattgefunden" in reports and "freigegeben" in reports
    assert "Bericht eintragen" not in reports


def test_past_session_page_query_count_does_not_grow(
    client, coordinator, make_held_session, make_moderator, make_report
):
    def queries_for_page(session_id):
        with count_queries() as statements:
            assert client.get(f"/sessions/{session_id}").status_code == 200
        return len(statements)

    def session_with(n, days_ago):
        moderators = [make_moderator() for _ in range(n)]
        session = make_held_session(days_ago=days_ago, moderators=moderators)
        session.moderators_needed = n + 1  # room for one more: the assign form is shown
        db.session.commit()
        for assignment in session.accepted[::2]:
            make_report(assignment)
        for _ in range(n):
            make_moderator()  # more speakers to choose from
        return session.id

    few = queries_for_page(session_with(2, days_ago=3))
    many = queries_for_page(session_with(8, days_ago=10))
    assert many == few


def test_the_sessions_list_links_to_the_review_queue(
    client, coordinator, make_held_session, make_report
):
    make_report(make_held_session().accepted[0])

    page = client.get("/sessions").text

    assert 'href="/reviews"' in page and 'class="count-badge">1' in page


@pytest.mark.parametrize("role", ["moderator", "school"])
def test_only_coordinators_enter_past_sessions(client, login_as, past_data, role):
    login_as(role)
    assert client.post("/sessions/new", data={**past_data, "past": "y"}).status_code == 403
    assert db.session.scalar(db.select(InfoSession)) is None
