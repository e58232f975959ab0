"""Writes with real data stay within the query budget, and do what they did: a request scheduled
for two moderators and a cohort closed, on the page and through the API, whatever the number of
people they touch. (The budget test walks every route, but posts empty forms.)"""

import pytest
from sqlalchemy import select

from moderators.auth.services import issue_api_token
from moderators.extensions import db
from moderators.notifications.models import OutboxMail
from moderators.roster.models import Moderator
from moderators.scheduling import services as scheduling
from moderators.scheduling.models import InfoSession, SessionRequest
from moderators.training import enrolments
from moderators.training.models import Cohort, Enrollment
from tests.api.scheduling_helpers import utc
from tests.conftest import count_queries, next_weekday_at

BUDGET = 8  # tests/test_query_budget.py


def sent(client, method: str, url: str, **kwargs):
    """The response, and the statements its request sent, from an empty session (as every
    request starts in production)."""
    with count_queries() as statements:
        response = client.open(url, method=method, **kwargs)
    return response, statements


def listed(statements: list[str]) -> str:
    return "\n".join(" ".join(statement.split())[:160] for statement in statements)


def bearer(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_api_token(user)}"}


def last_mail_id() -> int:
    return db.session.scalar(select(db.func.max(OutboxMail.id))) or 0


def mailed_since(mail_id: int) -> list[str]:
    """The recipients of the mails queued after that one, in order."""
    return db.session.scalars(
        select(OutboxMail.recipient).where(OutboxMail.id > mail_id).order_by(OutboxMail.id)
    ).all()


# Scheduling a request ---------------------------------------------------------------------


@pytest.fixture
def make_busy_request(make_user, make_school, make_request, make_moderator, make_session):
    """An open request from a school with an account, at two preferred times (Mondays at 17:00),
    and six active Turkish speakers free then: some with an account, one booked on another day.
    Returns the request's id, its first slot and time, the candidates' ids and the address of
    the school's account."""

    def make() -> dict:
        school = make_school()
        account = make_user("school", school=school)
        first, later = next_weekday_at(0, 17), next_weekday_at(0, 17, weeks_ahead=3)
        request = make_request(school=school, starts=[first, later])
        candidates = [make_moderator() for _ in range(6)]
        for moderator in candidates[:3]:
            make_user("moderator", moderator=moderator)
        elsewhere = make_session(starts_at=next_weekday_at(0, 17, weeks_ahead=4))
        scheduling.add_assignment(elsewhere, candidates[0], "assign")
        return {
            "id": request.id,
            "slot": request.slots[0].id,
            "starts_at": first,
            "candidates": [moderator.id for moderator in candidates],
            "school_account": account.email,
        }

    return make


def session_made_from(request_id: int) -> InfoSession:
    return db.session.scalar(select(InfoSession).where(InfoSession.request_id == request_id))


def email_of(moderator_id: int) -> str:
    moderator = db.session.get(Moderator, moderator_id)
    return moderator.user.email if moderator.user else moderator.email


def test_offering_a_request_to_two_moderators_on_its_page_stays_within_the_budget(
    client, coordinator, make_busy_request
):
    request = make_busy_request()
    first, second = request["candidates"][:2]
    form = {"slot": request["slot"], "moderator_ids": [first, second], "mode": "offer"}
    before = last_mail_id()

    response, statements = sent(client, "POST", f"/requests/{request['id']}/schedule", data=form)

    assert response.status_code == 302
    session = session_made_from(request["id"])
    assert response.location.endswith(f"/sessions/{session.id}")
    assert session.starts_at == request["starts_at"]
    assert [(a.moderator_id, a.status) for a in session.assignments] == [
        (first, "offered"),
        (second, "offered"),
    ]
    assert db.session.get(SessionRequest, request["id"]).status == "scheduled"
    assert mailed_since(before) == [email_of(first), email_of(second)]
    assert "2 Personen angeboten" in client.get(response.location).text
    assert len(statements) <= BUDGET, listed(statements)


def test_assigning_a_request_on_its_page_stays_within_the_budget(
    client, coordinator, make_busy_request
):
    request = make_busy_request()
    chosen = request["candidates"][1]
    form = {"slot": request["slot"], "moderator_ids": [chosen], "mode": "assign"}
    before = last_mail_id()

    response, statements = sent(client, "POST", f"/requests/{request['id']}/schedule", data=form)

    assert response.status_code == 302
    session = session_made_from(request["id"])
    assert [(a.moderator_id, a.status) for a in session.assignments] == [(chosen, "accepted")]
    # The moderator and the school's account are told, each with the calendar entry.
    assert mailed_since(before) == [email_of(chosen), request["school_account"]]
    assert "eingeteilt" in client.get(response.location).text
    assert len(statements) <= BUDGET, listed(statements)


def test_assigning_someone_booked_at_that_time_is_refused_on_the_page(
    client, coordinator, make_busy_request, make_session
):
    request = make_busy_request()
    busy = request["candidates"][2]
    scheduling.add_assignment(
        make_session(starts_at=request["starts_at"]), db.session.get(Moderator, busy), "assign"
    )
    form = {"slot": request["slot"], "moderator_ids": [busy], "mode": "assign"}

    response = client.post(f"/requests/{request['id']}/schedule", data=form)

    assert response.status_code == 200
    assert "schon eine andere Veranstaltung" in response.text
    assert session_made_from(request["id"]) is None
    assert db.session.get(SessionRequest, request["id"]).status == "open"


