"""The base layout: the navigation of each role with the current page marked, and the language
switcher, both built once per locale and role and still right for every request."""

import re

import pytest


def navigation(page: str) -> list[tuple[str, str, bool]]:
    """(href, label, current) of each entry of the main navigation."""
    nav = page.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    return [
        (href, label, bool(current))
        for href, current, label in re.findall(
            r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav
        )
    ]


def current_entries(page: str) -> list[str]:
    return [label for _href, label, current in navigation(page) if current]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/requests", "Anfragen"),
        ("/sessions", "Veranstaltungen"),
        ("/statistics", "Statistik"),
        ("/moderators", "Moderator*innen"),
        ("/topics", "Themen"),
    ],
)
def test_a_coordinator_sees_the_current_page_marked(client, login_as, path, current):
    login_as("coordinator")
    page = client.get(path).text
    assert [label for _href, label, _current in navigation(page)][:3] == [
        "Anfragen",
        "Veranstaltungen",
        "Berichte",
    ]
    assert current_entries(page) == [current]


def test_the_navigation_follows_role_and_language(client, login_as):
    login_as("moderator", locale="en")
    page = client.get("/me/logbook").text
    entries = navigation(page)
    assert ("/me/logbook", "My logbook", True) in entries
    assert [label for _href, label, current in entries if current] == ["My logbook"]
    assert "/requests" not in [href for href, _label, _current in entries]
    login_as("school")
    page = client.get("/school/requests").text
    assert current_entries(page) == ["Anfragen"]
    assert "/moderators" not in [href for href, _label, _current in navigation(page)]


def test_visitors_get_the_public_navigation_and_the_switcher_in_their_language(client):
    page = client.get("/info-sessions", headers={"Accept-Language": "tr"}).text
    assert current_entries(page) == [navigation(page)[0][1]]
    assert navigation(page)[0][1] not in ("Veranstaltungen für Eltern", "Sessions for parents")
    assert navigation(page)[1][0] == "/login"
    options = re.findall(r'<option value="([^"]+)" lang="[^"]+"( selected)?>', page)
    assert len(options) >= 26
    assert [code for code, selected in options if selected] == ["tr"]
    assert client.get("/login").text.count(' aria-current="page"') == 1


def test_the_layout_s_own_words_follow_the_reader_s_language(client):
    german = client.get("/info-sessions").text
    english = client.get("/info-sessions", headers={"Accept-Language": "en"}).text
    assert "Zum Inhalt springen" in german and "Zum Inhalt springen" not in english
    assert "Skip to content" in english
    assert english.count("Elternmoderation Hamburg") == 0
