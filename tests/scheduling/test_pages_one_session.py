"""The coordinator's page of one session: who is on it, offering, moving and cancelling it."""

from datetime import time

from moderators.common.timezone import local_datetime, to_local
from moderators.extensions import db
from moderators.notifications.models import OutboxMail
from moderators.scheduling import services
from moderators.scheduling.models import InfoSession
from tests.conftest import count_queries, next_weekday_at


def _last_mail_id() -> int:
    return db.session.scalar(db.select(db.func.max(OutboxMail.id))) or 0


def _recipients_since(mail_id: int) -> set[str]:
    """Who was sent a mail after `mail_id`."""
    return set(db.session.scalars(db.select(OutboxMail.recipient).where(OutboxMail.id > mail_id)))


# One session ----------------------------------------------------------------------------


def test_session_page_shows_assignments_and_further_candidates(
    client, coordinator, make_session, make_moderator
):
    session = make_session(moderators_needed=2)
    declined = make_moderator("Derya", "Abgelehnt")
    booked = make_moderator("Berk", "Eingeteilt")
    make_moderator("Filiz", "Frei", districts=("Altona",))
    make_moderator("Pelin", "Pausiert", status="paused")
    services.add_assignment(session, declined, "offer")
    services.decline(session.assignments[0], "Da bin ich verreist.")
    services.add_assignment(session, booked, "assign")

    page = client.get(f"/sessions/{session.id}").text

    assignments = page[page.index('id="assignments"') : page.index('id="candidates"')]
    assert "Abgelehnt, Derya" in assignments and "Da bin ich verreist." in assignments
    assert "Eingeteilt, Berk" in assignments and "zugesagt" in assignments
    candidates = page[page.index('id="candidates"') :]
    assert "Frei, Filiz" in candidates and "Abgelehnt, Derya" in candidates
    assert "Eingeteilt, Berk" not in candidates
    assert "Pausiert, Pelin" in candidates and "nicht aktiv" in candidates
    assert "1 von 2 zugesagt" in page


def test_offering_and_assigning_from_the_session_page(
    client, coordinator, make_session, make_moderator
):
    session = make_session(moderators_needed=2)
    offered, assigned = make_moderator(), make_moderator()
    before = _last_mail_id()

    first = client.post(
        f"/sessions/{session.id}/assignments", data={"moderator_id": offered.id, "mode": "offer"}
    )
    after_offer = _last_mail_id()
    second = client.post(
        f"/sessions/{session.id}/assignments", data={"moderator_id": assigned.id, "mode": "assign"}
    )

    assert first.status_code == second.status_code == 302
    db.session.expire_all()
    states = {a.moderator_id: a.status for a in db.session.get(InfoSession, session.id).assignments}
    assert states == {offered.id: "offered", assigned.id: "accepted"}
    assert _recipients_since(before) - _recipients_since(after_offer) == {offered.email}
    assert assigned.email in _recipients_since(after_offer)
    page = client.get(f"/sessions/{session.id}").text
    assert "ist eingeteilt und erhält eine E-Mail" in page


def test_assigning_to_a_full_session_is_refused_with_a_message(
    client, coordinator, make_session, make_moderator
):
    session = make_session()
    services.add_assignment(session, make_moderator(), "assign")
    late = make_moderator()

    page = client.get(f"/sessions/{session.id}").text
    response = client.post(
        f"/sessions/{session.id}/assignments",
        data={"moderator_id": late.id, "mode": "assign"},
        follow_redirects=True,
    )

    assert "Die Veranstaltung ist vollständig besetzt." in page
    assert "Die Veranstaltung ist schon besetzt." in response.text
    db.session.expire_all()
    assert len(db.session.get(InfoSession, session.id).assignments) == 1
    nobody = client.post(f"/sessions/{session.id}/assignments", data={"mode": "offer"})
    assert nobody.status_code == 302


