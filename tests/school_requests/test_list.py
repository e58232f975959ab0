"""A school follows its own requests, and only its own, and cancels open ones."""

from moderators.extensions import db
from moderators.scheduling import services
from moderators.schools.models import School
from tests.conftest import count_queries, next_weekday_at


def test_the_list_shows_only_the_schools_own_requests(client, login_as, make_school, make_request):
    user = login_as("school")
    make_request(school=user.school, language_code="ar", notes="Unsere Anfrage")
    make_request(school=make_school("Fremde Schule"), language_code="fa", notes="Fremde Anfrage")
    response = client.get("/school/requests")
    assert response.status_code == 200
    assert "Arabisch" in response.text
    assert "Persisch" not in response.text
    assert "1 Eintrag" in response.text


def test_the_list_shows_times_state_and_newest_first(client, login_as, make_request):
    user = login_as("school")
    make_request(school=user.school, language_code="ar")
    make_request(school=user.school, language_code="tr", starts=[next_weekday_at(4, 16, 30)])
    response = client.get("/school/requests")
    text = response.text
    assert text.index("Türkisch") < text.index("Arabisch")
    assert "16:30" in text
    assert "offen" in text
    assert "Anfrage stornieren" in text


def test_a_scheduled_request_shows_the_moderators_first_name_only(
    client, login_as, make_request, confirm
):
    user = login_as("school")
    session_request = make_request(school=user.school)
    confirm(
        session_request,
        first_name="Aylin",
        last_name="Demirtaş",
        email="aylin.privat@example.org",
        phone="0170 1234567",
    )
    response = client.get("/school/requests")
    assert "eingeplant" in response.text
    assert "Aylin" in response.text
    assert "Demirtaş" not in response.text
    assert "aylin.privat@example.org" not in response.text
    assert "0170" not in response.text
    assert f"/school/requests/{session_request.id}/cancel" not in response.text


def test_an_open_request_can_be_cancelled_with_a_reason(client, login_as, make_request):
    user = login_as("school")
    session_request = make_request(school=user.school)
    response = client.post(
        f"/school/requests/{session_request.id}/cancel",
        data={"reason": "Elternabend verschoben"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Die Anfrage ist storniert." in response.text
    db.session.refresh(session_request)
    assert session_request.status == "cancelled"
    assert session_request.status_reason == "Elternabend verschoben"
    assert "storniert" in response.text and "Elternabend verschoben" in response.text


def test_a_scheduled_request_cannot_be_cancelled_here(client, login_as, make_request, confirm):
    user = login_as("school")
    session_request = make_request(school=user.school)
    confirm(session_request)
    response = client.post(f"/school/requests/{session_request.id}/cancel", follow_redirects=True)
    assert response.status_code == 200
    assert "Diese Anfrage ist schon eingeplant" in response.text
    assert "wenden Sie sich bitte an die Koordinationsstelle" in response.text
    db.session.refresh(session_request)
    assert session_request.status == "scheduled"


def test_a_cancelled_request_is_not_cancelled_twice(client, login_as, make_request):
    user = login_as("school")
    session_request = make_request(school=user.school)
    services.cancel_request(session_request, "erster Grund")
    response = client.post(
        f"/school/requests/{session_request.id}/cancel",
        data={"reason": "zweiter Grund"},
        follow_redirects=True,
    )
    assert "nicht mehr offen" in response.text
    db.session.refresh(session_request)
    assert session_request.status_reason == "erster Grund"


def test_a_too_long_reason_is_refused_and_nothing_changes(client, login_as, make_request):
    user = login_as("school")
    session_request = make_request(school=user.school)
    response = client.post(
        f"/school/requests/{session_request.id}/cancel",
        data={"reason": "x" * 501},
        follow_redirects=True,
    )
    assert "Die Anfrage wurde nicht storniert" in response.text
    db.session.refresh(session_request)
    assert session_request.status == "open"


def test_another_schools_request_is_not_found(client, login_as, make_school, make_request):
    login_as("school")
    foreign = make_request(school=make_school("Fremde Schule"))
    response = client.post(f"/school/requests/{foreign.id}/cancel", data={"reason": "weg"})
    assert response.status_code == 404
    db.session.refresh(foreign)
    assert foreign.status == "open"
    assert client.post("/school/requests/999999/cancel").status_code == 404


def test_an_account_without_a_school_gets_a_friendly_404(client, login_as, make_user):
    user = make_user("school")
    user.school = None
    db.session.commit()
    login_as(user=user)
    for url in ("/school/requests", "/school/requests/new", "/school/sessions"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Noch keine Schule zugeordnet" in response.text
    assert client.post("/school/requests/1/cancel").status_code == 404


def test_other_roles_do_not_get_the_school_pages(client, login_as):
    login_as("coordinator")
    for url in ("/school/requests", "/school/requests/new", "/school/sessions"):
        assert client.get(url).status_code == 403


def list_page_queries(client, school_id, make_request, confirm, how_many):
    school = db.session.get(School, school_id)  # counting starts from an empty session
    for n in range(how_many):
        session_request = make_request(
            school=school,
            starts=[next_weekday_at(n % 5, 9 + n % 8), next_weekday_at(n % 5, 18, weeks_ahead=3)],
        )
        if n % 2:
            confirm(session_request)
    with count_queries() as statements:
        response = client.get("/school/requests")
    assert response.status_code == 200
    assert response.text.count('class="status status--') >= how_many
    return len(statements)


def test_the_list_costs_the_same_queries_for_5_and_20_requests(
    client, login_as, make_request, confirm
):
    school_id = login_as("school").school_id
    few = list_page_queries(client, school_id, make_request, confirm, 5)
    many = list_page_queries(client, school_id, make_request, confirm, 15)
    assert few == many


def test_the_schools_page_leads_to_requests_and_sessions(client, login_as):
    login_as("school")
    response = client.get("/school")
    for url in ("/school/requests/new", "/school/requests", "/school/sessions"):
        assert f'href="{url}"' in response.text
    assert "Bald können Sie hier" not in response.text
