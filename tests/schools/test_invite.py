"""The school's detail page: its accounts and the invitation of a contact person."""

import re

from sqlalchemy import select

from moderators.auth.models import Invitation, User
from moderators.extensions import db, mail


def pending(user: User) -> User:
    """The account as it is after an invitation and before its password is set."""
    user.password_hash = None
    db.session.commit()
    return user


def test_detail_page_shows_facts_and_accounts_with_their_state(
    client, coordinator, make_school, make_user
):
    school = make_school("Gymnasium Ohmoor", type="gymnasium", contact_email="info@ohmoor.example")
    make_user("school", email="leitung@ohmoor.example", school=school)
    pending(make_user("school", email="neu@ohmoor.example", school=school))
    text = client.get(f"/schools/{school.id}").text
    assert "Gymnasium Ohmoor" in text
    assert "<bdi>leitung@ohmoor.example</bdi>" in text
    assert "<bdi>neu@ohmoor.example</bdi>" in text
    assert 'status--trainee">eingeladen</span>' in text
    assert 'value="info@ohmoor.example"' in text  # the invitation form suggests the contact


def test_invitation_creates_a_school_account_and_shows_the_link(client, coordinator, make_school):
    school = make_school("Gymnasium Ohmoor")
    with mail.record_messages() as outbox:
        response = client.post(
            f"/schools/{school.id}/invite",
            data={"email": "Kontakt@Ohmoor.example"},
            follow_redirects=True,
        )
    text = response.text.replace("<wbr>", "")  # break points that let the link wrap on phones
    assert "Die Einladung an <bdi>kontakt@ohmoor.example</bdi> ist verschickt." in text
    link = re.search(r"http://localhost/invitations/[\w-]+", text)
    assert link is not None
    user = db.session.scalars(select(User).filter_by(email="kontakt@ohmoor.example")).one()
    assert user.role == "school"
    assert user.school_id == school.id
    assert user.password_hash is None
    assert db.session.scalars(select(Invitation).filter_by(user_id=user.id)).one()
    assert [message.recipients for message in outbox] == [["kontakt@ohmoor.example"]]
    assert link.group(0) in outbox[0].body
    assert client.get(link.group(0)).status_code == 200  # the link opens the set-password page


def test_invitation_to_an_account_that_is_already_set_up_is_refused(
    client, coordinator, make_school, make_user
):
    school = make_school()
    make_user("school", email="leitung@schule.example", school=school)
    response = client.post(f"/schools/{school.id}/invite", data={"email": "leitung@schule.example"})
    assert response.status_code == 200
    assert "Dieses Konto ist schon eingerichtet." in response.text
    assert 'id="email-error"' in response.text


def test_email_of_another_schools_account_is_refused(client, coordinator, make_school, make_user):
    ours, theirs = make_school(), make_school()
    pending(make_user("school", email="person@example.org", school=theirs))
    response = client.post(f"/schools/{ours.id}/invite", data={"email": "person@example.org"})
    assert "zum Zugang einer anderen Schule" in response.text
    db.session.expire_all()
    assert db.session.scalars(
        select(User).filter_by(email="person@example.org")
    ).one().school_id == (theirs.id)


def test_deactivated_school_cannot_invite(client, coordinator, make_school):
    school = make_school(active=False)
    response = client.post(f"/schools/{school.id}/invite", data={"email": "a@example.org"})
    assert "Diese Schule ist deaktiviert." in response.text
    assert db.session.scalars(select(User).filter_by(email="a@example.org")).first() is None


def test_invalid_email_is_marked_next_to_the_field(client, coordinator, make_school):
    school = make_school()
    response = client.post(f"/schools/{school.id}/invite", data={"email": "nicht gültig"})
    assert response.status_code == 200
    assert 'id="email-error"' in response.text
    assert db.session.scalars(select(User).filter_by(role="school")).first() is None
