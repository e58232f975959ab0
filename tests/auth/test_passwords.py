"""The password rule, and changing the password or the e-mail address on the account page."""

import unicodedata

import pytest

from moderators.auth.passwords import common_passwords, password_problem
from moderators.auth.services import AccountError, create_user, invite, send_password_reset
from moderators.common.audit import AuditLog
from moderators.extensions import db, mail
from tests.conftest import PASSWORD

NEW_PASSWORD = "ein ganz neuer langer satz"
COMMON = "unbelievable"  # 12 characters, and on the list of the 10,000 most common


def actions(user) -> list[str]:
    rows = db.session.scalars(db.select(AuditLog).filter_by(object_id=user.id)).all()
    return [row.action for row in rows]


# The rule ----------------------------------------------------------------------------------


def test_the_shipped_list_holds_the_ten_thousand_most_common_passwords():
    passwords = common_passwords()
    assert len(passwords) == 10_000
    assert {"password", "123456", "qwerty", COMMON} <= passwords


@pytest.mark.parametrize(
    "password",
    [
        "x" * 12,  # no rules about digits, capitals or signs
        "a" * 128,
        "ein langer satz",
        "كلمة سر طويلة جدا",  # any script: Arabic
        "我的密码是一句很长的话。",  # 11 Chinese characters and a full stop: 12
        "ευτυχισμένος!",
    ],
)
def test_twelve_to_128_characters_of_any_script_are_accepted(password):
    assert password_problem(password) is None


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("x" * 11, "mindestens 12 Zeichen"),
        ("a" * 129, "höchstens 128 Zeichen"),
        ("", "mindestens 12 Zeichen"),
        (COMMON, "gehört zu den häufigsten"),
        ("UnBelievable", "gehört zu den häufigsten"),  # case does not help
        ("ｕｎｂｅｌｉｅｖａｂｌｅ", "gehört zu den häufigsten"),  # nor full-width letters (NFKC)
    ],
)
def test_short_long_and_common_passwords_are_refused(password, message):
    assert message in str(password_problem(password))


def test_length_is_counted_in_characters_after_normalisation():
    # "ﬁ" is one character, and two ("fi") after NFKC; "é" typed as e + accent is one.
    assert password_problem("ﬁ" * 6) is None
    assert password_problem(unicodedata.normalize("NFD", "é" * 11)) is not None


def test_the_same_password_typed_in_another_unicode_form_signs_in(client, make_user):
    user = make_user("coordinator", email="k@example.org")
    user.set_password(unicodedata.normalize("NFD", "Grüße aus Hamburg-Altona"))
    db.session.commit()
    response = client.post(
        "/login",
        data={
            "email": "k@example.org",
            "password": unicodedata.normalize("NFC", "Grüße aus Hamburg-Altona"),
        },
    )
    assert response.status_code == 302


def test_an_account_made_with_a_common_password_is_refused():
    with pytest.raises(AccountError):
        create_user("neu@example.org", "coordinator", password=COMMON)


# Where passwords are set -------------------------------------------------------------------


def test_invitation_refuses_a_common_password_next_to_the_field(app, client, make_moderator):
    with app.test_request_context():
        invitation, token = invite("neu@example.org", "moderator", moderator=make_moderator())
    response = client.post(f"/invitations/{token}", data={"password": COMMON, "confirm": COMMON})
    assert response.status_code == 200
    assert 'id="password-error"' in response.text and "häufigsten" in response.text
    db.session.refresh(invitation)
    assert invitation.used_at is None and invitation.user.password_hash is None


def test_password_reset_refuses_a_common_password(app, client, make_user):
    user = make_user("moderator", email="m@example.org")
    with app.test_request_context():
        token = send_password_reset("m@example.org")
    response = client.post(f"/password/reset/{token}", data={"password": COMMON, "confirm": COMMON})
    assert 'id="password-error"' in response.text
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_a_password_reset_ends_the_sessions_elsewhere(app, client, make_user):
    user = make_user("moderator", email="m@example.org")
    other = app.test_client()
    other.post("/login", data={"email": "m@example.org", "password": PASSWORD})
    with app.test_request_context():
        token = send_password_reset("m@example.org")
    client.post(
        f"/password/reset/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert client.get("/me").status_code == 200  # the one who reset it is signed in
    assert other.get("/me").status_code == 302
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD)


