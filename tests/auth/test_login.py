"""Signing in and out."""

from tests.conftest import PASSWORD


def test_coordinator_signs_in_with_email_and_password(client, make_user):
    make_user("coordinator", email="koordination@example.org")
    response = client.post(
        "/login", data={"email": "Koordination@example.org ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/")


def test_wrong_password_gives_the_form_back_with_a_message(client, make_user):
    make_user("coordinator", email="koordination@example.org")
    response = client.post("/login", data={"email": "koordination@example.org", "password": "x"})
    assert response.status_code == 200
    assert "E-Mail-Adresse oder Passwort ist falsch." in response.text
