"""The coordinator's review: the queue, approving and returning reports and activities."""

from datetime import timedelta

import pytest

from moderators.common.models import utcnow
from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.logbook import services
from moderators.logbook.models import Activity, EventReport
from moderators.notifications.models import OutboxMail
from moderators.scheduling.models import InfoSession
from tests.conftest import count_queries


@pytest.fixture
def report_of(make_held_session, make_moderator, make_report, make_school):
    """A submitted report by a new moderator on a new session at the named school."""

    def make(first_name, school_name="Schule am Park", days_ago=3, submitted_days_ago=0):
        moderator = make_moderator(first_name, "Muster", email=f"{first_name.lower()}@example.org")
        session = make_held_session(
            days_ago=days_ago, moderators=[moderator], school=make_school(name=school_name)
        )
        report = make_report(session.accepted[0])
        report.submitted_at = utcnow() - timedelta(days=submitted_days_ago)
        db.session.commit()
        return report

    return make


@pytest.fixture
def activity_of(make_moderator):
    def make(first_name, kind="counselling", submitted_days_ago=0, **fields):
        moderator = make_moderator(first_name, "Tätig", email=f"{first_name.lower()}@example.org")
        activity = services.log_activity(
            moderator,
            type=kind,
            held_on=local_today() - timedelta(days=1),
            duration_minutes=fields.pop("duration_minutes", 60),
            people_reached=fields.pop("people_reached", 4),
            **fields,
        )
        activity.submitted_at = utcnow() - timedelta(days=submitted_days_ago)
        db.session.commit()
        return activity

    return make


def _review_mails_to(address: str) -> list[OutboxMail]:
    """Mails about a review (not the booking mails sent when the session was entered)."""
    mails = db.session.scalars(db.select(OutboxMail).where(OutboxMail.recipient == address))
    return [mail for mail in mails if "Bericht" in mail.subject or "Tätigkeit" in mail.subject]


# The queue ------------------------------------------------------------------------------


def test_queue_lists_waiting_entries_oldest_first_and_not_reviewed_ones(
    client, coordinator, report_of, activity_of
):
    report_of("Newer", "Schule Neu", submitted_days_ago=1)
    report_of("Oldest", "Schule Alt", submitted_days_ago=5)
    activity_of("Middle", submitted_days_ago=3)
    approved = report_of("Done", "Schule Fertig", submitted_days_ago=9)
    services.approve_report(approved)

    page = client.get("/reviews").text

    assert page.index("Oldest") < page.index("Middle") < page.index("Newer")
    assert "Schule Alt" in page and "Einzelberatung" in page
    assert "Schule Fertig" not in page
    reviewed = client.get("/reviews?status=approved").text
    assert "Schule Fertig" in reviewed and "Schule Alt" not in reviewed
    assert "44,00" in reviewed  # the allowance of an approved report


def test_queue_filters_by_kind_and_moderator_name(client, coordinator, report_of, activity_of):
    report_of("Ayse", "Schule Ayse")
    activity_of("Bilal")

    activities = client.get("/reviews?kind=activities").text
    reports = client.get("/reviews?kind=reports").text
    by_name = client.get("/reviews?name=ays").text

    assert "Bilal" in activities and "Schule Ayse" not in activities
    assert "Schule Ayse" in reports and "Bilal" not in reports
    assert "Schule Ayse" in by_name and "Bilal" not in by_name
    assert client.get("/reviews?kind=x&status=y&page=z").status_code == 200


def test_queue_query_count_does_not_grow_with_the_entries(
    client, coordinator, report_of, activity_of
):
    def queries_for_queue():
        with count_queries() as statements:
            assert client.get("/reviews").status_code == 200
        return len(statements)

    numbers = iter(range(100))

    def entries(n):
        for _ in range(n):
            number = next(numbers)
            report_of(f"Report{number}", days_ago=2 + number)
            activity_of(f"Activity{number}", languages=[])

    entries(1)
    few = queries_for_queue()
    entries(6)
    assert queries_for_queue() == few


def test_the_request_queue_links_to_the_review_queue_with_the_number_waiting(
    client, coordinator, report_of, activity_of
):
    report_of("Ayse")
    activity_of("Bilal")

    page = client.get("/requests").text

    assert 'href="/reviews"' in page
    assert 'class="count-badge">2' in page


# Reports --------------------------------------------------------------------------------


def test_report_page_shows_the_report_the_session_and_who_entered_it(
    client, coordinator, report_of
):
    report = report_of("Ayse", "Schule am Hafen")
    report.notes = "Viele Fragen zur Oberstufe."
    report.created_by_id = coordinator.id
    db.session.commit()

    page = client.get(f"/reports/{report.id}").text

    assert "Schule am Hafen" in page and "Viele Fragen zur Oberstufe." in page
    assert "Ayse Muster" in page and coordinator.email in page
    assert "für die Moderator*in nachgetragen" in page
    assert f'action="/reports/{report.id}/approve' in page
    assert client.get("/reports/99999999999").status_code == 404


def test_approving_a_report_holds_the_session_and_tells_the_moderator(
    client, coordinator, report_of
):
    report = report_of("Ayse", submitted_days_ago=2)
    waiting = report_of("Bilal", submitted_days_ago=1)

    response = client.post(
        f"/reports/{report.id}/approve", data={"approve-comment": "Danke, sehr gut!"}
    )

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/reports/{waiting.id}")  # on to the next
    db.session.expire_all()
    approved = db.session.get(EventReport, report.id)
    assert approved.status == "approved" and approved.allowance_cents == 4400
    assert db.session.get(InfoSession, report.session_id).status == "held"
    mails = _review_mails_to("ayse@example.org")
    assert len(mails) == 1 and "Danke, sehr gut!" in mails[0].body_text
    page = client.get(response.headers["Location"]).text
    assert "ist freigegeben" in page and "44,00" in page
    reviewed = client.get(f"/reports/{report.id}").text
    assert "freigegeben" in reviewed and "44,00" in reviewed and "Danke, sehr gut!" in reviewed
    assert "/approve" not in reviewed  # no forms for a reviewed report


