"""Security from the start: secret key, cookies, CSRF, cache headers, no stack traces."""

import pytest

from moderators import create_app
from moderators.config import Config, TestConfig


def test_secret_key_is_required_outside_development_and_tests(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(type("Production", (Config,), {"SECRET_KEY": None}))


def test_session_cookie_is_httponly_and_samesite(client, make_user):
    from tests.conftest import PASSWORD

    make_user("coordinator", email="k@example.org")
    response = client.post("/login", data={"email": "k@example.org", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_cookies_are_secure():
    assert Config.SESSION_COOKIE_SECURE and Config.REMEMBER_COOKIE_SECURE


def test_forms_need_a_csrf_token(database_url, make_user):
    app = create_app(
        type(
            "WithCsrf",
            (TestConfig,),
            {"WTF_CSRF_ENABLED": True, "SQLALCHEMY_DATABASE_URI": database_url},
        )
    )
    client = app.test_client()
    response = client.post("/login", data={"email": "k@example.org", "password": "x"})
    assert response.status_code == 400
    from moderators.extensions import db

    with app.app_context():
        db.engine.dispose()


def test_pages_behind_login_are_not_cached(client, login_as):
    login_as("coordinator")
    assert client.get("/moderators").headers["Cache-Control"] == "no-store"


def test_passwords_are_hashed_with_scrypt(make_user):
    user = make_user("coordinator")
    assert user.password_hash.startswith("scrypt:")


def test_a_page_with_several_forms_carries_the_csrf_token_without_repeating_an_id(
    database_url, make_user, make_moderator
):
    app = create_app(
        type(
            "WithCsrf",
            (TestConfig,),
            {"WTF_CSRF_ENABLED": True, "SQLALCHEMY_DATABASE_URI": database_url},
        )
    )
    from moderators.extensions import db
    from tests.conftest import PASSWORD

    make_user("coordinator", email="k@example.org")
    moderator = make_moderator()
    client = app.test_client()
    login_page = client.get("/login").text
    token = login_page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post(
        "/login", data={"email": "k@example.org", "password": PASSWORD, "csrf_token": token}
    )
    page = client.get(f"/moderators/{moderator.id}").text
    assert page.count('name="csrf_token"') >= 2  # several forms, each with its token
    assert 'id="csrf_token"' not in page
    with app.app_context():
        db.engine.dispose()
