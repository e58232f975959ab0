"""The account page's calendar card: create an address, see it once, replace or delete it."""

import re

import pytest

from moderators.extensions import db

URL_IN_PAGE = re.compile(r'id="calendar-feed-url" type="text" value="([^"]+)"')


def shown_url(client) -> str | None:
    page = client.get("/account")
    assert page.status_code == 200
    match = URL_IN_PAGE.search(page.get_data(as_text=True))
    return match.group(1) if match else None


@pytest.mark.parametrize("role", ["moderator", "school", "coordinator"])
def test_new_address_is_shown_once_and_works(client, login_as, role):
    login_as(role)
    assert "Kalender abonnieren" in client.get("/account").get_data(as_text=True)
    response = client.post("/account/calendar")
    assert response.status_code == 302 and response.headers["Location"].endswith("#calendar")

    url = shown_url(client)
    assert url is not None and url.startswith("http://localhost/calendar/") and url.endswith(".ics")
    assert shown_url(client) is None  # only the digest is kept: the page cannot show it again
    path = url.removeprefix("http://localhost")
    assert client.get(path).status_code == 200


def test_page_explains_how_to_subscribe(client, login_as):
    login_as("moderator")
    client.post("/account/calendar")
    page = client.get("/account").get_data(as_text=True)
    for app_name in ("Google Kalender", "Outlook", "Thunderbird"):
        assert app_name in page
    assert 'href="webcal://localhost/calendar/' in page


def test_replacing_and_deleting_the_address(client, login_as):
    user = login_as("moderator")
    client.post("/account/calendar")
    first = shown_url(client).removeprefix("http://localhost")
    page = client.get("/account").get_data(as_text=True)
    assert "Neue Adresse erstellen" in page and "Adresse löschen" in page

    client.post("/account/calendar")
    second = shown_url(client).removeprefix("http://localhost")
    assert second != first
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200

    client.post("/account/calendar/revoke")
    assert client.get(second).status_code == 404
    db.session.refresh(user)
    assert user.calendar_token_hash is None
    assert "Adresse löschen" not in client.get("/account").get_data(as_text=True)


def test_calendar_buttons_need_a_signed_in_user(client):
    for path in ("/account/calendar", "/account/calendar/revoke"):
        response = client.post(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
