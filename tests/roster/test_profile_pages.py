"""Creating and editing moderators, their weekly times and absences."""

import re
from datetime import date, time

from moderators.auth.models import Invitation, User
from moderators.common.audit import AuditLog
from moderators.extensions import db
from moderators.roster.models import Moderator
from tests.conftest import language


def profile_form(**overrides):
    data = {
        "first_name": "Amina",
        "last_name": "Haddad",
        "email": "amina.haddad@example.org",
        "phone": "040 123456",
        "status": "trainee",
        "districts": ["Wandsbek", "Hamburg-Nord"],
        f"language_{language('ar').id}": "native",
        f"language_{language('fr').id}": "fluent",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_moderator_with_languages_and_districts(client, coordinator):
    response = client.post("/moderators/new", data=profile_form())
    assert response.status_code == 302
    moderator = db.session.scalar(db.select(Moderator).filter_by(last_name="Haddad"))
    assert {(link.language.code, link.level) for link in moderator.languages} == {
        ("ar", "native"),
        ("fr", "fluent"),
    }
    assert [d.name for d in moderator.districts] == ["Hamburg-Nord", "Wandsbek"]
    audit = db.session.scalar(db.select(AuditLog).filter_by(action="moderator.create"))
    assert audit.actor_id == coordinator.id and audit.object_id == moderator.id


def test_missing_name_and_district_come_back_next_to_the_fields(client, coordinator):
    response = client.post("/moderators/new", data=profile_form(last_name=" ", districts=[]))
    assert response.status_code == 200
    assert "Bitte mindestens einen Bezirk wählen." in response.text
    assert 'id="last_name-error"' in response.text
    assert 'value="Amina"' in response.text  # nothing typed is lost
    assert db.session.scalar(db.select(db.func.count(Moderator.id))) == 0


def test_coordinator_edits_status_and_removes_a_language(client, coordinator, make_moderator):
    moderator = make_moderator(languages=(("tr", "native"), ("de" if False else "ku", "fluent")))
    data = profile_form(status="active", **{f"language_{language('ku').id}": ""})
    data.pop(f"language_{language('ar').id}")
    data.pop(f"language_{language('fr').id}")
    data[f"language_{language('tr').id}"] = "native"
    response = client.post(f"/moderators/{moderator.id}/edit", data=data)
    assert response.status_code == 302
    db.session.refresh(moderator)
    assert moderator.status == "active"
    assert [link.language.code for link in moderator.languages] == ["tr"]


def test_edit_form_shows_the_current_profile(client, coordinator, make_moderator):
    moderator = make_moderator("Ayşe", "Yılmaz", languages=(("tr", "native"),))
    page = client.get(f"/moderators/{moderator.id}/edit").text
    assert 'value="Ayşe"' in page
    assert re.search(r'<option selected value="native">', page)
    assert re.search(
        r'<input checked id="districts-\d" name="districts" type="checkbox" value="Altona">', page
    )


def test_weekly_window_is_added_and_removed(client, coordinator, make_moderator):
    moderator = make_moderator(availability=())
    response = client.post(
        f"/moderators/{moderator.id}/availability",
        data={"weekday": "2", "starts_at": "16:00", "ends_at": "19:30"},
    )
    assert response.status_code == 302
    db.session.refresh(moderator)
    window = moderator.availability[0]
    assert (window.weekday, window.starts_at, window.ends_at) == (2, time(16), time(19, 30))
    assert "Mittwoch" in client.get(f"/moderators/{moderator.id}").text
    client.post(f"/moderators/{moderator.id}/availability/{window.id}/delete")
    db.session.refresh(moderator)
    assert moderator.availability == []


def test_window_that_ends_before_it_starts_is_refused_with_a_message(
    client, coordinator, make_moderator
):
    moderator = make_moderator(availability=())
    response = client.post(
        f"/moderators/{moderator.id}/availability",
        data={"weekday": "0", "starts_at": "18:00", "ends_at": "17:00"},
    )
    assert response.status_code == 200
    assert "Das Ende muss nach dem Beginn liegen." in response.text
    db.session.refresh(moderator)
    assert moderator.availability == []


def test_overlapping_window_on_the_same_day_is_refused(client, coordinator, make_moderator):
    moderator = make_moderator(availability=((0, time(16), time(20)),))
    response = client.post(
        f"/moderators/{moderator.id}/availability",
        data={"weekday": "0", "starts_at": "19:00", "ends_at": "21:00"},
    )
    assert "Überschneidet sich mit einem vorhandenen Zeitfenster." in response.text
    db.session.refresh(moderator)
    assert len(moderator.availability) == 1


def test_absence_is_added_and_validated(client, coordinator, make_moderator):
    moderator = make_moderator()
    bad = client.post(
        f"/moderators/{moderator.id}/absences",
        data={"starts_on": "2030-07-10", "ends_on": "2030-07-01"},
    )
    assert "Das letzte Datum darf nicht vor dem ersten liegen." in bad.text
    client.post(
        f"/moderators/{moderator.id}/absences",
        data={"starts_on": "2030-07-01", "ends_on": "2030-07-20", "note": "Sommerferien"},
    )
    db.session.refresh(moderator)
    assert [(a.starts_on, a.ends_on) for a in moderator.absences] == [
        (date(2030, 7, 1), date(2030, 7, 20))
    ]


def test_window_of_another_moderator_cannot_be_removed_through_this_one(
    client, coordinator, make_moderator
):
    owner = make_moderator()
    other = make_moderator()
    window_id = owner.availability[0].id
    response = client.post(f"/moderators/{other.id}/availability/{window_id}/delete")
    assert response.status_code == 404
    db.session.refresh(owner)
    assert len(owner.availability) == 1


def test_coordinator_invites_a_moderator_and_the_link_sets_the_password(
    app, client, coordinator, make_moderator
):
    moderator = make_moderator(email="neu@example.org")
    response = client.post(
        f"/moderators/{moderator.id}/invite",
        data={"email": "neu@example.org"},
        follow_redirects=True,
    )
    assert "Die Einladung ist an neu@example.org verschickt." in response.text
    user = db.session.scalar(db.select(User).filter_by(email="neu@example.org"))
    assert user.moderator_id == moderator.id and user.role == "moderator"
    assert db.session.scalar(db.select(Invitation).filter_by(user_id=user.id)) is not None