def test_rescheduling_needs_a_reason_and_tells_the_people_involved(
    client, coordinator, make_session, make_moderator
):
    session = make_session()
    moderator = make_moderator(availability=((0, time(9), time(21)), (2, time(9), time(21))))
    services.add_assignment(session, moderator, "assign")
    before = session.starts_at
    new_day = to_local(next_weekday_at(2, 18)).date()
    data = {"day": new_day.isoformat(), "starts": "18:00", "duration_minutes": "120"}

    without_reason = client.post(f"/sessions/{session.id}/reschedule", data=data)
    assert without_reason.status_code == 200
    assert 'id="reschedule-reason-error"' in without_reason.text
    assert db.session.get(InfoSession, session.id).starts_at == before

    before_mails = _last_mail_id()
    response = client.post(
        f"/sessions/{session.id}/reschedule", data={**data, "reason": "Die Aula ist belegt."}
    )

    assert response.status_code == 302
    db.session.expire_all()
    moved = db.session.get(InfoSession, session.id)
    assert moved.starts_at == local_datetime(new_day, time(18))
    assert moved.duration_minutes == 120
    recipients = _recipients_since(before_mails)
    assert recipients == {moderator.email, session.school.contact_email}


def test_rescheduling_onto_another_booking_is_refused(
    client, coordinator, make_session, make_moderator
):
    moderator = make_moderator()
    session = make_session(starts_at=next_weekday_at(0, 17))
    other = make_session(starts_at=next_weekday_at(2, 17))
    services.add_assignment(session, moderator, "assign")
    services.add_assignment(other, moderator, "assign")
    before, before_mails = session.starts_at, _last_mail_id()
    new_day = to_local(other.starts_at).date()

    response = client.post(
        f"/sessions/{session.id}/reschedule",
        data={
            "day": new_day.isoformat(),
            "starts": "17:00",
            "duration_minutes": "90",
            "reason": "Tausch",
        },
    )

    assert response.status_code == 200
    assert "hat zu dieser Zeit schon eine andere Veranstaltung" in response.text
    db.session.expire_all()
    assert db.session.get(InfoSession, session.id).starts_at == before
    assert _recipients_since(before_mails) == set()


def test_cancelling_needs_a_reason_and_tells_the_people_involved(
    client, coordinator, make_session, make_moderator
):
    session = make_session()
    moderator = make_moderator()
    services.add_assignment(session, moderator, "assign")

    without_reason = client.post(f"/sessions/{session.id}/cancel", data={"reason": ""})
    assert 'id="cancel-reason-error"' in without_reason.text
    assert db.session.get(InfoSession, session.id).status == "planned"

    before_mails = _last_mail_id()
    response = client.post(
        f"/sessions/{session.id}/cancel", data={"reason": "Die Schule ist geschlossen."}
    )

    assert response.status_code == 302
    db.session.expire_all()
    cancelled = db.session.get(InfoSession, session.id)
    assert cancelled.status == "cancelled" and cancelled.assignments[0].status == "withdrawn"
    recipients = _recipients_since(before_mails)
    assert recipients == {moderator.email, session.school.contact_email}
    page = client.get(f"/sessions/{session.id}").text
    assert "Die Schule ist geschlossen." in page and "Verschieben" not in page
    again = client.post(f"/sessions/{session.id}/cancel", data={"reason": "Noch einmal"})
    assert "Die Veranstaltung hat schon begonnen oder ist nicht mehr geplant." in again.text


def test_session_page_query_count_does_not_grow_with_the_pool(
    client, coordinator, make_session, make_moderator
):
    session_id = make_session(moderators_needed=3).id

    def queries_for_page():
        with count_queries() as statements:
            assert client.get(f"/sessions/{session_id}").status_code == 200
        return len(statements)

    def speakers(n):
        for i in range(n):
            moderator = make_moderator(status=("active", "paused")[i % 4 == 1])
            if i % 3 == 0 and moderator.status == "active":
                services.add_assignment(db.session.get(InfoSession, session_id), moderator, "offer")

    speakers(5)
    few = queries_for_page()
    speakers(35)
    assert queries_for_page() == few