# Changing the password ---------------------------------------------------------------------


def change_password(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post(
        "/account/password",
        data={"current_password": current, "password": new, "confirm": confirm or new},
    )


def test_the_account_page_leads_to_both_changes(client, login_as):
    login_as("school")
    page = client.get("/account").text
    assert 'href="/account/password"' in page and 'href="/account/email"' in page
    form = client.get("/account/password").text
    assert 'name="current_password"' in form and 'autocomplete="new-password"' in form


def test_password_change_needs_the_current_password(client, login_as):
    user = login_as("moderator")
    with mail.record_messages() as outbox:
        response = change_password(client, current="falsch falsch falsch")
    assert response.status_code == 200
    assert 'id="current_password-error"' in response.text
    assert "Das aktuelle Passwort stimmt nicht." in response.text
    db.session.refresh(user)
    assert user.check_password(PASSWORD) and outbox == []
    assert "user.password_changed" not in actions(user)


def test_password_change_applies_the_rule_and_the_repetition(client, login_as):
    user = login_as("moderator")
    common = change_password(client, new=COMMON)
    assert 'id="password-error"' in common.text and "häufigsten" in common.text
    mismatch = change_password(client, confirm=NEW_PASSWORD + "!")
    assert "Die beiden Passwörter stimmen nicht überein." in mismatch.text
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_password_change_mails_a_notice_in_the_users_language(client, login_as):
    user = login_as("moderator", email="m@example.org", locale="en")
    with mail.record_messages() as outbox:
        response = change_password(client)
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)
    assert [m.recipients for m in outbox] == [["m@example.org"]]
    assert "/password/forgot" in outbox[0].body  # what to do if it was not them
    assert "Kind regards" in outbox[0].body
    assert "user.password_changed" in actions(user)


def test_password_change_keeps_this_browser_signed_in_and_ends_the_others(app, make_user):
    user = make_user("moderator", email="m@example.org")
    here, elsewhere = app.test_client(), app.test_client()
    for browser in (here, elsewhere):
        browser.post("/login", data={"email": "m@example.org", "password": PASSWORD})
        assert browser.get("/me").status_code == 200
    change_password(here)
    assert here.get("/me").status_code == 200
    assert elsewhere.get("/me").status_code == 302
    db.session.refresh(user)
    assert user.session_version == 1


# Changing the e-mail address ---------------------------------------------------------------


def change_email(client, email="neu@example.org", current=PASSWORD):
    return client.post("/account/email", data={"email": email, "current_password": current})


def test_email_change_needs_the_current_password(client, login_as):
    user = login_as("moderator", email="alt@example.org")
    with mail.record_messages() as outbox:
        response = change_email(client, current="falsch falsch falsch")
    assert 'id="current_password-error"' in response.text
    db.session.refresh(user)
    assert user.email == "alt@example.org" and outbox == []


def test_email_change_tells_the_old_address(client, login_as):
    user = login_as("moderator", email="alt@example.org", locale="en")
    with mail.record_messages() as outbox:
        response = change_email(client, email=" Neu@Example.org ")
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.email == "neu@example.org"
    assert [m.recipients for m in outbox] == [["alt@example.org"]]
    assert "neu@example.org" in outbox[0].body and "Kind regards" in outbox[0].body
    assert "user.email_changed" in actions(user)
    assert client.get("/account").status_code == 200  # still signed in


def test_email_change_refuses_an_address_of_another_account(client, login_as, make_user):
    make_user("school", email="schule@example.org")
    user = login_as("moderator", email="alt@example.org")
    response = change_email(client, email="schule@example.org")
    assert 'id="email-error"' in response.text
    assert "Es gibt schon ein Konto mit dieser E-Mail-Adresse." in response.text
    db.session.refresh(user)
    assert user.email == "alt@example.org"


def test_signing_in_works_with_the_new_address_only(app, client, login_as):
    login_as("coordinator", email="alt@example.org")
    change_email(client)
    fresh = app.test_client()
    old = fresh.post("/login", data={"email": "alt@example.org", "password": PASSWORD})
    assert old.status_code == 200
    new = fresh.post("/login", data={"email": "neu@example.org", "password": PASSWORD})
    assert new.status_code == 302
