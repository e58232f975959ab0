"""The moderator pool as coordinators see it."""

from tests.conftest import language


def test_pool_lists_moderators_with_languages_in_german(client, coordinator, make_moderator):
    make_moderator("Ayşe", "Yılmaz", languages=(("tr", "native"), ("ku", "fluent")))
    response = client.get("/moderators")
    assert response.status_code == 200
    assert "Yılmaz, Ayşe" in response.text
    assert "Türkisch" in response.text and "Kurmandschi" in response.text


def test_pool_shows_language_names_in_english_for_an_english_reader(
    client, make_user, login_as, make_moderator
):
    login_as(user=make_user("coordinator", locale="en"))
    make_moderator("Ayşe", "Yılmaz", languages=(("tr", "native"),))
    assert "Turkish" in client.get("/moderators").text


def test_pool_filters_by_language_district_status_and_name(client, coordinator, make_moderator):
    make_moderator("Ayşe", "Yılmaz", languages=(("tr", "native"),), districts=("Altona",))
    make_moderator("Olena", "Koval", languages=(("uk", "native"),), districts=("Harburg",))
    make_moderator("Reza", "Ahmadi", languages=(("fa", "native"),), status="paused")
    assert "Koval" not in client.get("/moderators?language=tr").text
    assert "Koval" in client.get("/moderators?district=Harburg").text
    assert "Yılmaz" not in client.get("/moderators?district=Harburg").text
    paused = client.get("/moderators?status=paused").text
    assert "Ahmadi" in paused and "Koval" not in paused
    found = client.get("/moderators?q=olena").text
    assert "Koval" in found and "Yılmaz" not in found


def test_unknown_filter_values_are_ignored_not_an_error(client, coordinator, make_moderator):
    make_moderator("Ayşe", "Yılmaz")
    response = client.get("/moderators?language=xx&status=nonsense&page=abc")
    assert response.status_code == 200
    assert "Yılmaz" in response.text


def test_pool_is_paginated(app, client, coordinator, make_moderator):
    for n in range(app.config["PER_PAGE"] + 3):
        make_moderator(f"Vorname{n:02d}", "Aaa")
    first = client.get("/moderators").text
    assert "Seite 1 von 2" in first
    second = client.get("/moderators?page=2").text
    assert second.count("Aaa, Vorname") == 3


def test_language_helper_finds_seeded_languages():
    assert language("fa-AF").name_de == "Dari"


def test_pool_filters_by_cohort_and_certification_year(
    client, coordinator, make_cohort, make_moderator
):
    from datetime import date

    cohort = make_cohort(trainees=1)
    in_cohort = cohort.enrollments[0].moderator
    make_moderator("Alt", "Gedient", certified_on=date(2019, 6, 30))
    by_cohort = client.get(f"/moderators?cohort={cohort.id}").text
    assert in_cohort.last_name in by_cohort and "Gedient" not in by_cohort
    by_year = client.get("/moderators?certified_year=2019").text
    assert "Gedient, Alt" in by_year and f"{in_cohort.last_name}, " not in by_year
    assert '<option value="2019">2019</option>' in client.get("/moderators").text
