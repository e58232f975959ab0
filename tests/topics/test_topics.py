"""Topics of information sessions: the list, the form, and German names that stay unique."""

import pytest
from sqlalchemy import select

from moderators.common.audit import AuditLog
from moderators.extensions import db
from moderators.topics.models import Topic
from moderators.topics.services import TopicError, create_topic, update_topic


def topic_named(name_de: str) -> Topic | None:
    return db.session.scalars(select(Topic).filter_by(name_de=name_de)).first()


def test_list_shows_topics_by_position_then_german_name(client, coordinator):
    create_topic(name_de="Ausbildung im Handwerk", position=0)  # same position as the first seed
    create_topic(name_de="Am Ende", position=99, active=False)
    text = client.get("/topics").text
    order = ["Ausbildung im Handwerk", "Das Hamburger Schulsystem", "Ganztagsschule", "Am Ende"]
    positions = [text.index(name) for name in order]
    assert positions == sorted(positions)
    assert 'status--inactive">deaktiviert</span>' in text
    topic = topic_named("Am Ende")
    assert f'href="/topics/{topic.id}/edit"' in text


def test_coordinator_adds_a_topic(client, coordinator):
    response = client.post(
        "/topics/new",
        data={
            "name_de": "Digitale Schule",
            "name_en": "Digital school",
            "description": "Lernplattformen, Tablets und Elternkommunikation",
            "position": "20",
            "active": "y",
        },
        follow_redirects=True,
    )
    assert "Das Thema ist angelegt." in response.text
    assert "Digitale Schule" in response.text
    topic = topic_named("Digitale Schule")
    assert (topic.name_en, topic.position, topic.active) == ("Digital school", 20, True)
    entry = db.session.scalars(select(AuditLog).filter_by(action="topic.create")).one()
    assert entry.object_id == topic.id
    assert entry.actor_id == coordinator.id


def test_empty_english_name_and_position_are_fine(client, coordinator):
    client.post("/topics/new", data={"name_de": "Kita-Gutschein", "name_en": "", "position": ""})
    topic = topic_named("Kita-Gutschein")
    assert topic.name_en is None
    assert topic.position == 0


def test_missing_german_name_is_marked_next_to_the_field(client, coordinator):
    count = len(db.session.scalars(select(Topic)).all())
    response = client.post("/topics/new", data={"name_de": "", "name_en": "Something"})
    assert response.status_code == 200
    assert 'id="name_de-error"' in response.text
    assert len(db.session.scalars(select(Topic)).all()) == count


def test_duplicate_german_name_gives_a_field_error_not_a_crash(client, coordinator):
    response = client.post("/topics/new", data={"name_de": "das hamburger schulsystem"})
    assert response.status_code == 200
    assert 'id="name_de-error"' in response.text
    assert "Es gibt schon ein Thema mit diesem Namen." in response.text
    assert topic_named("das hamburger schulsystem") is None


def test_renaming_to_another_topics_name_is_refused(client, coordinator):
    topic = topic_named("Ganztagsschule")
    response = client.post(
        f"/topics/{topic.id}/edit", data={"name_de": "Das Hamburger Schulsystem", "active": "y"}
    )
    assert "Es gibt schon ein Thema mit diesem Namen." in response.text
    db.session.expire_all()
    assert db.session.get(Topic, topic.id).name_de == "Ganztagsschule"


def test_edit_keeps_its_own_name_and_deactivates(client, coordinator):
    topic = topic_named("Ganztagsschule")
    form = {"name_de": "Ganztagsschule", "name_en": "All-day school", "position": "30"}
    response = client.post(f"/topics/{topic.id}/edit", data=form, follow_redirects=True)
    assert "Die Änderungen sind gespeichert." in response.text
    db.session.expire_all()
    topic = db.session.get(Topic, topic.id)
    assert topic.active is False  # unticked: out of use, not deleted
    entry = db.session.scalars(select(AuditLog).filter_by(action="topic.update")).one()
    assert set(entry.details["changed"]) == {"active", "position"}
    assert entry.details["active"] is False


def test_edit_form_shows_the_stored_values(client, coordinator):
    topic = topic_named("Ganztagsschule")
    text = client.get(f"/topics/{topic.id}/edit").text
    assert 'value="Ganztagsschule"' in text
    assert 'value="All-day school"' in text


def test_service_refuses_duplicates_whatever_the_case():
    with pytest.raises(TopicError) as raised:
        create_topic(name_de=" GANZTAGSSCHULE ")
    assert raised.value.field == "name_de"


def test_service_update_without_changes_writes_no_audit_row():
    topic = topic_named("Ganztagsschule")
    assert update_topic(topic, name_de="Ganztagsschule") == []
    assert db.session.scalars(select(AuditLog)).first() is None


@pytest.mark.parametrize("role", ["school", "moderator"])
def test_only_coordinators_keep_topics(client, login_as, role):
    login_as(role)
    topic = topic_named("Ganztagsschule")
    for url in ("/topics", "/topics/new", f"/topics/{topic.id}/edit"):
        assert client.get(url).status_code == 403
    assert client.post("/topics/new", data={"name_de": "Neu"}).status_code == 403
    assert topic_named("Neu") is None


def test_unknown_topic_is_not_found(client, coordinator):
    assert client.get("/topics/4711/edit").status_code == 404
