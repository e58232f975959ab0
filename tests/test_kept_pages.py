"""The pages every coordinator sees alike (pool, queue, sessions, a request, a session) are
written once and kept until the data changes: a repeated look reads only the user and the data's
version, and still shows every change, the passing of time, the reader's language, the page
asked for and the reader's own CSRF token."""

import re
from datetime import timedelta

import pytest

from moderators.common.kept_pages import TOKEN_STAND_IN
from moderators.scheduling import services
from tests.conftest import count_queries, next_weekday_at


@pytest.fixture
def today(monkeypatch):
    """Moves the day that the queue reads."""

    def move_to(day):
        for module in ("views", "request_rows", "queries"):
            monkeypatch.setattr(f"moderators.scheduling.{module}.local_today", lambda: day)

    return move_to


def look(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def test_a_repeated_look_at_the_queue_reads_only_the_user_and_the_datas_version(
    client, coordinator, make_request
):
    make_request(venue_name="Aula")
    first = look(client, "/requests")
    with count_queries() as statements:
        assert look(client, "/requests") == first
    assert len(statements) == 2


def test_a_request_filed_after_a_look_is_in_the_next_one(client, coordinator, make_request):
    make_request(venue_name="Aula")
    assert "Turnhalle" not in look(client, "/requests")
    make_request(venue_name="Turnhalle")  # through the services, which write the audit log
    assert "Turnhalle" in look(client, "/requests")


def test_a_request_cancelled_after_a_look_leaves_the_open_queue(client, coordinator, make_request):
    request = make_request(venue_name="Turnhalle")
    assert "Turnhalle" in look(client, "/requests")
    services.cancel_request(request, "Schule hat abgesagt")
    assert "Turnhalle" not in look(client, "/requests")
    assert "Turnhalle" in look(client, "/requests?status=cancelled")


def test_the_queue_counts_the_days_a_request_has_waited_from_today(
    client, coordinator, make_request, today
):
    request = make_request()
    filed = request.created_at.date()
    today(filed)
    assert "seit heute" in look(client, "/requests")
    today(filed + timedelta(days=3))  # no change of the data: only the day moved
    assert "seit 3 Tagen" in look(client, "/requests")


def test_each_language_and_page_has_its_own_content(
    app, client, login_as, make_request, monkeypatch
):
    for n in range(3):
        make_request(venue_name=f"Raum {n}")
    monkeypatch.setitem(app.config, "PER_PAGE", 2)
    login_as("coordinator")
    first_page, second_page = look(client, "/requests"), look(client, "/requests?page=2")
    assert "Raum 0" in first_page and "Raum 0" not in second_page
    assert "Raum 2" in second_page and "Raum 2" not in first_page
    login_as("coordinator", locale="en")  # the reader's saved language decides
    english = look(client, "/requests")
    assert "Anfragen filtern" in first_page
    assert "Anfragen filtern" not in english and "Filter requests" in english


def test_the_pool_is_kept_and_shows_a_change(client, coordinator, make_moderator):
    make_moderator("Ayla", "Nah")
    first = look(client, "/moderators")
    with count_queries() as statements:
        assert look(client, "/moderators") == first
    assert len(statements) == 2
    # Another filter is another page.
    assert "Nah" not in look(client, "/moderators?language=ar")


def main(html):
    return html[html.index("<main") : html.index("</main>")]


def tokens(html):
    return set(re.findall(r'name="csrf_token" value="([^"]*)"', html))


def test_each_coordinator_gets_the_kept_candidates_with_their_own_token(
    app, client, coordinator, make_user, make_request, make_moderator
):
    make_moderator("Ayla", "Nah")
    url = f"/requests/{make_request().id}"
    first = look(client, url)
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(make_user("coordinator").id), True
    with count_queries() as statements:
        second = look(other, url)
    assert len(statements) == 2  # the user; the data's version
    assert "Nah" in first and "Nah" in second
    (mine,), (theirs,) = tokens(first), tokens(second)
    assert mine != theirs and TOKEN_STAND_IN not in first + second
    assert main(first).replace(mine, "") == main(second).replace(theirs, "")


def test_a_preferred_time_that_passed_says_so_on_the_next_look(
    client, coordinator, make_request, monkeypatch
):
    soon, later = next_weekday_at(0, 17, weeks_ahead=1), next_weekday_at(2, 17, weeks_ahead=1)
    url = f"/requests/{make_request(starts=[soon, later]).id}"
    assert "Dieser Termin ist schon vorbei." not in look(client, url)
    after = soon + timedelta(minutes=1)  # no change of the data: only the time moved
    for module in ("common.results", "scheduling.pages", "scheduling.matching"):
        monkeypatch.setattr(f"moderators.{module}.utcnow", lambda: after)
    assert look(client, url).count("Dieser Termin ist schon vorbei.") == 1


def test_a_session_that_began_no_longer_offers_to_move_it_on_the_next_look(
    client, coordinator, make_session, monkeypatch
):
    starts = next_weekday_at(0, 17, weeks_ahead=1)
    session_id = make_session(starts_at=starts).id
    url = f"/sessions/{session_id}"
    moving = f'action="{url}/reschedule#reschedule"'
    assert moving in look(client, url)
    with count_queries() as statements:
        look(client, url)
    assert len(statements) == 2  # the user; the data's version
    after = starts + timedelta(minutes=1)  # no change of the data: only the time moved
    for module in ("common.results", "scheduling.session_queries", "scheduling.matching"):
        monkeypatch.setattr(f"moderators.{module}.utcnow", lambda: after)
    assert moving not in look(client, url)


def test_the_sessions_list_is_kept_and_moves_a_session_to_the_past_the_day_after(
    client, coordinator, make_session, monkeypatch
):
    starts = next_weekday_at(0, 17, weeks_ahead=1)
    make_session(starts_at=starts, venue_name="Aula")
    assert "Aula" in look(client, "/sessions")
    with count_queries() as statements:
        look(client, "/sessions")
    assert len(statements) == 2  # the user; the data's version
    make_session(starts_at=starts, venue_name="Turnhalle")  # through the services
    assert "Turnhalle" in look(client, "/sessions")
    day_after = starts.date() + timedelta(days=1)
    for module in ("scheduling.views", "scheduling.queries"):
        monkeypatch.setattr(f"moderators.{module}.local_today", lambda: day_after)
    assert "Aula" not in look(client, "/sessions")
    assert "Aula" in look(client, "/sessions?period=past")
