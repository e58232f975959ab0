"""The coordinator's request queue: what it lists, in which order, and its filters."""

from datetime import timedelta

from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.scheduling import services
from moderators.topics.models import Topic
from tests.conftest import count_queries, district, next_weekday_at
from tests.scheduling.test_pages_requests import names_in_order


def _waiting_since(request, days):
    request.created_at = utcnow() - timedelta(days=days)
    db.session.commit()


# The queue ------------------------------------------------------------------------------


def test_queue_shows_open_requests_oldest_first(client, coordinator, make_request, make_school):
    newest = make_request(school=make_school(name="Schule Neu"))
    oldest = make_request(school=make_school(name="Schule Alt"))
    middle = make_request(school=make_school(name="Schule Mitte"))
    _waiting_since(oldest, 3)
    _waiting_since(middle, 1)
    done = make_request(school=make_school(name="Schule Fertig"))
    services.mark_unfilled(done, "Niemand frei")

    page = client.get("/requests").text

    assert names_in_order(page, "Schule Alt", "Schule Mitte", "Schule Neu")
    assert "seit 3 Tagen" in page and "seit 1 Tag" in page and "seit heute" in page
    assert "Schule Fertig" not in page
    assert f"/requests/{oldest.id}" in page and newest.expected_parents == 20
    assert "20" in page  # expected parents


def test_queue_shows_the_other_states_through_the_filter(
    client, coordinator, make_request, make_school
):
    make_request(school=make_school(name="Schule Offen"))
    done = make_request(school=make_school(name="Schule Fertig"))
    services.mark_unfilled(done, "Niemand frei")

    page = client.get("/requests?status=unfilled").text

    assert "Schule Fertig" in page and "nicht besetzt" in page
    assert "Schule Offen" not in page


def test_queue_filters_by_language_district_and_topic(
    client, coordinator, make_request, make_school
):
    other_topic = db.session.scalars(db.select(Topic).order_by(Topic.position)).all()[1]
    make_request(school=make_school(name="Türkisch Altona"))
    make_request(
        school=make_school(name="Arabisch Wandsbek", district_name="Wandsbek"), language_code="ar"
    )
    moved = make_request(school=make_school(name="Anderes Thema"))
    moved.topic = other_topic
    db.session.commit()

    by_language = client.get("/requests?language=ar").text
    by_district = client.get(f"/requests?district={district('Wandsbek').id}").text
    by_topic = client.get(f"/requests?topic={other_topic.id}").text

    assert "Arabisch Wandsbek" in by_language and "Türkisch Altona" not in by_language
    assert "Arabisch Wandsbek" in by_district and "Anderes Thema" not in by_district
    assert "Anderes Thema" in by_topic and "Türkisch Altona" not in by_topic
    assert client.get("/requests?language=xx&district=abc&topic=999").status_code == 200


def test_queue_query_count_does_not_grow_with_the_requests(client, coordinator, make_request):
    def queries_for_queue():
        with count_queries() as statements:
            assert client.get("/requests").status_code == 200
        return len(statements)

    for _ in range(2):
        make_request()
    few = queries_for_queue()
    for _ in range(10):
        make_request(starts=[next_weekday_at(0, 17), next_weekday_at(2, 17)])
    assert queries_for_queue() == few


def test_queue_of_scheduled_requests_links_their_sessions(
    client, coordinator, make_request, make_moderator, make_school
):
    moderator = make_moderator()
    request = make_request(school=make_school(name="Schule Geplant"))
    session = services.schedule_request(
        request, request.slots[0].starts_at, [moderator.id], "offer"
    )

    page = client.get("/requests?status=scheduled").text

    row = page[page.index("Schule Geplant") :]
    row = row[: row.index("</tr>")]
    assert "eingeplant" in row
    assert f'href="/requests/{request.id}"' in row and f'href="/sessions/{session.id}"' in row


def test_queue_pages_past_the_last_one_still_count_the_requests(
    client, coordinator, app, make_request
):
    app.config["PER_PAGE"], per_page = 2, app.config["PER_PAGE"]
    try:
        for _ in range(3):
            make_request()
        second = client.get("/requests?page=2").text
        beyond = client.get("/requests?page=9").text
        too_large = client.get("/requests?page=99999999999999999999")
    finally:
        app.config["PER_PAGE"] = per_page

    assert second.count("Kandidat*innen ansehen") == 1 and "Seite 2 von 2" in second
    assert "3 Einträge" in beyond and "Kandidat*innen ansehen" not in beyond
    assert too_large.status_code == 200 and "3 Einträge" in too_large.text


def test_handled_queue_query_count_does_not_grow_with_the_requests(
    client, coordinator, make_request, make_moderator
):
    moderator = make_moderator()

    def scheduled(n):
        for _ in range(n):
            request = make_request(starts=[next_weekday_at(0, 17), next_weekday_at(2, 17)])
            services.schedule_request(request, request.slots[0].starts_at, [moderator.id], "offer")

    def queries_for_queue():
        with count_queries() as statements:
            assert client.get("/requests?status=scheduled&language=tr").status_code == 200
        return len(statements)

    scheduled(1)
    few = queries_for_queue()
    scheduled(6)
    assert queries_for_queue() == few <= 7
