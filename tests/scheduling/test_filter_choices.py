"""The languages, districts and topics the filters above the request queue and the session list
offer: read once and kept until the data changes, in each reader's language."""

from moderators.topics.services import create_topic, update_topic
from tests.conftest import count_queries


def topic_options(page: str) -> list[str]:
    """The labels of the topic filter's options, in their order."""
    select = page[page.index('name="topic"') :]
    select = select[: select.index("</select>")]
    return [part.split("<", 1)[0] for part in select.split(">")[2::2]]


def test_a_second_look_reads_no_names_again(client, coordinator):
    first = client.get("/requests").text
    with count_queries() as statements:
        again = client.get("/requests").text
    assert again == first
    assert not any(
        f"FROM {table}" in statement
        for statement in statements
        for table in ("topic", "district", "language")
    )


def test_a_topic_added_or_renamed_shows_in_the_filters_at_once(client, coordinator):
    client.get("/requests")  # the names are kept from here on
    created = client.post("/topics/new", data={"name_de": "Digitale Schule", "position": "20"})
    assert created.status_code == 302
    assert "Digitale Schule" in topic_options(client.get("/requests").text)

    topic = create_topic(name_de="Kita-Gutschein", position=30)
    assert topic_options(client.get("/requests").text)[-2:] == ["Digitale Schule", "Kita-Gutschein"]
    update_topic(topic, name_de="Kita-Gutschein beantragen")
    assert "Kita-Gutschein beantragen" in topic_options(client.get("/requests").text)


def test_each_reader_gets_the_names_of_their_language(client, coordinator):
    create_topic(name_de="Digitale Schule", name_en="Digital school", position=20)
    german = client.get("/sessions").text
    german_topics = topic_options(client.get("/requests").text)
    with client.session_transaction() as session:
        session["locale"] = "en"
    english = client.get("/sessions").text
    english_topics = topic_options(client.get("/requests").text)

    assert ">Altona</option>" in german and ">Altona</option>" in english
    assert ">Türkisch</option>" in german and ">Turkish</option>" in english
    assert german_topics[0] == "Alle Themen" and english_topics[0] == "All topics"
    assert "Digitale Schule" in german_topics and "Digital school" in english_topics
    assert "Digital school" not in german_topics
