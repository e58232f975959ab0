"""A moderator keeps their own languages, districts, times and absences, and nothing else."""

from datetime import time

from moderators.extensions import db
from tests.conftest import language


def test_moderator_sees_and_edits_own_languages_and_districts(client, login_as):
    user = login_as("moderator")
    moderator = user.moderator
    page = client.get("/me")
    assert page.status_code == 200 and moderator.last_name in page.text
    response = client.post(
        "/me/edit",
        data={
            "first_name": moderator.first_name,
            "last_name": moderator.last_name,
            "email": "neu@example.org",
            "districts": ["Bergedorf"],
            f"language_{language('ar').id}": "fluent",
            f"language_{language('tr').id}": "native",
            "status": "retired",  # not on the moderator's form: ignored
        },
    )
    assert response.status_code == 302
    db.session.refresh(moderator)
    assert [d.name for d in moderator.districts] == ["Bergedorf"]
    assert {link.language.code for link in moderator.languages} == {"ar", "tr"}
    assert moderator.status == "active"


def test_moderator_form_has_no_status_or_office_notes(client, login_as):
    login_as("moderator")
    page = client.get("/me/edit").text
    assert 'name="status"' not in page and 'name="notes"' not in page


def test_moderator_adds_availability_and_absence_to_own_profile(client, login_as):
    moderator = login_as("moderator").moderator
    client.post("/me/availability", data={"weekday": "5", "starts_at": "10:00", "ends_at": "13:00"})
    client.post("/me/absences", data={"starts_on": "2031-03-02", "ends_on": "2031-03-13"})
    db.session.refresh(moderator)
    assert (5, time(10), time(13)) in {
        (w.weekday, w.starts_at, w.ends_at) for w in moderator.availability
    }
    assert len(moderator.absences) == 1


def test_moderator_cannot_remove_another_moderators_window(client, login_as, make_moderator):
    login_as("moderator")
    other = make_moderator()
    response = client.post(f"/me/availability/{other.availability[0].id}/delete")
    assert response.status_code == 404
    db.session.refresh(other)
    assert len(other.availability) == 1


def test_moderator_cannot_open_the_pool_or_another_profile(client, login_as, make_moderator):
    login_as("moderator")
    other = make_moderator()
    assert client.get("/moderators").status_code == 403
    assert client.get(f"/moderators/{other.id}").status_code == 403
    assert client.post(f"/moderators/{other.id}/edit", data={}).status_code == 403


def test_moderator_account_without_profile_gets_a_clear_404(client, login_as):
    user = login_as("moderator")
    user.moderator = None
    db.session.commit()
    response = client.get("/me")
    assert response.status_code == 404
    assert "mit keinem Profil verbunden" in response.text
