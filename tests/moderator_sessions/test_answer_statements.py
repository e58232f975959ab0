"""Answering an offer and the page of one's sessions stay within a few SQL statements, and an
answer still stores its audit row and all its mails."""

from datetime import timedelta

import pytest

from moderators.auth.services import issue_api_token
from moderators.common.audit import AuditLog
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.logbook.queries import count_reports_due
from moderators.notifications.models import OutboxMail
from moderators.scheduling import services
from moderators.scheduling.models import Assignment, InfoSession
from tests.conftest import count_queries, next_weekday_at

BUDGET = 8  # tests/test_query_budget.py


@pytest.fixture
def contested(make_user, make_school, make_session, make_moderator, offer):
    """A session at a school with two accounts, needing one moderator, offered to a moderator
    with an account and to two others; returns (that moderator's user, their offer's id)."""
    school = make_school("Schule am Park")
    make_user("school", school=school, locale="tr")
    make_user("school", school=school)
    user = make_user("moderator", locale="ar")
    session = make_session(school=school, moderators_needed=1)
    mine = offer(user.moderator, session=session)
    for other in (make_moderator(), make_moderator()):
        offer(other, session=session)
    return user, mine.id


def mails_since(before: int) -> list[tuple[str, str]]:
    return db.session.execute(
        db.select(OutboxMail.recipient, OutboxMail.subject)
        .where(OutboxMail.id > before)
        .order_by(OutboxMail.id)
    ).all()


def last_mail_id() -> int:
    return db.session.scalar(db.select(db.func.max(OutboxMail.id))) or 0


def test_accepting_on_the_page_books_audits_and_mails_within_the_budget(
    client, login_as, contested
):
    user, offer_id = contested
    login_as(user=user)
    before = last_mail_id()
    with count_queries() as statements:
        response = client.post(f"/me/assignments/{offer_id}/accept")
    assert response.status_code == 302
    assert len(statements) <= BUDGET, "\n".join(statements)

    session = db.session.get(Assignment, offer_id).session
    assert sorted(a.status for a in session.assignments) == ["accepted", "withdrawn", "withdrawn"]
    actions = db.session.scalars(db.select(AuditLog.action).where(AuditLog.object_id == offer_id))
    assert "assignment.accept" in list(actions)
    mails = mails_since(before)
    # The moderator (in Arabic), both school accounts, and the two whose offers were withdrawn.
    assert len(mails) == 5
    assert mails[0][0] == user.email and mails[0][1].startswith("تم التأكيد")
    assert sum(subject.startswith("Onaylandı") for _, subject in mails) == 1
    assert sum(subject.startswith("Angebot zurückgezogen") for _, subject in mails) == 2


def test_accepting_through_the_api_answers_within_the_budget(app, client, contested):
    user, offer_id = contested
    headers = {"Authorization": f"Bearer {issue_api_token(user)}"}
    before = last_mail_id()
    with count_queries() as statements:
        response = client.post(f"/api/v1/assignments/{offer_id}/accept", headers=headers, json={})
    assert response.status_code == 200
    assert len(statements) <= BUDGET, "\n".join(statements)
    assert response.json["status"] == "accepted" and response.json["responded_at"]
    assert len(mails_since(before)) == 5


def test_declining_on_the_page_tells_the_office_within_the_budget(
    client, login_as, contested, make_user
):
    make_user("coordinator")
    user, offer_id = contested
    name = user.moderator.full_name
    login_as(user=user)
    before = last_mail_id()
    with count_queries() as statements:
        response = client.post(
            f"/me/assignments/{offer_id}/decline", data={f"offer-{offer_id}-reason": "Urlaub"}
        )
    assert response.status_code == 302
    assert len(statements) <= BUDGET, "\n".join(statements)
    assignment = db.session.get(Assignment, offer_id)
    assert assignment.status == "declined" and assignment.decline_reason == "Urlaub"
    (mail,) = mails_since(before)
    assert mail[1].startswith(f"Angebot abgelehnt: {name}, ")


def test_a_refused_accept_stores_no_mail_and_no_audit_row(client, login_as, offer, make_session):
    moderator = login_as("moderator").moderator
    start = next_weekday_at(0, 17)
    services.add_assignment(make_session(starts_at=start), moderator, "assign")
    overlapping = offer(moderator, starts_at=start + timedelta(minutes=30))
    before = last_mail_id()
    client.post(f"/me/assignments/{overlapping.id}/accept")
    assert mails_since(before) == []
    audit = db.select(AuditLog).where(
        AuditLog.action == "assignment.accept", AuditLog.object_id == overlapping.id
    )
    assert db.session.scalars(audit).all() == []


def test_the_page_of_ones_sessions_reads_its_lists_in_one_statement(
    client, login_as, offer, make_session, make_held_session, make_report
):
    moderator = login_as("moderator").moderator
    offer(moderator)
    services.add_assignment(make_session(starts_at=next_weekday_at(2, 10)), moderator, "assign")
    for days_ago in (3, 10, 20):
        held = make_held_session(days_ago=days_ago, moderators=[moderator])
        if days_ago == 10:
            make_report(held.accepted[0])
    moderator_id = moderator.id
    with count_queries() as statements:
        page = client.get("/me/sessions")
    assert page.status_code == 200
    assert len(statements) == 2  # the user; offers, sessions ahead and past, reports due
    due = count_reports_due(moderator_id)
    assert due == 2
    assert "2 Berichte offen" in page.text
    assert page.text.count("Bericht ansehen") == 1 and page.text.count("Bericht schreiben") == 2


def test_the_reports_due_count_without_a_session_that_is_over(client, login_as, make_session):
    moderator = login_as("moderator").moderator
    running = make_session(starts_at=next_weekday_at(0, 17))
    services.add_assignment(running, moderator, "assign")
    # It began an hour ago and is not over yet: its report is due, it is not in the past list.
    session = db.session.get(InfoSession, running.id)
    shift = utcnow() - timedelta(hours=1) - session.starts_at
    for row in (session, *session.assignments):
        row.starts_at += shift
        row.ends_at += shift
    db.session.commit()
    page = client.get("/me/sessions").text
    assert count_reports_due(moderator.id) == 1
    assert "1 Bericht offen" in page
    assert "Noch keine vergangenen Veranstaltungen." in page
