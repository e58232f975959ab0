"""Languages and topics: reference data for every signed-in role, named in the reader's locale."""

import pytest

from moderators.languages.models import Language
from moderators.topics.models import Topic
from tests.api.conftest import assert_error
from tests.conftest import count_queries


def by_code(response) -> dict[str, dict]:
    return {item["code"]: item for item in response.get_json()}


@pytest.mark.parametrize("role", ["coordinator", "moderator", "school"])
def test_languages_are_named_in_german_by_default(client, make_user, headers_for, role):
    response = client.get("/api/v1/languages", headers=headers_for(make_user(role)))
    assert response.status_code == 200
    turkish = by_code(response)["tr"]
    assert turkish["name"] == "Türkisch"
    assert turkish["native_name"] == "Türkçe"
    assert turkish["direction"] == "ltr"
    assert by_code(response)["ar"]["direction"] == "rtl"


def test_languages_are_named_in_the_locale_asked_for(client, coordinator_headers):
    english = client.get("/api/v1/languages?lang=en", headers=coordinator_headers)
    assert by_code(english)["tr"]["name"] == "Turkish"
    assert by_code(english)["fa-AF"]["name"] == "Dari"
    regional = client.get("/api/v1/languages?lang=en-GB", headers=coordinator_headers)
    assert by_code(regional)["tr"]["name"] == "Turkish"


def test_accept_language_chooses_the_names_when_lang_is_not_given(client, coordinator_headers):
    headers = {**coordinator_headers, "Accept-Language": "fr-FR,fr;q=0.9,de;q=0.5"}
    assert by_code(client.get("/api/v1/languages", headers=headers))["tr"]["name"] == "Turc"
    headers["Accept-Language"] = "*"
    assert by_code(client.get("/api/v1/languages", headers=headers))["tr"]["name"] == "Türkisch"


def test_an_unknown_locale_is_422(client, coordinator_headers):
    response = client.get("/api/v1/languages?lang=xx-nonsense", headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field="lang")


def test_languages_count_only_active_moderators(client, coordinator_headers, make_moderator):
    make_moderator(languages=(("tr", "native"), ("ar", "fluent")))
    make_moderator(languages=(("tr", "fluent"),))
    make_moderator(status="paused", languages=(("tr", "native"),))
    make_moderator(status="trainee", languages=(("ar", "native"),))
    languages = by_code(client.get("/api/v1/languages", headers=coordinator_headers))
    assert languages["tr"]["active_moderators"] == 2
    assert languages["ar"]["active_moderators"] == 1
    assert languages["vi"]["active_moderators"] == 0


def test_inactive_languages_are_left_out(client, db, coordinator_headers):
    db.session.execute(db.update(Language).where(Language.code == "it").values(active=False))
    db.session.commit()
    languages = by_code(client.get("/api/v1/languages", headers=coordinator_headers))
    assert "it" not in languages
    assert len(languages) == 25


def test_the_language_list_takes_the_same_queries_however_many_moderators(
    client, db, coordinator_headers, make_moderator
):
    make_moderator()
    with count_queries() as few:
        client.get("/api/v1/languages", headers=coordinator_headers)
    for code in ("ar", "fa", "ru", "pl", "ro"):
        make_moderator(languages=((code, "native"),))
    with count_queries() as many:
        client.get("/api/v1/languages", headers=coordinator_headers)
    assert len(many) == len(few)


@pytest.mark.parametrize("role", ["coordinator", "moderator", "school"])
def test_topics_are_listed_for_every_role_in_german(client, make_user, headers_for, role):
    response = client.get("/api/v1/topics", headers=headers_for(make_user(role)))
    assert response.status_code == 200
    names = [topic["name"] for topic in response.get_json()]
    assert names[0] == "Das Hamburger Schulsystem"
    assert all(isinstance(topic["id"], int) for topic in response.get_json())


def test_topics_are_named_in_english_on_request(client, coordinator_headers):
    response = client.get("/api/v1/topics?lang=en", headers=coordinator_headers)
    assert response.get_json()[0]["name"] == "The Hamburg school system"
    headers = {**coordinator_headers, "Accept-Language": "en-US,en;q=0.8"}
    response = client.get("/api/v1/topics", headers=headers)
    assert response.get_json()[0]["name"] == "The Hamburg school system"


def test_inactive_topics_are_left_out(client, db, coordinator_headers):
    topic = db.session.scalar(db.select(Topic).filter_by(name_de="Ganztagsschule"))
    topic.active = False
    db.session.commit()
    names = [t["name"] for t in client.get("/api/v1/topics", headers=coordinator_headers).json]
    assert "Ganztagsschule" not in names
    assert len(names) == 7
