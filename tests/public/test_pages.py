"""Public pages: parents find upcoming public sessions in their language, without a login."""

from icalendar import Calendar

from moderators.scheduling import services, session_changes
from tests.conftest import count_queries, next_weekday_at


def test_parents_see_upcoming_public_sessions_without_signing_in(
    client, make_session, make_moderator
):
    shown = make_session(language_code="tr", public=True)
    make_session(language_code="ar", starts_at=next_weekday_at(1, 17))  # not public
    services.add_assignment(shown, make_moderator(last_name="Geheim"), "assign")
    response = client.get("/info-sessions")
    assert response.status_code == 200
    assert "Türkisch" in response.text
    assert "Arabisch" not in response.text.split("<main", 1)[1].split("</form>", 1)[1]
    assert "Geheim" not in response.text  # no moderator's personal data


def test_anonymous_visitors_land_on_the_public_sessions(client):
    assert client.get("/").headers["Location"] == "/info-sessions"


def test_the_list_filters_by_language_and_district(client, make_session, make_school):
    make_session(language_code="tr", public=True)
    wandsbek = make_school(district_name="Wandsbek", name="Schule Wandsbek")
    make_session(language_code="ar", public=True, school=wandsbek, starts_at=next_weekday_at(1, 17))
    turkish = client.get("/info-sessions?language=tr").text
    assert "Schule Wandsbek" not in turkish
    assert "1 Veranstaltung" in turkish
    in_wandsbek = client.get("/info-sessions?district=Wandsbek").text
    assert "Schule Wandsbek" in in_wandsbek
    assert "1 Veranstaltung" in in_wandsbek
    assert client.get("/info-sessions?language=xx").status_code == 200  # ignored, not an error


def test_cancelled_and_past_sessions_are_not_listed(client, make_session, make_held_session):
    cancelled = make_session(public=True)
    session_changes.cancel_session(cancelled, "Raum fehlt")
    make_held_session(public=True)
    assert "Zurzeit sind keine Veranstaltungen angekündigt" in client.get("/info-sessions").text


def test_a_public_session_has_its_page_and_calendar_file(client, make_session):
    session = make_session(public=True, venue_name="Aula", venue_address="Schulweg 1")
    page = client.get(f"/info-sessions/{session.id}")
    assert page.status_code == 200
    assert "Aula" in page.text
    ics = client.get(f"/info-sessions/{session.id}.ics")
    assert ics.mimetype == "text/calendar"
    event = Calendar.from_ical(ics.data).walk("VEVENT")[0]
    assert "Moderation" not in str(event.get("description"))


def test_a_session_the_school_did_not_agree_to_publish_is_not_found(client, make_session):
    session = make_session(public=False)
    assert client.get(f"/info-sessions/{session.id}").status_code == 404
    assert client.get(f"/info-sessions/{session.id}.ics").status_code == 404


def test_a_cancelled_public_session_says_so(client, make_session):
    session = make_session(public=True)
    session_changes.cancel_session(session, "Raum fehlt")
    assert "Diese Veranstaltung ist abgesagt." in client.get(f"/info-sessions/{session.id}").text


def test_the_page_speaks_the_visitors_language(client, make_session):
    make_session(language_code="tr", public=True)
    client.post("/language", data={"locale": "en"})
    page = client.get("/info-sessions").text
    assert "Information sessions for parents" in page
    assert "Turkish" in page


def test_the_list_needs_the_same_queries_for_few_and_many_sessions(client, make_session):
    def queries_for_list():
        with count_queries() as queries:
            assert client.get("/info-sessions").status_code == 200
        return len(queries)

    make_session(public=True)
    few = queries_for_list()
    for weeks in range(3, 9):
        make_session(public=True, starts_at=next_weekday_at(0, 17, weeks_ahead=weeks))
    assert queries_for_list() == few


def test_ended_sessions_show_that_they_took_place(client, make_held_session):
    session = make_held_session(public=True)
    assert "hat bereits stattgefunden" in client.get(f"/info-sessions/{session.id}").text
