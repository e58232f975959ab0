"""The accept and decline links in an offer mail: signed, expiring, good for one answer."""

from datetime import timedelta

from moderators.extensions import db
from moderators.scheduling import services
from tests.conftest import next_weekday_at


def test_opening_the_accept_link_only_shows_the_offer(client, offer, make_moderator, link_path):
    assignment = offer(make_moderator("Ayşe", "Yılmaz"), venue_name="Elternschule Lurup")
    response = client.get(link_path(assignment, "accept"))
    assert response.status_code == 200
    assert "Veranstaltung zusagen?" in response.text
    assert "Elternschule Lurup" in response.text and "Ayşe Yılmaz" in response.text
    assert "Ja, ich sage zu" in response.text
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    db.session.refresh(assignment)
    assert assignment.status == "offered"


def test_confirming_the_accept_link_books_the_session_without_signing_in(
    client, offer, make_moderator, link_path
):
    assignment = offer(make_moderator())
    response = client.post(link_path(assignment, "accept"))
    assert response.status_code == 200
    assert "Vielen Dank für Ihre Zusage" in response.text
    db.session.refresh(assignment)
    assert assignment.status == "accepted"


def test_reusing_the_link_after_answering_says_already_answered(
    client, offer, make_moderator, link_path
):
    assignment = offer(make_moderator())
    path = link_path(assignment, "accept")
    client.post(path)
    again = client.get(path)
    assert again.status_code == 410
    assert "Sie haben diese Veranstaltung bereits zugesagt." in again.text
    assert "Ja, ich sage zu" not in again.text
    assert client.post(path).status_code == 410


def test_decline_link_asks_for_an_optional_reason_and_declines_on_confirm(
    client, offer, make_moderator, link_path
):
    assignment = offer(make_moderator())
    path = link_path(assignment, "decline")
    page = client.get(path)
    assert page.status_code == 200 and "Grund (freiwillig)" in page.text
    db.session.refresh(assignment)
    assert assignment.status == "offered"
    done = client.post(path, data={"reason": "Ich bin krank."})
    assert done.status_code == 200 and "Ihre Ablehnung ist eingetragen" in done.text
    db.session.refresh(assignment)
    assert assignment.status == "declined" and assignment.decline_reason == "Ich bin krank."
    assert "bereits abgelehnt" in client.get(path).text


def test_link_to_an_offer_withdrawn_after_another_accepted_says_so(
    client, offer, make_moderator, make_session, link_path
):
    session = make_session()
    first = offer(make_moderator(), session=session)
    second = offer(make_moderator(), session=session)
    services.accept(first)
    path = link_path(second, "accept")
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 410
        assert "Dieses Angebot wurde zurückgezogen" in response.text
    db.session.refresh(second)
    assert second.status == "withdrawn"


def test_accept_link_with_an_overlapping_booking_shows_the_conflict(
    client, offer, make_moderator, make_session, link_path
):
    moderator = make_moderator()
    start = next_weekday_at(0, 17)
    services.add_assignment(make_session(starts_at=start), moderator, "assign")
    overlapping = offer(moderator, starts_at=start + timedelta(minutes=30))
    response = client.post(link_path(overlapping, "accept"))
    assert response.status_code == 409
    assert "hat zu dieser Zeit schon eine andere Veranstaltung" in response.text
    db.session.refresh(overlapping)
    assert overlapping.status == "offered"


def test_a_tampered_link_gets_a_friendly_page(client, offer, make_moderator, link_path):
    assignment = offer(make_moderator())
    path = link_path(assignment, "accept")
    tampered = path[:-6] + ("AAAAAA" if not path.endswith("AAAAAA") else "BBBBBB")
    for response in (client.get(tampered), client.post(tampered)):
        assert response.status_code == 410
        assert "Link nicht mehr gültig" in response.text
    db.session.refresh(assignment)
    assert assignment.status == "offered"


def test_a_link_for_another_assignment_cannot_be_forged_from_a_valid_one(
    client, offer, make_moderator, link_path
):
    mine = offer(make_moderator())
    other = offer(make_moderator())
    token = link_path(mine, "accept").rsplit("/", 1)[1]
    payload, rest = token.split(".", 1)
    forged_payload = link_path(other, "accept").rsplit("/", 1)[1].split(".", 1)[0]
    assert client.post(f"/offers/{forged_payload}.{rest}").status_code == 410
    db.session.refresh(other)
    assert other.status == "offered"


def test_an_expired_link_gets_the_expired_page(
    app, client, offer, make_moderator, link_path, monkeypatch
):
    assignment = offer(make_moderator())
    path = link_path(assignment, "accept")
    monkeypatch.setitem(app.config, "OFFER_LINK_MAX_AGE", timedelta(seconds=-1))
    response = client.post(path)
    assert response.status_code == 410
    assert "abgelaufen" in response.text
    db.session.refresh(assignment)
    assert assignment.status == "offered"


def test_someone_signed_in_elsewhere_sees_only_that_offer(
    client, login_as, offer, make_moderator, make_session, link_path
):
    login_as("moderator")
    owner = make_moderator("Leyla", "Demir")
    offer(owner, session=make_session(venue_name="Ein anderer Ort"))
    assignment = offer(owner, venue_name="Der Ort aus der Mail")
    response = client.get(link_path(assignment, "accept"))
    assert response.status_code == 200
    assert "Der Ort aus der Mail" in response.text
    assert "Ein anderer Ort" not in response.text


def test_link_to_an_offer_whose_session_has_begun_cannot_be_answered(
    client, offer, make_moderator, link_path
):
    assignment = offer(make_moderator())
    path = link_path(assignment, "accept")
    for moment in (assignment.session, assignment):
        moment.starts_at -= timedelta(days=30)
        moment.ends_at -= timedelta(days=30)
    db.session.commit()
    response = client.post(path)
    assert response.status_code == 410
    assert "Diese Veranstaltung hat schon begonnen." in response.text
    db.session.refresh(assignment)
    assert assignment.status == "offered"
