"""Invitation links: single use, expiring, they set the password and link the account."""

from datetime import timedelta

from moderators.auth.models import Invitation
from moderators.auth.services import invite
from moderators.common.models import utcnow
from moderators.extensions import db, mail

NEW_PASSWORD = "ein langer satz als passwort"


def send_invitation(app, moderator, email="neu@example.org"):
    with app.test_request_context(), mail.record_messages() as outbox:
        invitation, token = invite(email, "moderator", moderator=moderator)
    return invitation, token, outbox


def test_invitation_mail_carries_a_link_that_sets_the_password(app, client, make_moderator):
    moderator = make_moderator()
    invitation, token, outbox = send_invitation(app, moderator)
    assert outbox[0].recipients == ["neu@example.org"]
    assert f"/invitations/{token}" in outbox[0].body
    response = client.post(
        f"/invitations/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert invitation.user.check_password(NEW_PASSWORD)
    assert invitation.user.moderator == moderator
    assert client.get("/me").status_code == 200  # signed in at once


def test_the_link_works_only_once(app, client, make_moderator):
    _, token, _ = send_invitation(app, make_moderator())
    data = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    client.post(f"/invitations/{token}", data=data)
    assert client.get(f"/invitations/{token}").status_code == 410


def test_an_expired_link_is_refused(app, client, make_moderator):
    invitation, token, _ = send_invitation(app, make_moderator())
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = client.get(f"/invitations/{token}")
    assert response.status_code == 410
    assert "abgelaufen" in response.text


def test_a_new_invitation_replaces_the_earlier_link(app, client, make_moderator):
    moderator = make_moderator()
    _, first, _ = send_invitation(app, moderator)
    _, second, _ = send_invitation(app, moderator)
    assert client.get(f"/invitations/{first}").status_code == 410
    assert client.get(f"/invitations/{second}").status_code == 200


def test_short_or_mismatched_passwords_are_refused_next_to_the_field(app, client, make_moderator):
    invitation, token, _ = send_invitation(app, make_moderator())
    short = client.post(f"/invitations/{token}", data={"password": "kurz", "confirm": "kurz"})
    assert short.status_code == 200 and 'id="password-error"' in short.text
    mismatch = client.post(
        f"/invitations/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"}
    )
    assert "Die beiden Passwörter stimmen nicht überein." in mismatch.text
    db.session.refresh(invitation)
    assert invitation.used_at is None and invitation.user.password_hash is None


def test_only_the_digest_of_the_token_is_stored(app, make_moderator):
    invitation, token, _ = send_invitation(app, make_moderator())
    assert token not in invitation.token_hash
    assert db.session.scalar(db.select(Invitation).filter_by(token_hash=token)) is None
