"""The coordinator's list of schools: filters, search, pagination, and one query per page."""

import pytest

from moderators.seed import DISTRICTS
from tests.conftest import count_queries, district


@pytest.fixture
def schools(make_school):
    return {
        "goethe": make_school("Goethe-Gymnasium", type="gymnasium", district_name="Harburg"),
        "kita": make_school("Kita Sonnenschein", type="kita", district_name="Altona"),
        "closed": make_school("Grundschule Alter Hof", type="grundschule", active=False),
    }


def test_list_shows_active_schools_with_type_district_and_link(client, coordinator, schools):
    response = client.get("/schools")
    assert response.status_code == 200
    assert "Goethe-Gymnasium" in response.text
    assert "Harburg" in response.text
    assert f'href="/schools/{schools["goethe"].id}"' in response.text
    assert "Kita Sonnenschein" in response.text
    assert "Grundschule Alter Hof" not in response.text
    assert "2 Einträge" in response.text


def test_deactivated_schools_are_found_with_the_status_filter(client, coordinator, schools):
    inactive = client.get("/schools?status=inactive").text
    assert "Grundschule Alter Hof" in inactive
    assert "Goethe-Gymnasium" not in inactive
    assert "3 Einträge" in client.get("/schools?status=all").text


def test_filter_by_district_and_type(client, coordinator, schools):
    by_district = client.get(f"/schools?district={district('Altona').id}").text
    assert "Kita Sonnenschein" in by_district
    assert "Goethe-Gymnasium" not in by_district
    by_type = client.get("/schools?type=gymnasium").text
    assert "Goethe-Gymnasium" in by_type
    assert "Kita Sonnenschein" not in by_type


def test_search_by_part_of_the_name_ignores_case(client, coordinator, schools):
    text = client.get("/schools?q=sonnen").text
    assert "Kita Sonnenschein" in text
    assert "Goethe-Gymnasium" not in text
    assert 'value="sonnen"' in text  # the search box keeps what was typed


def test_search_treats_percent_sign_as_text(client, coordinator, schools):
    assert "Keine Schulen gefunden." in client.get("/schools?q=%25").text


def test_nonsense_filter_values_are_ignored_not_an_error(client, coordinator, schools):
    response = client.get("/schools?district=abc&type=nonsense&status=x&page=zz")
    assert response.status_code == 200
    assert "Goethe-Gymnasium" in response.text


def test_list_is_paginated_and_keeps_the_filters(
    app, client, coordinator, make_school, monkeypatch
):
    monkeypatch.setitem(app.config, "PER_PAGE", 2)
    for letter in "ABCDE":
        make_school(f"Schule {letter}", type="kita")
    first = client.get("/schools?type=kita").text
    assert "Schule A" in first and "Schule B" in first and "Schule C" not in first
    assert "Seite 1 von 3" in first
    assert 'href="/schools?type=kita&amp;page=2"' in first
    third = client.get("/schools?type=kita&page=3").text
    assert "Schule E" in third and "Schule A" not in third


def test_school_users_cannot_open_the_list(client, login_as):
    login_as("school")
    assert client.get("/schools").status_code == 403


def _queries_for_list(app, client, make_school, how_many):
    for n in range(how_many):
        make_school(district_name=DISTRICTS[n % len(DISTRICTS)])
    with app.app_context(), count_queries() as statements:  # a fresh session, as in production
        response = client.get("/schools?status=all")
    assert response.status_code == 200
    return len(statements)


def test_list_needs_as_many_queries_for_30_schools_as_for_5(app, client, coordinator, make_school):
    with_5 = _queries_for_list(app, client, make_school, 5)
    with_30 = _queries_for_list(app, client, make_school, 25)
    assert with_5 == with_30
