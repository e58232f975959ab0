"""What the mails about requests and sessions say, to whom, in which language, with what attached.

Each test lets the services queue their mails, runs `flask send-mail` against a real SMTP
server and reads what arrived.
"""

import re
from datetime import timedelta

import pytest

from moderators.extensions import db
from moderators.scheduling import services, session_changes
from moderators.scheduling.models import ACCEPTED

LINK = re.compile(r"http://localhost/offers/[\w.-]+")


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(("html",)).get_content()


def attachments_of(message) -> dict[str, bytes]:
    return {
        part.get_filename(): part.get_payload(decode=True) for part in message.iter_attachments()
    }


@pytest.fixture
def delivered(smtp_server, send_mail):
    """Send the outbox and return the one message that reached `address`."""

    def read(address: str, subject_starts: str = ""):
        send_mail()
        messages = [m for m in smtp_server.to(address) if m["Subject"].startswith(subject_starts)]
        assert len(messages) == 1, [m["Subject"] for m in smtp_server.to(address)]
        return messages[0]

    return read


@pytest.fixture
def ayse(make_moderator):
    return make_moderator(
        first_name="Ayşe", last_name="Yılmaz", email="ayse.yilmaz@example.org", phone="0176 5550123"
    )


@pytest.fixture
def offered(app, make_request, make_school, ayse):
    """A request by Schule am Park, scheduled and offered to Ayşe."""
    school = make_school("Schule am Park", contact_email="sekretariat@park.example")
    with app.test_request_context():
        request = make_request(school=school, notes="Bitte Material auf Türkisch mitbringen.")
        session = services.schedule_request(request, request.slots[0].starts_at, [ayse.id], "offer")
    return session.assignments[0]


def test_the_offer_carries_links_that_answer_it(app, client, offered, delivered):
    message = delivered("ayse.yilmaz@example.org", "Angebot")
    text = text_of(message)
    for fact in ("Montag", "17:00–18:30 Uhr", "Schulweg", "Türkisch", "Schule am Park"):
        assert fact in text
    assert "Erwartete Eltern: 20" in text
    accept, decline = LINK.findall(text)
    assert f'href="{accept}"' in html_of(message) and f'href="{decline}"' in html_of(message)

    assert client.get(decline).status_code == 200  # opening a link only shows the offer
    assert client.post(accept).status_code == 200
    db.session.refresh(offered)
    assert offered.status == ACCEPTED


def test_the_school_confirmation_names_only_the_moderators_first_name(
    app, offered, delivered, ayse
):
    with app.test_request_context():
        services.accept(offered)

    message = delivered("sekretariat@park.example", "Bestätigt")
    text, html = text_of(message), html_of(message)
    assert "Moderiert von: Ayşe" in text
    ((filename, ics),) = attachments_of(message).items()
    assert filename.endswith(".ics")
    assert ics.startswith(b"BEGIN:VCALENDAR")
    for private in ("Yılmaz", "ayse.yilmaz@example.org", "0176 5550123"):
        assert private not in text
        assert private not in html
        assert private.encode() not in ics


def test_the_moderator_confirmation_has_the_address_and_the_calendar_file(app, offered, delivered):
    with app.test_request_context():
        services.accept(offered)

    message = delivered("ayse.yilmaz@example.org", "Bestätigt")
    text = text_of(message)
    assert "Sie sind für diese Informationsveranstaltung fest eingeplant" in text
    assert "Schulweg" in text and "Ansprechperson der Schule: Frau Beispiel" in text
    assert "Hinweise: Bitte Material auf Türkisch mitbringen." in text
    ((filename, ics),) = attachments_of(message).items()
    assert filename.endswith(".ics") and ics.startswith(b"BEGIN:VCALENDAR")


def test_each_mail_is_written_in_its_recipients_language(app, make_user, ayse, offered, delivered):
    make_user("moderator", email="ayse@konto.example", moderator=ayse, locale="en")
    with app.test_request_context():
        services.accept(offered)

    english = text_of(delivered("ayse@konto.example", "Confirmed"))
    german = text_of(delivered("sekretariat@park.example", "Bestätigt"))
    assert english.startswith("Hello,")
    assert "Monday" in english and "Turkish" in english and "5:00" in english
    assert "Montag" not in english
    assert german.startswith("Guten Tag,")
    assert "Montag" in german and "Türkisch" in german
    assert '<html lang="en" dir="ltr">' in html_of(delivered("ayse@konto.example", "Confirmed"))


def test_a_declined_offer_tells_the_coordinators_who_and_why(app, make_user, offered, delivered):
    make_user("coordinator", email="koordination@example.org")
    with app.test_request_context():
        services.decline(offered, "Ich bin an dem Tag verreist.")

    message = delivered("koordination@example.org", "Angebot abgelehnt")
    assert message["Subject"].startswith("Angebot abgelehnt: Ayşe Yılmaz,")
    text = text_of(message)
    assert "Begründung: Ich bin an dem Tag verreist." in text
    assert "Besetzt: 0 von 1" in text
    assert "http://localhost/sessions/" in text


def test_when_the_session_is_staffed_the_other_offers_are_withdrawn(
    app, offered, make_moderator, delivered
):
    other = make_moderator(email="zweite@example.org")
    with app.test_request_context():
        services.add_assignment(offered.session, other, "offer")
        services.accept(offered)

    message = delivered("zweite@example.org", "Angebot zurückgezogen")
    assert "Sie brauchen nichts weiter zu tun" in text_of(message)


def test_a_moved_session_is_announced_to_moderator_and_school_with_the_new_date(
    app, offered, delivered
):
    session = offered.session
    with app.test_request_context():
        services.accept(offered)
        session_changes.reschedule(
            session, session.starts_at + timedelta(days=1), reason="Raum belegt"
        )

    for address in ("ayse.yilmaz@example.org", "sekretariat@park.example"):
        message = delivered(address, "Geändert")
        text = text_of(message)
        assert "Dienstag" in text
        assert "Grund der Änderung: Raum belegt" in text
        ((_, ics),) = attachments_of(message).items()
        assert ics.startswith(b"BEGIN:VCALENDAR")


def test_a_cancellation_reaches_everyone_involved_with_the_reason(
    app, offered, make_moderator, delivered
):
    session = offered.session
    session.moderators_needed = 2
    db.session.commit()
    other = make_moderator(email="angefragt@example.org")
    with app.test_request_context():
        services.accept(offered)
        services.add_assignment(session, other, "offer")
        session_changes.cancel_session(session, "Die Schule ist an dem Tag geschlossen.")

    for address in ("ayse.yilmaz@example.org", "angefragt@example.org", "sekretariat@park.example"):
        text = text_of(delivered(address, "Abgesagt"))
        assert "diese Informationsveranstaltung ist abgesagt" in text
        assert "Grund: Die Schule ist an dem Tag geschlossen." in text


def test_an_unfilled_request_is_reported_to_the_school(app, make_request, make_school, delivered):
    school = make_school("Schule am Park", contact_email="sekretariat@park.example")
    with app.test_request_context():
        request = make_request(school=school)
        services.mark_unfilled(request, "In den Herbstferien ist niemand frei.")

    text = text_of(delivered("sekretariat@park.example", "Ihre Anfrage"))
    assert "leider können wir Ihre Anfrage nicht besetzen" in text
    assert "In den Herbstferien ist niemand frei." in text
    assert "Schule: " not in text  # the school knows who it is
