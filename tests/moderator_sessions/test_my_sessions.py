"""A moderator sees their offers and sessions at /me/sessions and answers offers there."""

from datetime import timedelta

from moderators.extensions import db
from moderators.roster.models import Moderator
from moderators.scheduling import services
from tests.conftest import count_queries, next_weekday_at


def test_offer_shows_when_where_and_for_whom(client, login_as, offer, make_school):
    moderator = login_as("moderator").moderator
    school = make_school("Grundschule Am Park", address="Parkweg 3, 22765 Hamburg")
    offer(moderator, school=school, starts_at=next_weekday_at(0, 17), expected_parents=25)
    page = client.get("/me/sessions")
    assert page.status_code == 200
    offers = page.text.split('id="offers-heading"')[1].split('id="upcoming-heading"')[0]
    assert "Grundschule Am Park" in offers and "Parkweg 3, 22765 Hamburg" in offers
    assert "Altona" in offers and "Türkisch" in offers
    assert "17:00–18:30" in offers and "Montag" in offers and "90 Minuten" in offers
    assert "25" in offers
    assert ">Zusagen<" in offers and "Angebot ablehnen" in offers


def test_times_are_shown_in_hamburg_time_in_winter_and_summer(client, login_as, offer):
    moderator = login_as("moderator").moderator
    assignment = offer(moderator)
    assert assignment.starts_at.hour in (15, 16)  # 17:00 in Hamburg is 15:00 or 16:00 UTC
    assert "17:00–18:30" in client.get("/me/sessions").text


def test_accepted_sessions_are_listed_as_upcoming(client, login_as, make_session):
    moderator = login_as("moderator").moderator
    session = make_session(venue_name="Bürgerhaus Wilhelmsburg")
    services.add_assignment(session, moderator, "assign")
    page = client.get("/me/sessions").text
    upcoming = page.split('id="upcoming-heading"')[1].split('id="past-heading"')[0]
    assert "Bürgerhaus Wilhelmsburg" in upcoming
    assert "Zurzeit sind keine Angebote offen." in page


def test_recent_past_sessions_are_listed(client, login_as, make_session):
    moderator = login_as("moderator").moderator
    session = make_session(venue_name="Stadtteilhaus Lurup")
    (assignment,) = [services.add_assignment(session, moderator, "assign")]
    earlier = timedelta(days=30)
    for held in (session, assignment):
        held.starts_at -= earlier
        held.ends_at -= earlier
    db.session.commit()
    page = client.get("/me/sessions").text
    past = page.split('id="past-heading"')[1]
    assert "Stadtteilhaus Lurup" in past
    assert "Stadtteilhaus Lurup" not in page.split('id="past-heading"')[0]


def test_moderator_never_sees_another_moderators_offers(
    client, login_as, offer, make_moderator, make_session
):
    login_as("moderator")
    offer(make_moderator(), session=make_session(venue_name="Fremder Ort"))
    page = client.get("/me/sessions").text
    assert "Fremder Ort" not in page
    assert "Zurzeit sind keine Angebote offen." in page


def test_accepting_from_the_page_books_the_session(client, login_as, offer):
    moderator = login_as("moderator").moderator
    assignment = offer(moderator)
    response = client.post(f"/me/assignments/{assignment.id}/accept")
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/sessions")
    db.session.refresh(assignment)
    assert assignment.status == "accepted"
    page = client.get("/me/sessions").text
    assert "Ihre Zusage ist eingetragen" in page
    assert "Zurzeit sind keine Angebote offen." in page


def test_declining_with_a_reason_keeps_the_reason(client, login_as, offer):
    moderator = login_as("moderator").moderator
    assignment = offer(moderator)
    response = client.post(
        f"/me/assignments/{assignment.id}/decline",
        data={f"offer-{assignment.id}-reason": "  An dem Tag bin ich verreist.  "},
        follow_redirects=True,
    )
    assert "Ihre Ablehnung ist eingetragen" in response.text
    db.session.refresh(assignment)
    assert assignment.status == "declined"
    assert assignment.decline_reason == "An dem Tag bin ich verreist."


