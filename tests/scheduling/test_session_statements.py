"""A session's page and the changes to a session (page and API) stay within the query budget,
and what they answer after a change is what was stored."""

from datetime import timedelta

import pytest

from moderators.auth.services import issue_api_token
from moderators.extensions import db
from moderators.notifications.models import OutboxMail
from moderators.scheduling import services
from moderators.scheduling.models import InfoSession
from tests.conftest import count_queries

BUDGET = 8  # tests/test_query_budget.py


@pytest.fixture
def staffed(make_user, make_school, make_session, make_moderator):
    """A session at a school with an account, one moderator booked and two offered."""
    school = make_school("Schule am Park")
    make_user("school", school=school)
    session = make_session(school=school, moderators_needed=3)
    services.add_assignment(session, make_moderator(email="gebucht@example.org"), "assign")
    for _ in range(2):
        services.add_assignment(session, make_moderator(), "offer")
    return session.id


def statements_of(client, method: str, url: str, **kwargs) -> tuple[list[str], object]:
    db.session.remove()  # as in production: nothing loaded before the request
    with count_queries() as statements:
        response = client.open(url, method=method, **kwargs)
    return statements, response


def test_the_session_page_reads_the_session_in_one_statement(
    client, coordinator, staffed, make_moderator
):
    few, page = statements_of(client, "GET", f"/sessions/{staffed}")
    assert page.status_code == 200 and "Schule am Park" in page.text
    # The user, the session with its assignments and their reports, and the candidates.
    # (Matching's look for the next session to begin reads sessions in a subquery.)
    reads = [s for s in few if s.startswith("SELECT info_session.") and "JOIN assignment" in s]
    assert len(reads) == 1
    for _ in range(3):
        services.add_assignment(db.session.get(InfoSession, staffed), make_moderator(), "offer")
    many, _ = statements_of(client, "GET", f"/sessions/{staffed}")
    assert len(many) == len(few) <= BUDGET


@pytest.mark.parametrize("action", ["reschedule", "cancel"])
def test_a_change_refused_by_its_form_shows_the_page_within_the_budget(
    client, coordinator, staffed, action
):
    statements, response = statements_of(client, "POST", f"/sessions/{staffed}/{action}")
    assert response.status_code == 200 and "Bitte" in response.text
    assert len(statements) <= BUDGET, "\n".join(statements)


def test_moving_a_session_on_its_page_stays_within_the_budget(client, coordinator, staffed):
    session = db.session.get(InfoSession, staffed)
    day = (session.starts_at + timedelta(days=7)).date().isoformat()
    before = db.session.scalar(db.select(db.func.max(OutboxMail.id)))
    data = {"day": day, "starts": "18:00", "duration_minutes": 90, "reason": "Raum belegt"}
    statements, response = statements_of(
        client, "POST", f"/sessions/{staffed}/reschedule", data=data
    )
    assert response.status_code == 302
    assert len(statements) <= BUDGET, "\n".join(statements)
    recipients = db.session.scalars(db.select(OutboxMail.recipient).where(OutboxMail.id > before))
    # The booked and the two offered moderators, and the school's account.
    assert len(set(recipients)) == 4


def test_cancelling_a_session_on_its_page_stays_within_the_budget(client, coordinator, staffed):
    statements, response = statements_of(
        client, "POST", f"/sessions/{staffed}/cancel", data={"reason": "Schule geschlossen"}
    )
    assert response.status_code == 302
    assert len(statements) <= BUDGET, "\n".join(statements)
    session = db.session.get(InfoSession, staffed)
    assert session.status == "cancelled"
    assert {a.status for a in session.assignments} == {"withdrawn"}


def test_offering_a_session_on_its_page_stays_within_the_budget(
    client, coordinator, staffed, make_moderator
):
    moderator_id = make_moderator(email="neu@example.org").id
    statements, response = statements_of(
        client,
        "POST",
        f"/sessions/{staffed}/assignments",
        data={"moderator_id": moderator_id, "mode": "offer"},
    )
    assert response.status_code == 302
    assert len(statements) <= BUDGET, "\n".join(statements)
    assert "neu@example.org" in db.session.scalars(db.select(OutboxMail.recipient)).all()


def test_changing_a_session_through_the_api_answers_what_was_stored(client, make_user, staffed):
    headers = {"Authorization": f"Bearer {issue_api_token(make_user('coordinator'))}"}
    url = f"/api/v1/sessions/{staffed}"
    nothing, response = statements_of(client, "PATCH", url, json={}, headers=headers)
    assert response.status_code == 200 and len(nothing) <= 4
    venue = {"name": "Aula", "address": "Parkweg 1", "district": "Harburg"}
    statements, response = statements_of(
        client, "PATCH", url, json={"venue": venue, "notes": "Eingang hinten"}, headers=headers
    )
    assert response.status_code == 200
    assert len(statements) <= BUDGET, "\n".join(statements)
    assert response.json["district"] == "Harburg" and response.json["venue"]["name"] == "Aula"
    assert response.json == client.get(url, headers=headers).json
