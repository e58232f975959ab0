"""Signing in and out."""

from moderators.extensions import db
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


def test_logout_is_a_post_and_ends_the_session(client, login_as):
    login_as("coordinator")
    assert client.get("/logout").status_code == 405
    client.post("/logout")
    response = client.get("/moderators")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_next_parameter_never_leads_off_the_site(client, make_user):
    make_user("coordinator", email="k@example.org")
    response = client.post(
        "/login?next=https://evil.example.com/",
        data={"email": "k@example.org", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/"


def test_next_parameter_returns_to_the_page_asked_for(client, make_user):
    make_user("coordinator", email="k@example.org")
    response = client.post(
        "/login?next=/schools", data={"email": "k@example.org", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/schools"


def test_deactivated_user_cannot_sign_in(client, make_user):
    make_user("coordinator", email="k@example.org", active=False)
    response = client.post("/login", data={"email": "k@example.org", "password": PASSWORD})
    assert response.status_code == 200


def test_each_role_lands_on_its_own_start_page(client, login_as):
    login_as("moderator")
    assert client.get("/").headers["Location"] == "/me"


def test_login_is_rate_limited(database_url):
    from moderators import create_app
    from moderators.config import TestConfig

    limited = create_app(
        type(
            "Limited",
            (TestConfig,),
            {
                "RATELIMIT_ENABLED": True,
                "LOGIN_RATE_LIMIT": "3/minute",
                "SQLALCHEMY_DATABASE_URI": database_url,
            },
        )
    )
    client = limited.test_client()
    codes = [
        client.post("/login", data={"email": "x@example.org", "password": "y"}).status_code
        for _ in range(4)
    ]
    with limited.app_context():
        db.engine.dispose()
    assert codes == [200, 200, 200, 429]


def test_coordinator_blocks_and_unblocks_an_account(client, login_as, make_user):
    login_as("coordinator")
    user = make_user("moderator")
    response = client.post(
        f"/users/{user.id}/active", data={"active": "0", "next": f"/moderators/{user.moderator_id}"}
    )
    assert response.headers["Location"] == f"/moderators/{user.moderator_id}"
    db.session.refresh(user)
    assert not user.active and not user.is_active
    client.post(f"/users/{user.id}/active", data={"active": "1"})
    db.session.refresh(user)
    assert user.active


def test_a_blocked_user_is_signed_out_at_the_next_request(app, client, login_as):
    user = login_as("moderator")
    assert client.get("/me").status_code == 200
    user.active = False
    db.session.commit()
    assert client.get("/me").status_code == 302


def test_coordinator_cannot_block_themself(client, login_as):
    me = login_as("coordinator")
    client.post(f"/users/{me.id}/active", data={"active": "0"})
    db.session.refresh(me)
    assert me.active