def test_declining_without_a_reason_is_fine(client, login_as, offer):
    moderator = login_as("moderator").moderator
    assignment = offer(moderator)
    client.post(f"/me/assignments/{assignment.id}/decline")
    db.session.refresh(assignment)
    assert assignment.status == "declined" and assignment.decline_reason == ""


def test_a_too_long_reason_is_refused_with_a_message(client, login_as, offer):
    moderator = login_as("moderator").moderator
    assignment = offer(moderator)
    response = client.post(
        f"/me/assignments/{assignment.id}/decline",
        data={f"offer-{assignment.id}-reason": "x" * 501},
        follow_redirects=True,
    )
    assert "Der Grund darf höchstens 500 Zeichen lang sein." in response.text
    db.session.refresh(assignment)
    assert assignment.status == "offered"


def test_accepting_an_overlapping_offer_shows_the_conflict(client, login_as, offer, make_session):
    moderator = login_as("moderator").moderator
    start = next_weekday_at(0, 17)
    services.add_assignment(make_session(starts_at=start), moderator, "assign")
    overlapping = offer(moderator, starts_at=start + timedelta(minutes=30))
    response = client.post(f"/me/assignments/{overlapping.id}/accept", follow_redirects=True)
    assert response.status_code == 200
    assert "hat zu dieser Zeit schon eine andere Veranstaltung" in response.text
    assert "flash--error" in response.text
    db.session.refresh(overlapping)
    assert overlapping.status == "offered"


def test_when_one_accepts_the_other_sees_the_offer_gone(
    client, login_as, make_user, make_moderator, offer, make_session
):
    session = make_session(venue_name="Haus der Jugend")
    first = make_user("moderator")
    second = make_user("moderator")
    mine = offer(first.moderator, session=session)
    theirs = offer(second.moderator, session=session)
    login_as(user=first)
    client.post(f"/me/assignments/{mine.id}/accept")

    login_as(user=second)
    assert "Haus der Jugend" not in client.get("/me/sessions").text
    response = client.post(f"/me/assignments/{theirs.id}/accept", follow_redirects=True)
    assert "Dieses Angebot ist nicht mehr offen." in response.text
    db.session.refresh(theirs)
    assert theirs.status == "withdrawn"


def test_another_moderators_assignment_is_not_found(client, login_as, offer, make_moderator):
    login_as("moderator")
    someone_else = offer(make_moderator())
    assert client.post(f"/me/assignments/{someone_else.id}/accept").status_code == 404
    assert client.post(f"/me/assignments/{someone_else.id}/decline").status_code == 404
    db.session.refresh(someone_else)
    assert someone_else.status == "offered"


def test_account_without_a_profile_gets_a_clear_404(client, login_as):
    login_as("moderator", moderator=None).moderator_id = None
    db.session.commit()
    response = client.get("/me/sessions")
    assert response.status_code == 404
    assert "mit keinem Profil verbunden" in response.text


def test_nav_links_to_my_sessions_for_moderators_only(client, login_as):
    login_as("moderator")
    assert "Meine Veranstaltungen" in client.get("/me").text
    login_as("coordinator")
    assert "Meine Veranstaltungen" not in client.get("/moderators").text


def page_queries(client, offer, moderator_id, how_many):
    moderator = db.session.get(Moderator, moderator_id)  # counting starts from an empty session
    for _ in range(how_many):
        offer(moderator)
    with count_queries() as statements:
        response = client.get("/me/sessions")
    assert response.status_code == 200
    return len(statements)


def test_page_costs_the_same_queries_for_2_and_10_offers(client, login_as, offer, make_session):
    moderator = login_as("moderator").moderator
    services.add_assignment(make_session(starts_at=next_weekday_at(2, 10)), moderator, "assign")
    moderator_id = moderator.id
    few = page_queries(client, offer, moderator_id, 2)
    many = page_queries(client, offer, moderator_id, 8)
    assert few == many


def test_each_session_links_to_its_calendar_file(client, login_as, offer):
    moderator = login_as("moderator").moderator
    assignment = offer(moderator)
    assert f"/sessions/{assignment.session_id}.ics" in client.get("/me/sessions").text
