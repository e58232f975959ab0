"""A school contact sees their own school, and never another."""

from sqlalchemy import select

from moderators.auth.models import User
from moderators.extensions import db


def test_school_contact_sees_their_school_at_slash_school(client, login_as, make_school):
    school = make_school("Stadtteilschule Wilhelmsburg", notes="Nur intern: Leitung wechselt")
    login_as("school", school=school)
    response = client.get("/school")
    assert response.status_code == 200
    assert "Stadtteilschule Wilhelmsburg" in response.text
    assert 'href="/school/requests/new"' in response.text
    assert "Nur intern" not in response.text  # the coordinators' notes stay with them


def test_school_contact_gets_403_on_another_schools_pages(client, login_as, make_school):
    login_as("school")
    other = make_school("Fremde Schule")
    for url in (f"/schools/{other.id}", f"/schools/{other.id}/edit", "/schools/new"):
        assert client.get(url).status_code == 403
    response = client.post(f"/schools/{other.id}/invite", data={"email": "x@example.org"})
    assert response.status_code == 403
    assert db.session.scalars(select(User).filter_by(email="x@example.org")).first() is None


def test_school_account_without_a_school_gets_a_friendly_404(client, login_as, make_user):
    user = make_user("school")
    user.school = None
    db.session.commit()
    login_as(user=user)
    response = client.get("/school")
    assert response.status_code == 404
    assert "Noch keine Schule zugeordnet" in response.text


def test_coordinators_and_moderators_do_not_have_a_school_page(client, login_as):
    login_as("moderator")
    assert client.get("/school").status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, make_school):
    school = make_school()
    for url in ("/school", "/schools", f"/schools/{school.id}"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
