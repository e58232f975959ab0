"""Sign-in sessions: rate limits, one answer for every failure, renewal, ending for real,
timeouts and the cookie flags."""

import os
import re
import time
import uuid
from contextlib import contextmanager

import redis

from moderators import create_app
from moderators.auth import passwords
from moderators.auth.services import set_active
from moderators.auth.sessions import load_user
from moderators.config import Config, TestConfig
from moderators.extensions import db
from tests.conftest import PASSWORD

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
WRONG = "not the password at all"


def sign_in(client, email="m@example.org", password=PASSWORD, **extra):
    return client.post("/login", data={"email": email, "password": password, **extra})


@contextmanager
def app_with(database_url, base=TestConfig, **settings):
    """Another app on the test database, with `settings` (rate limits on, production, ...)."""
    app = create_app(type("Other", (base,), {"SQLALCHEMY_DATABASE_URI": database_url, **settings}))
    try:
        yield app
    finally:
        with app.app_context():
            db.engine.dispose()


def from_address(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


# The same answer for an unknown address, a wrong password and a blocked account -----------


def test_unknown_address_and_wrong_password_get_the_same_answer(client, make_user):
    make_user("moderator", email="m@example.org")
    make_user("moderator", email="blocked@example.org", active=False)
    answers = [
        sign_in(client, email=email, password=password)
        for email, password in (
            ("nobody@example.org", WRONG),
            ("m@example.org", WRONG),
            ("blocked@example.org", PASSWORD),
        )
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    pages = [
        # the CSRF token in the page changes every second
        re.sub(r'name="csrf_token" value="[^"]*"', "", answer.text).replace(email, "EMAIL")
        for answer, email in zip(
            answers, ("nobody@example.org", "m@example.org", "blocked@example.org"), strict=True
        )
    ]
    assert pages[0] == pages[1] == pages[2]
    assert "E-Mail-Adresse oder Passwort ist falsch." in pages[0]


def test_an_unknown_address_costs_a_password_check_too(client, monkeypatch):
    checked = []
    real = passwords.check_password_hash
    monkeypatch.setattr(
        passwords, "check_password_hash", lambda *args: checked.append(args) or real(*args)
    )
    sign_in(client, email="nobody@example.org", password=WRONG)
    assert [hash for hash, _ in checked] == [passwords.UNKNOWN_USER_HASH]


# Rate limits -------------------------------------------------------------------------------


def test_failed_sign_ins_are_limited_per_account_from_any_address(database_url, make_user):
    make_user("moderator", email="m@example.org")
    make_user("moderator", email="other@example.org")
    limits = {"RATELIMIT_ENABLED": True, "LOGIN_ACCOUNT_RATE_LIMIT": "3/minute"}
    with app_with(database_url, **limits) as app:
        spellings = ["m@example.org", "M@Example.org", " m@example.org "]
        codes = [
            sign_in(from_address(app, f"10.0.0.{n}"), email=email, password=WRONG).status_code
            for n, email in enumerate(spellings, start=1)
        ]
        blocked = sign_in(from_address(app, "10.0.0.9"))  # even with the right password
        others = sign_in(from_address(app, "10.0.0.9"), email="other@example.org")
    assert codes == [200, 200, 200]
    assert blocked.status_code == 429 and "Zu viele Versuche" in blocked.text
    assert others.status_code == 302


def test_successful_sign_ins_do_not_use_up_the_account_limit(database_url, make_user):
    make_user("moderator", email="m@example.org")
    limits = {"RATELIMIT_ENABLED": True, "LOGIN_ACCOUNT_RATE_LIMIT": "2/minute"}
    with app_with(database_url, **limits) as app:
        codes = [sign_in(app.test_client()).status_code for _ in range(4)]
    assert codes == [302, 302, 302, 302]


def test_sign_ins_are_limited_per_address(database_url):
    limits = {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "2/minute"}
    with app_with(database_url, **limits) as app:
        client = from_address(app, "10.0.0.1")
        codes = [
            sign_in(client, email=f"person{n}@example.org", password=WRONG).status_code
            for n in range(3)
        ]
        elsewhere = sign_in(from_address(app, "10.0.0.2"), password=WRONG).status_code
    assert codes == [200, 200, 429] and elsewhere == 200


def test_the_limits_are_kept_in_redis_when_the_setting_names_it(database_url, make_user):
    """Several workers share the counts through Redis (the server running beside the tests)."""
    marker = uuid.uuid4().hex[:12]
    email = f"{marker}@example.org"
    make_user("moderator", email=email)
    address = f"127.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    settings = {
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "LOGIN_ACCOUNT_RATE_LIMIT": "2/minute",
    }
    store = redis.Redis.from_url(REDIS_URL)
    try:
        with app_with(database_url, **settings) as app:
            codes = [
                sign_in(from_address(app, address), email=email, password=WRONG).status_code
                for _ in range(3)
            ]
        kept = list(store.scan_iter(match=f"*{marker}*"))
    finally:
        for key in store.scan_iter(match=f"*{marker}*"):
            store.delete(key)
        store.close()
    assert codes == [200, 200, 429]
    assert kept, "the account's count is stored in Redis"


# A fresh session at sign-in ----------------------------------------------------------------


def test_signing_in_starts_a_fresh_session(client, make_user):
    make_user("moderator", email="m@example.org")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
        session["locale"] = "ar"
    before = client.get_cookie("session").value
    sign_in(client)
    after = client.get_cookie("session").value
    assert after != before
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["locale"] == "ar"  # the language chosen on the login page stays


# Ending sessions for real ------------------------------------------------------------------


def copy_of(client, *names):
    """A second browser with copies of `client`'s cookies."""
    thief = client.application.test_client()
    for name in names:
        thief.set_cookie(name, client.get_cookie(name).value)
    return thief


def test_a_session_cookie_copied_before_logout_no_longer_works(client, make_user):
    make_user("moderator", email="m@example.org")
    sign_in(client)
    thief = copy_of(client, "session")
    assert thief.get("/me").status_code == 200
    client.post("/logout")
    response = thief.get("/me")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_remember_me_cookie_copied_before_logout_no_longer_works(client, make_user):
    make_user("moderator", email="m@example.org")
    sign_in(client, remember="y")
    thief = copy_of(client, "remember_token")
    assert thief.get("/me").status_code == 200  # the cookie alone signs in, while it is valid
    client.post("/logout")
    fresh = client.application.test_client()
    fresh.set_cookie("remember_token", thief.get_cookie("remember_token").value)
    assert fresh.get("/me").status_code == 302


def test_logout_deletes_the_remember_me_cookie(client, make_user):
    make_user("moderator", email="m@example.org")
    sign_in(client, remember="y")
    client.post("/logout")
    assert client.get_cookie("remember_token") is None
    assert client.get("/me").status_code == 302


def test_blocking_ends_the_sessions_even_after_unblocking(client, make_user):
    user = make_user("moderator", email="m@example.org")
    sign_in(client)
    set_active(user, False)
    set_active(user, True)
    assert client.get("/me").status_code == 302
    assert sign_in(client.application.test_client()).status_code == 302  # may sign in anew


def test_a_session_of_a_user_signed_out_elsewhere_says_so(client, make_user):
    make_user("moderator", email="m@example.org")
    sign_in(client)
    copy_of(client, "session").post("/logout")
    response = client.get("/me", follow_redirects=True)
    assert "Sie sind abgemeldet. Bitte melden Sie sich erneut an." in response.text


# Timeouts ----------------------------------------------------------------------------------


def age_session(client, idle_minutes=0, signed_in_hours=0):
    with client.session_transaction() as session:
        session["_seen_at"] -= idle_minutes * 60
        user_id, version, signed_in_at = session["_user_id"].split(":")
        old = int(signed_in_at) - signed_in_hours * 3600
        session["_user_id"] = f"{user_id}:{version}:{old}"


def test_an_idle_session_ends_with_a_request_to_sign_in_again(client, make_user):
    make_user("moderator", email="m@example.org")
    sign_in(client)
    age_session(client, idle_minutes=59)
    assert client.get("/me").status_code == 200  # and the clock starts again
    age_session(client, idle_minutes=61)
    response = client.get("/me")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert response.headers["Location"] in ("/login?next=/me", "/login?next=%2Fme")
    login_page = client.get(response.headers["Location"]).text
    assert "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an." in login_page


def test_the_idle_time_is_a_setting(app, client, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 5)
    make_user("moderator", email="m@example.org")
    sign_in(client)
    age_session(client, idle_minutes=6)
    assert client.get("/me").status_code == 302


def test_a_session_ends_after_its_lifetime_however_busy(client, make_user):
    make_user("moderator", email="m@example.org")
    sign_in(client, remember="y")
    age_session(client, signed_in_hours=11)
    assert client.get("/me").status_code == 200
    age_session(client, signed_in_hours=2)
    assert client.get("/me").status_code == 302
    assert client.get_cookie("remember_token") is None


def test_remember_me_outlasts_a_pause_but_not_the_lifetime(app, client, make_user, monkeypatch):
    user = make_user("moderator", email="m@example.org")
    sign_in(client, remember="y")
    age_session(client, idle_minutes=120)
    assert client.get("/me").status_code == 200
    monkeypatch.setitem(app.config, "SESSION_MAX_HOURS", 1)
    stale = f"{user.id}:{user.session_version}:{int(time.time()) - 2 * 3600}"
    assert load_user(stale) is None  # a remember-me cookie carries its sign-in time too
    age_session(client, signed_in_hours=2)
    assert client.get("/me").status_code == 302


def test_a_public_page_stays_open_when_the_session_expires(client, make_user):
    make_user("moderator", email="m@example.org")
    sign_in(client)
    age_session(client, idle_minutes=61)
    response = client.get("/info-sessions")
    assert response.status_code == 200
    assert "Ihre Sitzung ist abgelaufen." in response.text


# Cookie flags ------------------------------------------------------------------------------


def test_session_and_remember_me_cookies_are_secure_httponly_and_lax(database_url, make_user):
    make_user("moderator", email="m@example.org")
    production = {
        "SECRET_KEY": "only-for-this-test",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "MAIL_SERVER": None,
    }
    with app_with(database_url, base=Config, **production) as app:
        response = sign_in(app.test_client(), remember="y")
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    assert set(cookies) >= {"session", "remember_token"}
    for cookie in (cookies["session"], cookies["remember_token"]):
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
