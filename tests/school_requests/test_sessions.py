"""A school sees its confirmed and past sessions, with the moderators' first names only."""

from datetime import timedelta

from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.scheduling import services
from moderators.schools.models import School
from tests.conftest import count_queries


def test_a_confirmed_session_shows_time_place_and_first_name(
    client, login_as, make_request, confirm
):
    user = login_as("school")
    session = confirm(
        make_request(school=user.school, language_code="ar"),
        first_name="Samira",
        last_name="Haddad",
        email="samira.haddad@example.org",
        phone="040 555 123",
    )
    response = client.get("/school/sessions")
    assert response.status_code == 200
    assert "Samira" in response.text
    assert "Haddad" not in response.text
    assert "samira.haddad@example.org" not in response.text
    assert "555" not in response.text
    assert "Arabisch" in response.text
    assert user.school.address in response.text
    assert "17:00" in response.text and "18:30" in response.text
    assert session.status_label in response.text


def test_sessions_nobody_has_accepted_yet_are_not_shown_as_confirmed(
    client, login_as, make_request, make_moderator
):
    user = login_as("school")
    session_request = make_request(school=user.school, language_code="ar")
    services.schedule_request(
        session_request,
        session_request.slots[0].starts_at,
        [make_moderator(first_name="Offeriert").id],
        "offer",
    )
    response = client.get("/school/sessions")
    assert "Offeriert" not in response.text
    assert "Zurzeit ist keine Veranstaltung bestätigt" in response.text


def test_another_schools_sessions_stay_hidden(client, login_as, make_school, make_request, confirm):
    login_as("school")
    confirm(make_request(school=make_school("Fremde Schule")), first_name="Fremdname")
    assert "Fremdname" not in client.get("/school/sessions").text


def test_past_sessions_are_listed_below(client, login_as, make_request, confirm):
    user = login_as("school")
    session = confirm(make_request(school=user.school), first_name="Vergangen")
    # Move the session into the past, as time would.
    start = utcnow() - timedelta(days=10)
    session.starts_at, session.ends_at = start, start + timedelta(minutes=90)
    for assignment in session.assignments:
        assignment.starts_at, assignment.ends_at = session.starts_at, session.ends_at
    session.status = "held"
    db.session.commit()
    response = client.get("/school/sessions")
    past = response.text[response.text.index("Vergangene Veranstaltungen") :]
    assert "Vergangen" in past and "stattgefunden" in past
    assert "Zurzeit ist keine Veranstaltung bestätigt" in response.text


def test_each_confirmed_session_can_be_downloaded_for_the_calendar(
    app, client, login_as, make_request, confirm
):
    user = login_as("school")
    session = confirm(make_request(school=user.school))
    response = client.get("/school/sessions")
    if "calendar.session_download" in app.view_functions:
        with app.test_request_context():
            from flask import url_for

            link = url_for("calendar.session_download", session_id=session.id)
        assert f'href="{link}"' in response.text
        download = client.get(link)
        assert download.status_code == 200 and download.mimetype == "text/calendar"
    else:  # the calendar pages are not there yet: no dead link
        assert ".ics" not in response.text


def sessions_page_queries(client, school_id, make_request, confirm, how_many):
    school = db.session.get(School, school_id)  # counting starts from an empty session
    from tests.conftest import next_weekday_at

    for n in range(how_many):
        confirm(make_request(school=school, starts=[next_weekday_at(n % 5, 9 + n % 8)]))
    with count_queries() as statements:
        response = client.get("/school/sessions")
    assert response.status_code == 200
    return len(statements)


def test_the_sessions_page_costs_the_same_queries_for_3_and_12(
    client, login_as, make_request, confirm
):
    school_id = login_as("school").school_id
    few = sessions_page_queries(client, school_id, make_request, confirm, 3)
    many = sessions_page_queries(client, school_id, make_request, confirm, 9)
    assert few == many
    # The user, the school, the sessions ahead, and a page of those past with their number.
    assert few <= 5
