"""Pages of the pool do not send more SQL as the pool grows, nor more than they need."""

from datetime import date, time

from moderators.common.audit import record
from moderators.common.results import kept_results
from moderators.extensions import db
from moderators.roster.models import Absence
from tests.conftest import count_queries

HOURS = (time(9), time(11))


def pool_page_queries(client, make_moderator, how_many, url="/moderators"):
    for n in range(how_many):
        make_moderator(f"P{n}", languages=(("tr", "native"), ("ar", "fluent")))
    # The page and its filters' choices are kept until the data changes, which the factories
    # do not tell (they write no audit rows): each look here is the first since a change.
    kept_results().clear()
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


def test_moderator_list_costs_the_same_queries_for_5_and_50(client, coordinator, make_moderator):
    few = pool_page_queries(client, make_moderator, 5)
    many = pool_page_queries(client, make_moderator, 45)
    assert few == many


def test_the_list_and_its_filters_are_read_in_two_statements(
    client, coordinator, make_moderator, make_cohort
):
    cohort = make_cohort(trainees=2)
    url = f"/moderators?language=tr&district=Altona&status=active&q=p&cohort={cohort.id}"
    # the user; the data's version and the filters' choices; the page
    assert pool_page_queries(client, make_moderator, 30, url) == 1 + 3
    # Past the last page no row carries the total: one statement more counts it.
    assert pool_page_queries(client, make_moderator, 0, "/moderators?page=9") == 1 + 4


def test_the_page_is_written_again_only_after_a_change(client, coordinator, make_moderator):
    make_moderator("Ayla", certified_on=date(2021, 6, 1))
    first = client.get("/moderators").text
    with count_queries() as statements:
        assert client.get("/moderators").text == first
    assert len(statements) == 1 + 1  # the user; the data's version: the page is kept
    deniz = make_moderator("Deniz", certified_on=date(2019, 6, 1))
    record("moderator.created", deniz)  # as creating one through the pages writes
    db.session.commit()
    assert '<option value="2019">' in client.get("/moderators").text


def test_profile_form_loads_the_moderator_and_what_it_offers(client, coordinator, make_moderator):
    url = f"/moderators/{make_moderator(languages=(('tr', 'native'), ('ar', 'fluent'))).id}/edit"
    with count_queries() as statements:
        assert client.get(url).status_code == 200
    assert len(statements) == 1 + 3  # moderator with languages and districts; the two lists


def test_profile_page_fits_the_budget(client, coordinator, make_moderator):
    moderator = make_moderator(availability=[(day, *HOURS) for day in range(5)])
    db.session.add_all(
        Absence(moderator=moderator, starts_on=date(2030, 1, n), ends_on=date(2030, 1, n))
        for n in range(1, 6)
    )
    db.session.commit()
    url = f"/moderators/{moderator.id}"
    with count_queries() as statements:
        assert client.get(url).status_code == 200
    assert len(statements) == 1 + 4  # with languages, districts and account; windows;
    # absences; training


def test_removing_a_window_touches_only_that_window(client, coordinator, make_moderator):
    moderator = make_moderator(availability=[(day, *HOURS) for day in range(5)])
    window_id = moderator.availability[2].id
    url = f"/moderators/{moderator.id}/availability/{window_id}/delete"
    with count_queries() as statements:
        assert client.post(url).status_code == 302
    # the user (a plain row, which the commit does not expire); the window with its moderator;
    # audit row and delete
    assert len(statements) == 4
    assert any(s.startswith("DELETE FROM availability_window") for s in statements)


def test_removing_someone_elses_absence_is_a_404_after_one_query(client, login_as, make_user):
    me, other = make_user("moderator"), make_user("moderator")
    day = date(2030, 1, 1)
    absence = Absence(moderator_id=other.moderator_id, starts_on=day, ends_on=day)
    db.session.add(absence)
    db.session.commit()
    absence_id = absence.id
    login_as(user=me)
    with count_queries() as statements:
        assert client.post(f"/me/absences/{absence_id}/delete").status_code == 404
    assert len(statements) == 2
    assert db.session.get(Absence, absence_id) is not None
