"""A moderator's page is written once for the rows it shows (kept_pages.written_for): a repeated
look reads the user and one statement, and still shows every change of those rows, the passing
of time, the reader's language and the reader's own CSRF token. Changes elsewhere do not make
it written again."""

import re
from datetime import timedelta

import pytest

from moderators.common import kept_pages
from moderators.common.kept_pages import TOKEN_STAND_IN
from moderators.extensions import db
from moderators.scheduling import moderator_views, services
from moderators.scheduling.models import InfoSession
from moderators.scheduling.session_changes import update_session
from tests.conftest import count_queries


@pytest.fixture
def writes(monkeypatch):
    """How often the page's content has been written."""
    written = []
    write = moderator_views._own_page_content

    def counted(rows):
        written.append(rows)
        return write(rows)

    monkeypatch.setattr(moderator_views, "_own_page_content", counted)
    return written


def look(client):
    response = client.get("/me/sessions")
    assert response.status_code == 200
    return response.text


def main(html):
    return html[html.index("<main") : html.index("</main>")]


def tokens(html):
    return set(re.findall(r'name="csrf_token" value="([^"]*)"', html))


def test_a_repeated_look_is_written_once_with_each_readers_own_token(
    app, client, login_as, offer, writes
):
    user = login_as("moderator")
    offer(user.moderator, venue_name="Stadtteilhaus Lurup")
    first = look(client)
    other = app.test_client()  # the same moderator on their phone
    with other.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(user.id), True
    with count_queries() as statements:
        second = look(other)
    assert len(statements) == 2  # the user; the page's rows
    assert len(writes) == 1
    assert "Stadtteilhaus Lurup" in main(second)
    (mine,), (theirs,) = tokens(first), tokens(second)
    assert mine != theirs and TOKEN_STAND_IN not in first + second
    assert main(first).replace(mine, "") == main(second).replace(theirs, "")


def test_a_change_elsewhere_does_not_write_it_again(
    client, login_as, offer, make_moderator, writes
):
    moderator = login_as("moderator").moderator
    offer(moderator, venue_name="Stadtteilhaus Lurup")
    look(client)
    offer(make_moderator(), venue_name="Fremder Ort")  # another moderator's offer
    page = look(client)
    assert len(writes) == 1
    assert "Stadtteilhaus Lurup" in page and "Fremder Ort" not in page


def test_a_change_of_its_sessions_is_on_the_next_look(client, login_as, offer, writes):
    moderator = login_as("moderator").moderator
    assignment = offer(moderator, venue_name="Stadtteilhaus Lurup")
    session_id = assignment.session_id
    look(client)
    services.accept(assignment)
    page = look(client)
    upcoming = page.split('id="upcoming-heading"')[1].split('id="past-heading"')[0]
    assert "Stadtteilhaus Lurup" in upcoming
    assert "Zurzeit sind keine Angebote offen." in page
    update_session(db.session.get(InfoSession, session_id), venue_name="Bürgerhaus Wilhelmsburg")
    page = look(client)
    assert "Bürgerhaus Wilhelmsburg" in page and "Stadtteilhaus Lurup" not in page
    assert len(writes) == 3


def test_an_offer_whose_session_began_leaves_the_page_without_a_change(
    client, login_as, offer, monkeypatch
):
    moderator = login_as("moderator").moderator
    assignment = offer(moderator, venue_name="Stadtteilhaus Lurup")
    assert "Stadtteilhaus Lurup" in look(client)
    after = assignment.starts_at + timedelta(minutes=1)  # only the time moved
    monkeypatch.setattr(moderator_views, "utcnow", lambda: after)
    page = look(client)
    assert "Stadtteilhaus Lurup" not in page
    assert "Zurzeit sind keine Angebote offen." in page


def test_the_same_rows_in_another_language_are_written_in_it(client, login_as, writes):
    login_as("moderator")  # nothing offered, booked or held: the same rows as the next
    assert "Offene Angebote" in look(client)
    login_as("moderator", locale="en")
    english = look(client)
    assert "Open offers" in english and "Offene Angebote" not in english
    assert len(writes) == 2


def test_a_worker_keeps_a_bounded_number_of_pages(
    app, client, login_as, offer, monkeypatch, writes
):
    monkeypatch.setattr(kept_pages, "WRITTEN_FOR", 2)
    users = [login_as("moderator") for _ in range(3)]
    for user in users:
        offer(user.moderator)
    for user in users:
        login_as(user=user)
        look(client)
    assert len(app.extensions["written_for_rows"].kept) == 2
    login_as(user=users[0])  # the first was dropped: written again
    look(client)
    assert len(writes) == 4
