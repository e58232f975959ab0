"""The signed-in user is read as one plain row per request; the account page still shows the
account's relations, and nothing can be written to the row by mistake."""

import dataclasses
from datetime import datetime, timedelta

import pytest
from flask import g
from flask_login import current_user

from moderators.auth.services import issue_api_token, set_active
from moderators.auth.sessions import load_user
from moderators.auth.signed_in import user_for_api_token
from moderators.common.audit import record
from moderators.common.models import utcnow
from moderators.extensions import db


def test_the_row_carries_what_every_request_needs(make_user, make_school):
    school = make_school(name="Stadtteilschule Wilhelmsburg")
    user = make_user("school", school=school, locale="tr")
    row = load_user(user.session_id())
    assert (row.id, row.email, row.role, row.locale) == (user.id, user.email, "school", "tr")
    assert (row.school_id, row.moderator_id, row.is_active) == (school.id, None, True)
    assert row.two_factor_on is False
    assert row == user  # the same account, as Flask-Login compares users


def test_two_factor_shows_in_the_row_once_confirmed(make_user):
    user = make_user("coordinator", totp_secret="JBSWY3DPEHPK3PXP")
    assert load_user(user.session_id()).two_factor_on is False  # set up, not yet confirmed
    user.totp_enabled_at = utcnow() - timedelta(days=1)
    db.session.commit()
    assert load_user(user.session_id()).two_factor_on is True


def test_an_account_without_password_is_not_signed_in(make_user):
    user = make_user("moderator")
    user.password_hash = None  # invited, not yet accepted
    db.session.commit()
    assert load_user(user.session_id()) is None


def test_an_api_token_finds_its_user_as_a_row_while_the_account_is_active(make_user):
    user = make_user("school")
    token = issue_api_token(user)
    row = user_for_api_token(token)
    assert (row.id, row.role, row.school_id) == (user.id, "school", user.school_id)
    assert user_for_api_token(token + "x") is None
    set_active(user, False)
    assert user_for_api_token(token) is None


def test_the_row_cannot_be_changed_by_mistake(make_user):
    row = load_user(make_user("moderator").session_id())
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.locale = "ar"


def test_the_account_page_names_the_moderators_profile(client, login_as, make_moderator):
    login_as("moderator", moderator=make_moderator("Ayla", "Yıldız"))
    page = client.get("/account").text
    assert "Ayla Yıldız" in page
    assert "Elternmoderator*in" in page


def test_the_account_page_names_the_contacts_school(client, login_as, make_school):
    login_as("school", school=make_school(name="Gymnasium Altona"))
    page = client.get("/account").text
    assert "Gymnasium Altona" in page
    assert 'href="/school"' in page


def test_a_new_language_on_the_account_page_is_kept(client, login_as):
    user = login_as("coordinator")
    response = client.post("/account", data={"locale": "en"})
    assert response.status_code == 302
    assert db.session.get(type(user), user.id).locale == "en"
    assert '<html lang="en"' in client.get("/account").text


def test_the_two_factor_page_gives_the_date_it_was_turned_on(client, login_as):
    login_as(
        "coordinator",
        totp_secret="JBSWY3DPEHPK3PXP",
        totp_enabled_at=datetime(2026, 3, 2, 9, 0, tzinfo=utcnow().tzinfo),
    )
    assert "seit 02.03.2026" in client.get("/account/two-factor").text


def test_the_audit_names_the_account_when_handed_the_signed_in_user(app, make_user):
    user = make_user("coordinator")
    with app.test_request_context():
        g._login_user = load_user(user.session_id())  # as Flask-Login keeps it for a request
        for given in (current_user, g._login_user):
            entry = record("user.test", given)
            assert (entry.object_type, entry.object_id) == ("User", user.id)
