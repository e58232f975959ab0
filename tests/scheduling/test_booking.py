"""Offers, acceptance and the rule that nobody is booked twice."""

import pytest

from moderators.extensions import db
from moderators.notifications.models import OutboxMail
from moderators.scheduling import services, session_changes
from moderators.scheduling.booking import SchedulingError
from tests.conftest import next_weekday_at


def test_request_becomes_a_session_offered_and_accepted(make_request, make_moderator):
    request = make_request()
    moderator = make_moderator()
    session = services.schedule_request(
        request, request.slots[0].starts_at, [moderator.id], "offer"
    )
    (offer,) = session.assignments
    assert offer.status == "offered" and request.status == "scheduled"
    services.accept(offer)
    assert offer.status == "accepted"
    recipients = set(db.session.scalars(db.select(OutboxMail.recipient)))
    assert moderator.email in recipients


def test_when_one_accepts_the_other_offers_are_withdrawn(make_session, make_moderator):
    session = make_session()
    first, second = make_moderator(), make_moderator()
    services.add_assignment(session, first, "offer")
    services.add_assignment(session, second, "offer")
    services.accept(session.assignments[0])
    assert [a.status for a in session.assignments] == ["accepted", "withdrawn"]
    with pytest.raises(SchedulingError) as error:
        services.accept(session.assignments[1])
    assert error.value.gone


def test_overlapping_accept_is_refused(make_session, make_moderator):
    moderator = make_moderator()
    start = next_weekday_at(0, 17)
    one = make_session(starts_at=start)
    other = make_session(starts_at=start.replace(minute=30))
    services.add_assignment(one, moderator, "assign")
    services.add_assignment(other, moderator, "offer")
    with pytest.raises(SchedulingError) as error:
        services.accept(other.assignments[0])
    assert error.value.conflict
    assert other.assignments[0].status == "offered"


def test_travel_buffer_keeps_back_to_back_sessions_apart(make_session, make_moderator):
    moderator = make_moderator()
    one = make_session(starts_at=next_weekday_at(0, 16), duration=60)
    close = make_session(starts_at=next_weekday_at(0, 17, 15), duration=60)
    services.add_assignment(one, moderator, "assign")
    with pytest.raises(SchedulingError):
        services.add_assignment(close, moderator, "assign")


def test_moving_a_session_tells_the_offered_moderators_too(make_session, make_moderator):
    from datetime import timedelta

    session = make_session()
    offered = make_moderator(email="angebot@example.org")
    services.add_assignment(session, offered, "offer")
    session_changes.reschedule(session, session.starts_at + timedelta(days=1), reason="Raum belegt")
    subjects = db.session.scalars(
        db.select(OutboxMail.subject).where(OutboxMail.recipient == "angebot@example.org")
    ).all()
    assert any(subject.startswith("Geändert") for subject in subjects)


def test_fewer_moderators_needed_withdraws_the_open_offers_and_says_so(
    make_session, make_moderator
):
    session = make_session(moderators_needed=2)
    booked, waiting = make_moderator(), make_moderator(email="wartet@example.org")
    services.add_assignment(session, booked, "assign")
    services.add_assignment(session, waiting, "offer")
    session_changes.update_session(session, moderators_needed=1)
    assert session.assignments[1].status == "withdrawn"
    subjects = db.session.scalars(
        db.select(OutboxMail.subject).where(OutboxMail.recipient == "wartet@example.org")
    ).all()
    assert any(subject.startswith("Angebot zurückgezogen") for subject in subjects)
