"""Two-factor sign-in for coordinators: setting it up, signing in with a code, turning it off."""

from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from moderators import create_app
from moderators.auth import services, two_factor
from moderators.auth.two_factor import PENDING_KEY, TwoFactorError
from moderators.common.audit import AuditLog
from moderators.common.models import utcnow
from moderators.config import TestConfig
from moderators.extensions import db
from tests.conftest import PASSWORD

EMAIL = "koordination@example.org"


@pytest.fixture
def secured(make_user):
    """A coordinator who has two-factor sign-in on."""
    return make_user(
        "coordinator", email=EMAIL, totp_secret=pyotp.random_base32(), totp_enabled_at=utcnow()
    )


def code_for(user, offset_seconds=0):
    return pyotp.TOTP(user.totp_secret).at(utcnow() + timedelta(seconds=offset_seconds))


def sign_in_with_password(client, url="/login", remember=False):
    data = {"email": EMAIL, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    return client.post(url, data=data)


def actions(user):
    return db.session.scalars(
        select(AuditLog.action)
        .where(AuditLog.object_type == "User", AuditLog.object_id == user.id)
        .order_by(AuditLog.id)
    ).all()


def other_app(database_url, **settings):
    return create_app(
        type("Settings", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": database_url, **settings})
    )


# Setting it up --------------------------------------------------------------------------------


def test_setup_page_shows_a_qr_code_and_the_key_to_type_in(client, login_as):
    user = login_as("coordinator", email=EMAIL)
    page = client.get("/account/two-factor").text
    db.session.refresh(user)
    assert "<svg" in page and "<title>QR-Code für Ihre Authenticator-App</title>" in page
    assert user.totp_secret[:4] + " " + user.totp_secret[4:8] in page
    assert "otpauth://totp/Elternmoderation%20Hamburg:koordination%40example.org?secret=" in page
    assert "<script" not in page
    assert client.get("/account/two-factor").text.count(user.totp_secret[:8]) >= 1
    secret = user.totp_secret
    client.get("/account/two-factor")
    db.session.refresh(user)
    assert user.totp_secret == secret  # a reload does not spoil a QR code already scanned


def test_a_wrong_first_code_does_not_turn_it_on_and_the_right_one_does(client, login_as):
    user = login_as("coordinator", email=EMAIL)
    client.get("/account/two-factor")
    db.session.refresh(user)
    wrong = "000000" if code_for(user) != "000000" else "111111"
    response = client.post("/account/two-factor", data={"code": wrong})
    assert response.status_code == 200
    assert "Der Code stimmt nicht." in response.text and 'aria-invalid="true"' in response.text
    db.session.refresh(user)
    assert user.totp_enabled_at is None

    code = code_for(user)
    response = client.post("/account/two-factor", data={"code": f"{code[:3]} {code[3:]}"})
    assert response.headers["Location"] == "/account#two-factor"
    db.session.refresh(user)
    assert user.totp_enabled_at is not None
    assert "user.two_factor_enabled" in actions(user)
    assert "Eingeschaltet" in client.get("/account").text


def test_non_coordinators_cannot_open_the_setup_page(client, login_as):
    assert client.get("/account/two-factor").status_code == 302  # anonymous: sign in first
    login_as("moderator")
    assert client.get("/account/two-factor").status_code == 403
    login_as("school")
    assert client.get("/account/two-factor").status_code == 403
    assert "Zwei-Faktor-Anmeldung" not in client.get("/account").text


def test_a_code_counts_only_inside_the_window_around_now(secured):
    totp = pyotp.TOTP(secured.totp_secret)
    then = utcnow() - timedelta(minutes=10)
    with pytest.raises(TwoFactorError):
        two_factor.verify_code(secured, totp.at(then))
    two_factor.verify_code(secured, totp.at(then), now=then + timedelta(seconds=30))


# Signing in -----------------------------------------------------------------------------------


def test_the_password_alone_does_not_sign_in(client, secured):
    response = sign_in_with_password(client)
    assert response.headers["Location"] == "/login/code"
    assert client.get("/moderators").headers["Location"].startswith("/login")
    db.session.refresh(secured)
    assert secured.last_login_at is None and "user.login" not in actions(secured)


def test_the_right_code_signs_in_and_remembers_if_asked(client, secured):
    sign_in_with_password(client, remember=True)
    assert "Code eingeben" in client.get("/login/code").text
    response = client.post("/login/code", data={"code": code_for(secured)})
    assert response.headers["Location"] == "/"
    assert client.get("/moderators").status_code == 200
    assert client.get_cookie("remember_token") is not None
    db.session.refresh(secured)
    assert secured.last_login_at is not None
    assert actions(secured)[-2:] == ["user.two_factor_code_accepted", "user.login"]


def test_without_two_factor_the_password_signs_in_at_once(client, make_user):
    user = make_user("coordinator", email=EMAIL)
    assert sign_in_with_password(client).headers["Location"] == "/"
    db.session.refresh(user)
    assert user.last_login_at is not None


def test_a_wrong_code_is_shown_next_to_the_field(client, secured):
    sign_in_with_password(client)
    wrong = "123456" if code_for(secured) != "123456" else "654321"
    response = client.post("/login/code", data={"code": wrong})
    assert response.status_code == 200
    assert 'id="code-error">Der Code stimmt nicht.' in response.text
    response = client.post("/login/code", data={"code": "12ab"})
    assert "Bitte geben Sie die 6 Ziffern des Codes ein." in response.text
    assert client.get("/moderators").status_code == 302


def test_the_page_asked_for_is_reached_after_the_code(client, secured):
    response = sign_in_with_password(client, url="/login?next=/schools")
    assert response.headers["Location"] == "/login/code?next=/schools"
    response = client.post("/login/code?next=/schools", data={"code": code_for(secured)})
    assert response.headers["Location"] == "/schools"


def test_a_code_cannot_be_used_twice(client, secured):
    code = code_for(secured)
    sign_in_with_password(client)
    assert client.post("/login/code", data={"code": code}).status_code == 302
    client.post("/logout")
    sign_in_with_password(client)
    response = client.post("/login/code", data={"code": code})
    assert "Dieser Code wurde schon benutzt." in response.text
    assert client.get("/moderators").status_code == 302


def test_the_code_step_expires_after_five_minutes(client, secured):
    sign_in_with_password(client)
    with client.session_transaction() as session:
        session[PENDING_KEY] = session[PENDING_KEY] | {
            "started": session[PENDING_KEY]["started"] - 5 * 60 - 1
        }
    response = client.post("/login/code", data={"code": code_for(secured)})
    assert response.headers["Location"] == "/login"
    assert "Die Anmeldung ist abgelaufen." in client.get("/login").text
    assert client.get("/moderators").status_code == 302


def test_pending_sign_in_is_valid_for_five_minutes(app, secured):
    start = utcnow()
    with app.test_request_context("/login", method="POST"):
        two_factor.begin(secured, remember=False, now=start)
        assert two_factor.pending_user(now=start + timedelta(minutes=5)) == secured
        assert two_factor.pending_user(now=start + timedelta(minutes=5, seconds=1)) is None
        assert two_factor.pending_user(now=start) is None  # expired state is gone for good


def test_the_code_page_without_a_password_first_leads_to_the_login(client):
    assert client.get("/login/code").headers["Location"] == "/login"


def test_a_password_reset_link_does_not_skip_the_second_factor(app, client, secured):
    with app.test_request_context():
        token = services.send_password_reset(EMAIL)
    new_password = "a brand new passphrase"
    response = client.post(
        f"/password/reset/{token}", data={"password": new_password, "confirm": new_password}
    )
    assert response.headers["Location"] == "/login/code"
    assert client.get("/moderators").status_code == 302
    client.post("/login/code", data={"code": code_for(secured)})
    assert client.get("/moderators").status_code == 200


def test_code_attempts_are_rate_limited_per_person(database_url, secured):
    limited = other_app(database_url, RATELIMIT_ENABLED=True, TWO_FACTOR_RATE_LIMIT="3/minute")
    client = limited.test_client()
    client.post("/login", data={"email": EMAIL, "password": PASSWORD})
    wrong = "000000" if code_for(secured) != "000000" else "111111"
    codes = [client.post("/login/code", data={"code": wrong}).status_code for _ in range(4)]
    with limited.app_context():
        db.engine.dispose()
    assert codes == [200, 200, 200, 429]


# Turning it off -------------------------------------------------------------------------------


def test_turning_it_off_needs_the_password_and_a_code(client, login_as, secured):
    login_as(user=secured)
    page = client.get("/account/two-factor").text
    assert "Ausschalten" in page and "<svg" not in page
    response = client.post(
        "/account/two-factor/disable", data={"password": "wrong", "code": code_for(secured)}
    )
    assert "Das Passwort stimmt nicht." in response.text
    wrong = "000000" if code_for(secured) != "000000" else "111111"
    response = client.post(
        "/account/two-factor/disable", data={"password": PASSWORD, "code": wrong}
    )
    assert "Der Code stimmt nicht." in response.text
    db.session.refresh(secured)
    assert secured.totp_enabled_at is not None

    response = client.post(
        "/account/two-factor/disable", data={"password": PASSWORD, "code": code_for(secured)}
    )
    assert response.headers["Location"] == "/account#two-factor"
    db.session.refresh(secured)
    assert secured.totp_enabled_at is None and secured.totp_secret is None
    assert "user.two_factor_disabled" in actions(secured)
    client.post("/logout")
    assert sign_in_with_password(client).headers["Location"] == "/"


# The setting that makes it compulsory ----------------------------------------------------------


@pytest.fixture
def strict(database_url):
    """The app with TWO_FACTOR_REQUIRED_FOR_COORDINATORS on."""
    strict = other_app(database_url, TWO_FACTOR_REQUIRED_FOR_COORDINATORS=True)
    yield strict
    with strict.app_context():
        db.engine.dispose()


def signed_in_client(app, user):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
    return client


def test_compulsory_setting_sends_a_coordinator_to_the_setup_page_first(strict, make_user):
    make_user("coordinator", email=EMAIL)
    client = strict.test_client()
    assert client.post("/login", data={"email": EMAIL, "password": PASSWORD}).status_code == 302
    for blocked in ("/", "/moderators", "/account", "/sessions/new"):
        assert client.get(blocked).headers["Location"] == "/account/two-factor", blocked
    assert client.post("/account/calendar").headers["Location"] == "/account/two-factor"
    page = client.get("/account/two-factor")
    assert page.status_code == 200 and "vorgeschrieben" in page.text
    with client.get("/static/css/app.css") as stylesheet:
        assert stylesheet.status_code == 200
    client.post("/language", data={"locale": "en", "next": "/account/two-factor"})
    assert client.post("/logout").headers["Location"] == "/login"


def test_compulsory_setting_lets_others_and_those_set_up_through(strict, make_user, secured):
    assert signed_in_client(strict, make_user("moderator")).get("/me").status_code == 200
    client = signed_in_client(strict, secured)
    assert client.get("/moderators").status_code == 200
    page = client.get("/account/two-factor").text
    assert "lässt sich nicht ausschalten" in page and "Aktuelles Passwort" not in page
    response = client.post(
        "/account/two-factor/disable", data={"password": PASSWORD, "code": code_for(secured)}
    )
    assert "vorgeschrieben" in response.text
    db.session.refresh(secured)
    assert secured.totp_enabled_at is not None


def test_compulsory_setting_is_met_once_set_up(strict, make_user):
    user = make_user("coordinator", email=EMAIL)
    client = signed_in_client(strict, user)
    client.get("/account/two-factor")
    db.session.refresh(user)
    client.post("/account/two-factor", data={"code": code_for(user)})
    assert client.get("/moderators").status_code == 200