def test_offering_a_request_through_the_api_stays_within_the_budget_for_two_or_four(
    client, make_user, make_busy_request
):
    headers = bearer(make_user("coordinator"))

    def offer(count: int):
        request = make_busy_request()
        picked = request["candidates"][:count]
        body = {"starts_at": utc(request["starts_at"]), "moderator_ids": picked, "mode": "offer"}
        url = f"/api/v1/requests/{request['id']}/schedule"
        response, statements = sent(client, "POST", url, json=body, headers=headers)
        assert response.status_code == 201, response.json
        session = session_made_from(request["id"])
        assert response.headers["Location"].endswith(f"/api/v1/sessions/{session.id}")
        assert [(a["moderator_id"], a["status"]) for a in response.json["assignments"]] == [
            (moderator_id, "offered") for moderator_id in picked
        ]
        # What it answers is what was stored.
        shown = client.get(f"/api/v1/sessions/{session.id}", headers=headers).json
        assert response.json == shown
        return statements

    two, four = offer(2), offer(4)
    assert len(two) <= BUDGET, listed(two)
    assert len(four) == len(two), listed(four)


def test_assigning_a_request_through_the_api_stays_within_the_budget(
    client, make_user, make_busy_request
):
    headers = bearer(make_user("coordinator"))
    request = make_busy_request()
    chosen = request["candidates"][0]  # booked on another day: free at this time
    body = {"starts_at": utc(request["starts_at"]), "moderator_ids": [chosen], "mode": "assign"}
    url = f"/api/v1/requests/{request['id']}/schedule"

    response, statements = sent(client, "POST", url, json=body, headers=headers)

    assert response.status_code == 201, response.json
    (assignment,) = response.json["assignments"]
    assert (assignment["moderator_id"], assignment["status"]) == (chosen, "accepted")
    assert assignment["responded_at"] is not None
    assert len(statements) <= BUDGET, listed(statements)


# Closing a cohort -------------------------------------------------------------------------


@pytest.fixture
def make_closable_cohort(make_cohort):
    """A cohort of `trainees` with four modules held: all were present at every module but the
    last one, who missed two (50 %, below the completion rule's 80 %). Returns its id."""

    def make(trainees: int) -> int:
        cohort = make_cohort(held=4, trainees=trainees)
        *complete, short = cohort.enrollments
        for number, module in enumerate(cohort.modules):
            marks = {enrollment.id: "present" for enrollment in complete}
            marks[short.id] = "present" if number < 2 else "absent"
            enrolments.record_attendance(module, marks)
        return cohort.id

    return make


def outcome_of(cohort_id: int) -> list[tuple[str, str]]:
    """(enrolment status, moderator status) of each trainee, in the order of enrolment."""
    enrollments = db.session.scalars(
        select(Enrollment).where(Enrollment.cohort_id == cohort_id).order_by(Enrollment.id)
    )
    return [(e.status, e.moderator.status) for e in enrollments]


@pytest.mark.parametrize("trainees", [5, 10])
def test_closing_a_cohort_on_its_page_certifies_who_completed(
    client, coordinator, make_closable_cohort, trainees
):
    cohort_id = make_closable_cohort(trainees)

    response, statements = sent(client, "POST", f"/cohorts/{cohort_id}/close")

    assert response.status_code == 302
    assert response.location.endswith(f"/cohorts/{cohort_id}")
    assert db.session.get(Cohort, cohort_id).is_closed
    assert outcome_of(cohort_id) == [("completed", "active")] * (trainees - 1) + [
        ("not_completed", "trainee")
    ]
    page = client.get(response.location).text
    assert f"{trainees - 1} von {trainees} zertifiziert" in page
    assert len(statements) <= BUDGET, listed(statements)


def test_closing_a_cohort_on_its_page_sends_as_many_statements_for_ten_as_for_five(
    client, coordinator, make_closable_cohort
):
    five, ten = make_closable_cohort(5), make_closable_cohort(10)
    _, for_five = sent(client, "POST", f"/cohorts/{five}/close")
    _, for_ten = sent(client, "POST", f"/cohorts/{ten}/close")
    assert db.session.get(Cohort, ten).is_closed
    assert len(for_ten) == len(for_five) <= BUDGET, listed(for_ten)


def test_closing_a_cohort_through_the_api_stays_within_the_budget_for_five_or_ten(
    client, make_user, make_closable_cohort
):
    headers = bearer(make_user("coordinator"))

    def close(trainees: int):
        cohort_id = make_closable_cohort(trainees)
        url = f"/api/v1/cohorts/{cohort_id}/close"
        response, statements = sent(client, "POST", url, headers=headers)
        assert response.status_code == 200, response.json
        outcomes = response.json["outcomes"]
        assert [o["status"] for o in outcomes] == ["completed"] * (trainees - 1) + ["not_completed"]
        assert [o["attendance_rate"] for o in outcomes[-2:]] == [1.0, 0.5]
        assert db.session.get(Cohort, cohort_id).is_closed
        assert outcome_of(cohort_id)[0] == ("completed", "active")
        # Closed once: a second close is refused.
        assert client.post(url, headers=headers).status_code == 409
        return statements

    five, ten = close(5), close(10)
    assert len(five) <= BUDGET, listed(five)
    assert len(ten) == len(five), listed(ten)