def test_approving_the_last_waiting_entry_goes_back_to_the_queue(client, coordinator, report_of):
    report = report_of("Ayse")

    response = client.post(f"/reports/{report.id}/approve", follow_redirects=True)

    assert response.request.path == "/reviews"
    assert "Es wartet nichts mehr auf eine Prüfung." in response.text


def test_returning_a_report_needs_a_comment(client, coordinator, report_of):
    report = report_of("Ayse")

    response = client.post(f"/reports/{report.id}/return", data={"return-comment": "  "})

    assert response.status_code == 200
    assert 'id="return-comment-error"' in response.text
    db.session.expire_all()
    assert db.session.get(EventReport, report.id).status == "submitted"
    assert _review_mails_to("ayse@example.org") == []


def test_returning_a_report_sends_the_comment_to_the_moderator(client, coordinator, report_of):
    report = report_of("Ayse")

    response = client.post(
        f"/reports/{report.id}/return",
        data={"return-comment": "Bitte die Zahl der Eltern prüfen."},
        follow_redirects=True,
    )

    assert response.status_code == 200 and "zurückgegeben" in response.text
    db.session.expire_all()
    returned = db.session.get(EventReport, report.id)
    assert returned.status == "returned"
    assert returned.review_comment == "Bitte die Zahl der Eltern prüfen."
    assert db.session.get(InfoSession, report.session_id).status == "planned"
    (mail,) = _review_mails_to("ayse@example.org")
    assert "Bitte die Zahl der Eltern prüfen." in mail.body_text
    page = client.get(f"/reports/{report.id}").text
    assert "Bitte die Zahl der Eltern prüfen." in page and "Verlauf" in page


def test_reviewing_a_reviewed_report_again_is_refused_with_a_message(
    client, coordinator, report_of
):
    report = report_of("Ayse")
    services.approve_report(report)

    again = client.post(f"/reports/{report.id}/approve", follow_redirects=True)
    back = client.post(f"/reports/{report.id}/return", data={"return-comment": "Doch nicht"})
    empty = client.post(f"/reports/{report.id}/return", data={})

    assert again.status_code == 200
    assert "Dieser Eintrag wartet nicht auf eine Prüfung." in again.text
    assert back.status_code == 302 and empty.status_code == 200
    assert "Dieser Eintrag ist schon geprüft." in empty.text
    db.session.expire_all()
    assert db.session.get(EventReport, report.id).status == "approved"
    assert len(_review_mails_to("ayse@example.org")) == 1


def test_a_report_on_a_session_that_did_not_take_place_cancels_it(
    client, coordinator, make_held_session, make_report
):
    session = make_held_session()
    report = make_report(
        session.accepted[0], took_place=False, reason_if_not="Niemand kam.", travel_minutes=40
    )

    client.post(f"/reports/{report.id}/approve")

    db.session.expire_all()
    assert db.session.get(InfoSession, session.id).status == "cancelled"
    assert db.session.get(EventReport, report.id).allowance_cents == 1200  # the travel only


# Activities -----------------------------------------------------------------------------


def test_approving_an_activity(client, coordinator, activity_of):
    activity = activity_of("Bilal", notes="Familie zum Elternabend begleitet.")

    page = client.get(f"/activities/{activity.id}").text
    response = client.post(f"/activities/{activity.id}/approve", follow_redirects=True)

    assert "Einzelberatung" in page and "Familie zum Elternabend begleitet." in page
    assert "ist freigegeben" in response.text and "27,00" in response.text
    db.session.expire_all()
    assert db.session.get(Activity, activity.id).status == "approved"
    assert len(_review_mails_to("bilal@example.org")) == 1


def test_returning_an_activity_needs_a_comment_and_sends_it(client, coordinator, activity_of):
    activity = activity_of("Bilal")

    without = client.post(f"/activities/{activity.id}/return", data={})
    assert 'id="return-comment-error"' in without.text
    response = client.post(
        f"/activities/{activity.id}/return", data={"return-comment": "Welche Sprache?"}
    )

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Activity, activity.id).status == "returned"
    (mail,) = _review_mails_to("bilal@example.org")
    assert "Welche Sprache?" in mail.body_text


# Who may --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["moderator", "school"])
def test_only_coordinators_review(client, login_as, report_of, activity_of, role):
    report = report_of("Ayse")
    activity = activity_of("Bilal")
    user = login_as(role)
    if role == "moderator":
        user.moderator = report.moderator  # not even their own report
        db.session.commit()

    for url in ("/reviews", f"/reports/{report.id}", f"/activities/{activity.id}"):
        assert client.get(url).status_code == 403
    for url in (
        f"/reports/{report.id}/approve",
        f"/reports/{report.id}/return",
        f"/activities/{activity.id}/approve",
        f"/activities/{activity.id}/return",
    ):
        assert client.post(url, data={"return-comment": "x"}).status_code == 403
    db.session.expire_all()
    assert db.session.get(EventReport, report.id).status == "submitted"
    assert db.session.get(Activity, activity.id).status == "submitted"
