"""Forgotten password: a short-lived single-use link, and no hint whether an address exists."""

from moderators.auth.services import send_password_reset
from moderators.common.audit import AuditLog
from moderators.extensions import db, mail

NEW_PASSWORD = "noch ein langer satz als passwort"


def test_reset_link_sets_a_new_password(app, client, make_user):
    user = make_user("moderator", email="m@example.org")
    with app.test_request_context(), mail.record_messages() as outbox:
        token = send_password_reset("M@example.org")
    assert f"/password/reset/{token}" in outbox[0].body
    response = client.post(
        f"/password/reset/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD)
    assert client.get(f"/password/reset/{token}").status_code == 410


def test_the_answer_is_the_same_for_known_and_unknown_addresses(client, make_user):
    make_user("coordinator", email="k@example.org")
    with mail.record_messages() as outbox:
        known = client.post("/password/forgot", data={"email": "k@example.org"})
        unknown = client.post("/password/forgot", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert [m.recipients for m in outbox] == [["k@example.org"]]


def test_an_invitation_token_does_not_work_as_a_reset_link(app, client, make_moderator):
    from moderators.auth.services import invite

    with app.test_request_context():
        _, token = invite("neu@example.org", "moderator", moderator=make_moderator())
    assert client.get(f"/password/reset/{token}").status_code == 410


def test_reset_request_is_audited(app, make_user):
    user = make_user("coordinator", email="k@example.org")
    with app.test_request_context():
        send_password_reset("k@example.org")
    rows = db.session.scalars(db.select(AuditLog).filter_by(object_id=user.id)).all()
    assert "user.password_reset_requested" in [row.action for row in rows]


def test_the_mail_is_written_in_the_recipients_language(app, make_user):
    make_user("moderator", email="m@example.org", locale="en")
    with app.test_request_context(), mail.record_messages() as outbox:
        send_password_reset("m@example.org")
    assert outbox[0].subject == "New password for Parent Moderators Hamburg"
    assert "Kind regards" in outbox[0].body
